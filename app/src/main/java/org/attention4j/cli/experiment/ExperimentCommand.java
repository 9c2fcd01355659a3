package org.attention4j.cli.experiment;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code attn experiment}: experiments that reproduce the classic claims about attention. */
@Command(name = "experiment", mixinStandardHelpOptions = true,
    description = "Experiments that reproduce classic claims about attention (results: docs/experiments.md).",
    subcommands = {LengthCurveCommand.class, AlignmentCommand.class})
public final class ExperimentCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** Without a subcommand there is nothing to do: a usage error that lists the experiments. */
  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(),
        "missing experiment; one of: " + String.join(", ", spec.subcommands().keySet()));
  }
}
