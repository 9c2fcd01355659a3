package org.attention4j.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.attention4j.cli.bench.BenchCommand;
import org.attention4j.kernel.Parallel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The top-level {@code attn} command: registers every subcommand (the one place to add one) and
 * holds the global options, which picocli accepts before or after any subcommand name.
 */
@Command(
    name = "attn",
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = "attention4j: attention-based neural networks in pure Java.",
    subcommands = {DemoCommand.class, InfoCommand.class, BenchCommand.class,
        org.attention4j.cli.data.DataCommand.class,
        org.attention4j.cli.translate.TrainCommand.class,
        org.attention4j.cli.translate.TranslateCommand.class,
        org.attention4j.cli.translate.EvalCommand.class,
        org.attention4j.cli.translate.AlignCommand.class,
        org.attention4j.cli.viz.VizCommand.class, org.attention4j.cli.viz.DoctorCommand.class, org.attention4j.cli.viz.ServeVizCommand.class,
        org.attention4j.cli.experiment.ExperimentCommand.class},
    footer = {"", "Exit codes: 0 ok, 1 failure, 2 usage error.",
        "JVM flags: ATTN_JAVA_OPTS (e.g. ATTN_JAVA_OPTS=-Xmx8g)."})
final class AttnCommand implements Callable<Integer> {
  /** Environment variable that turns on stack traces, like {@code --debug}. */
  static final String DEBUG_ENV = "ATTN_DEBUG";

  @Spec CommandSpec spec;

  private Integer threads;
  private boolean debug;

  @Option(names = "--threads", paramLabel = "N", scope = ScopeType.INHERIT, order = 900,
      description = "Worker threads for the compute kernels (default: property "
          + Parallel.THREADS_PROPERTY + ", env " + Parallel.THREADS_ENV + ", else all cores).")
  void setThreads(int n) {
    threads = n; // checked in applyGlobalOptions, once the invoked subcommand is known
  }

  @Option(names = "--debug", scope = ScopeType.INHERIT, order = 901,
      description = "Print stack traces with errors (also: " + DEBUG_ENV + "=1).")
  void setDebug(boolean on) {
    debug = on;
  }

  /** Without a subcommand there is nothing to do: a usage error that lists the commands. */
  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(),
        "missing command; one of: " + String.join(", ", spec.subcommands().keySet()));
  }

  /**
   * Checks the global options and applies them to the process.
   *
   * @param invoked the command the user invoked, named in error messages
   * @throws ParameterException if {@code --threads} is below 1
   */
  void applyGlobalOptions(CommandLine invoked) {
    if (threads != null) {
      if (threads < 1) {
        throw new ParameterException(invoked, "--threads must be >= 1, got " + threads);
      }
      Parallel.setThreads(threads);
    }
  }

  /** Where the current worker-thread count came from. */
  ThreadSource threadSource() {
    return ThreadSource.detect(threads != null);
  }

  /** Whether errors should carry stack traces: {@code --debug} or {@code ATTN_DEBUG=1}. */
  boolean debug() {
    if (debug) return true;
    String env = System.getenv(DEBUG_ENV);
    return env != null && switch (env.trim().toLowerCase(Locale.ROOT)) {
      case "1", "true", "yes", "on" -> true;
      default -> false;
    };
  }
}
