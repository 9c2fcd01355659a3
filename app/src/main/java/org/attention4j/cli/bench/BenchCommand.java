package org.attention4j.cli.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code attn bench}: the group of benchmark workloads; register new workloads here. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Times a workload: warm-up, then repeats; median/min/max, GC, rate.",
        "Add --json for one JSON line (the fields bench/compare.sh reads)."},
    subcommands = {BenchGemmCommand.class, BenchAttentionCommand.class, BenchTrainStepCommand.class,
        BenchDecodeCommand.class})
public final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** Creates the command; picocli instantiates it. */
  public BenchCommand() {}

  /** Without a workload there is nothing to time: a usage error that lists the workloads. */
  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(),
        "missing workload; one of: " + String.join(", ", spec.subcommands().keySet()));
  }
}
