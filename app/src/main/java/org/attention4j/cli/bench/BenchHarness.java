package org.attention4j.cli.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.Locale;
import org.attention4j.cli.ProgressBar;

/**
 * Times a workload: warm-up runs until both the warm-up time and the warm-up count are reached,
 * then {@link BenchSettings#repeats()} timed runs, each timed on its own with
 * {@link System#nanoTime()}.
 *
 * <p>GC count and time are the differences of the {@link GarbageCollectorMXBean} totals across
 * the timed runs. The peak heap, when tracked, is measured after a {@link System#gc()} hint and a
 * reset of every heap pool's peak: it is the sum of the pools' peaks over the timed runs, an upper
 * bound of the true peak (pools need not peak at the same moment).
 */
public final class BenchHarness {
  private final BenchSettings settings;

  /** A harness that times with {@code settings}. */
  public BenchHarness(BenchSettings settings) {
    this.settings = settings;
  }

  /** Warms up and times {@code body} without progress output. */
  public Measurement measure(Runnable body) {
    return measure(body, null);
  }

  Measurement measure(Runnable body, ProgressBar progress) {
    int warm = warmUp(body, progress);
    List<MemoryPoolMXBean> heapPools = heapPools();
    if (settings.trackPeakHeap()) {
      System.gc();
      heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
    }
    long gcCount0 = gcCount();
    long gcMs0 = gcMillis();
    double[] times = new double[settings.repeats()];
    for (int i = 0; i < times.length; i++) {
      long t0 = System.nanoTime();
      body.run();
      times[i] = (System.nanoTime() - t0) / 1e6;
      if (progress != null) progress.status("timed run " + (i + 1) + "/" + times.length);
    }
    long gcCount = gcCount() - gcCount0;
    double gcMs = gcMillis() - gcMs0;
    long peak = settings.trackPeakHeap() ? peakBytes(heapPools) : -1;
    return new Measurement(times, warm, gcCount, gcMs, peak);
  }

  private int warmUp(Runnable body, ProgressBar progress) {
    long budgetNs = (long) (settings.warmupSeconds() * 1e9);
    long start = System.nanoTime();
    int runs = 0;
    while (runs < settings.warmupRuns() || System.nanoTime() - start < budgetNs) {
      body.run();
      runs++;
      if (progress != null) {
        progress.status(String.format(Locale.ROOT, "warm-up: %d runs, %.1f/%.1f s", runs,
            (System.nanoTime() - start) / 1e9, settings.warmupSeconds()));
      }
    }
    return runs;
  }

  private static List<MemoryPoolMXBean> heapPools() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP && p.isValid())
        .toList();
  }

  private static long peakBytes(List<MemoryPoolMXBean> pools) {
    long sum = 0;
    for (MemoryPoolMXBean p : pools) {
      var peak = p.getPeakUsage();
      if (peak != null) sum += peak.getUsed();
    }
    return sum;
  }

  private static long gcCount() {
    long n = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      n += Math.max(0, gc.getCollectionCount());
    }
    return n;
  }

  private static long gcMillis() {
    long ms = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ms += Math.max(0, gc.getCollectionTime());
    }
    return ms;
  }
}
