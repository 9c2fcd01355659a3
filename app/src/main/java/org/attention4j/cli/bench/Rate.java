package org.attention4j.cli.bench;

/**
 * A throughput reported beside the times: {@code amountPerRun} units of work per run, divided by
 * the median run time.
 *
 * @param key the JSON field, e.g. {@code gflops} or {@code tokens_per_s}
 * @param unit the unit in the table, e.g. {@code GFLOPS}
 * @param amountPerRun the work one run does, in the rate's units times seconds
 */
public record Rate(String key, String unit, double amountPerRun) {
  /**
   * @throws IllegalArgumentException if the amount is not a positive finite number
   */
  public Rate {
    if (!(amountPerRun > 0) || Double.isInfinite(amountPerRun)) {
      throw new IllegalArgumentException("rate " + key + ": amount per run must be > 0, got "
          + amountPerRun);
    }
  }

  /** Billions of floating-point operations per second, for {@code flops} per run. */
  public static Rate gflops(double flops) {
    return new Rate("gflops", "GFLOPS", flops / 1e9);
  }

  /** Tokens per second, for {@code tokens} per run. */
  public static Rate tokensPerSecond(double tokens) {
    return new Rate("tokens_per_s", "tokens/s", tokens);
  }

  /** The rate at a run time of {@code ms} milliseconds (clamped to 1 ns to stay finite). */
  public double at(double ms) {
    return amountPerRun / (Math.max(ms, 1e-6) / 1e3);
  }
}
