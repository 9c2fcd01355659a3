package org.attention4j.cli.bench;

/**
 * How a workload is timed.
 *
 * @param repeats timed runs, at least 1; the median of these is the result
 * @param warmupSeconds warm up for at least this long before timing, {@code >= 0}
 * @param warmupRuns and for at least this many runs, {@code >= 0}
 * @param trackPeakHeap whether to record the peak heap use during the timed runs
 */
public record BenchSettings(int repeats, double warmupSeconds, int warmupRuns,
    boolean trackPeakHeap) {
  /** Default timed runs. */
  public static final int DEFAULT_REPEATS = 10;
  /** Default warm-up time in seconds. */
  public static final double DEFAULT_WARMUP_SECONDS = 3.0;
  /** Default minimum count of warm-up runs. */
  public static final int DEFAULT_WARMUP_RUNS = 3;

  /**
   * @throws IllegalArgumentException if a value is out of its range
   */
  public BenchSettings {
    if (repeats < 1) throw new IllegalArgumentException("repeats must be >= 1, got " + repeats);
    if (!(warmupSeconds >= 0) || Double.isInfinite(warmupSeconds)) {
      throw new IllegalArgumentException(
          "warmupSeconds must be finite and >= 0, got " + warmupSeconds);
    }
    if (warmupRuns < 0) {
      throw new IllegalArgumentException("warmupRuns must be >= 0, got " + warmupRuns);
    }
  }
}
