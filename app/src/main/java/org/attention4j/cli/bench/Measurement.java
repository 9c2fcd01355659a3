package org.attention4j.cli.bench;

import java.util.Arrays;

/**
 * What {@link BenchHarness} measured for one workload.
 *
 * @param timesMs wall time of each timed run, in milliseconds, in run order
 * @param warmupRuns how many warm-up runs preceded the timed ones
 * @param gcCount garbage collections during the timed runs, all collectors together
 * @param gcMs time the collectors report for those collections, in milliseconds
 * @param peakHeapBytes peak heap use during the timed runs, or {@code -1} if not tracked
 */
public record Measurement(double[] timesMs, int warmupRuns, long gcCount, double gcMs,
    long peakHeapBytes) {
  /**
   * @throws IllegalArgumentException if there are no times
   */
  public Measurement {
    if (timesMs.length == 0) throw new IllegalArgumentException("measurement: no timed runs");
    timesMs = timesMs.clone();
  }

  /** The times, in run order (a copy). */
  @Override
  public double[] timesMs() {
    return timesMs.clone();
  }

  /** The median time in ms: the middle run, or the mean of the two middle runs. */
  public double medianMs() {
    double[] s = timesMs.clone();
    Arrays.sort(s);
    int mid = s.length / 2;
    return s.length % 2 == 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  }

  /** The fastest run in ms. */
  public double minMs() {
    return Arrays.stream(timesMs).min().orElseThrow();
  }

  /** The slowest run in ms. */
  public double maxMs() {
    return Arrays.stream(timesMs).max().orElseThrow();
  }

  /** Whether the peak heap use was tracked. */
  public boolean hasPeakHeap() {
    return peakHeapBytes >= 0;
  }
}
