package org.attention4j.cli.bench;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.attention4j.cli.ProgressBar;
import org.attention4j.io.Json;
import org.attention4j.kernel.Parallel;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options every {@code attn bench} workload shares ({@code --repeats}, {@code --warmup-s},
 * {@code --warmup-runs}, {@code --peak-mem}, {@code --json}), and the step that times a body with
 * them and prints the result. Mix it into a workload command with {@code @Mixin}.
 */
public final class BenchOptions {
  /** Help lists these options after the workload's own (which use orders below this). */
  static final int ORDER = 100;

  @Spec(Spec.Target.MIXEE) CommandSpec mixee;

  private int repeats = BenchSettings.DEFAULT_REPEATS;
  private double warmupSeconds = BenchSettings.DEFAULT_WARMUP_SECONDS;
  private int warmupRuns = BenchSettings.DEFAULT_WARMUP_RUNS;

  @Option(names = "--peak-mem", order = ORDER + 4,
      description = "Also record the peak heap use (peak_mb).")
  boolean peakMem;

  @Option(names = "--json", order = ORDER + 5,
      description = "Print exactly one JSON line instead of a table.")
  boolean json;

  /** Creates the options with their defaults; picocli instantiates it. */
  public BenchOptions() {}

  @Option(names = "--repeats", order = ORDER + 1, paramLabel = "R",
      description = "Timed runs; the median is reported (default: "
          + BenchSettings.DEFAULT_REPEATS + ").")
  void setRepeats(int r) {
    repeats = Require.atLeast(mixee, "--repeats", r, 1);
  }

  @Option(names = "--warmup-s", order = ORDER + 2, paramLabel = "S",
      description = "Warm up for at least S seconds before timing (default: "
          + BenchSettings.DEFAULT_WARMUP_SECONDS + ").")
  void setWarmupSeconds(double s) {
    warmupSeconds = Require.atLeast(mixee, "--warmup-s", s, 0.0);
  }

  @Option(names = "--warmup-runs", order = ORDER + 3, paramLabel = "N",
      description = "And for at least N runs (default: " + BenchSettings.DEFAULT_WARMUP_RUNS + ").")
  void setWarmupRuns(int n) {
    warmupRuns = Require.atLeast(mixee, "--warmup-runs", n, 0);
  }

  /** The timing settings these options describe. */
  public BenchSettings settings() {
    return new BenchSettings(repeats, warmupSeconds, warmupRuns, peakMem);
  }

  /** Warms up and times {@code body} with these settings, showing progress on stderr when it runs long. */
  Measurement measure(Runnable body) {
    try (ProgressBar progress = ProgressBar.to(mixee.commandLine().getErr(), mixee.qualifiedName()).clearWhenDone()) {
      return new BenchHarness(settings()).measure(body, progress);
    }
  }

  /**
   * Warms up and times {@code body} with these settings ({@link #measure}), then prints the result
   * (a table, or one JSON line with {@code --json}) on stdout.
   *
   * @param workload the workload name for the result, e.g. {@code gemm}
   * @param params the workload's parameters, in display order
   * @param rates throughputs to derive from the median time
   * @param body one run of the workload
   * @return the result that was printed
   */
  public BenchResult run(String workload, Map<String, Object> params, List<Rate> rates,
      Runnable body) {
    BenchResult result = new BenchResult(workload, params, Parallel.threads(), settings(), measure(body), rates);
    PrintWriter out = mixee.commandLine().getOut();
    if (json) {
      out.println(Json.write(result.toJsonMap(), false));
    } else {
      out.print(result.toTable());
    }
    out.flush();
    return result;
  }
}
