package org.attention4j.cli.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One benchmark's outcome: the workload, its parameters, how it was timed and what was measured.
 *
 * @param workload the workload name, e.g. {@code gemm}
 * @param params the workload's own parameters, in display order (JSON-writable values)
 * @param threads the worker threads the kernels used
 * @param settings how it was timed
 * @param measurement the times, GC activity and peak heap
 * @param rates throughputs derived from the median time
 */
public record BenchResult(String workload, Map<String, Object> params, int threads,
    BenchSettings settings, Measurement measurement, List<Rate> rates) {
  /** The value of the JSON field {@code impl}, which tells our results from PyTorch's. */
  public static final String IMPL = "attention4j";

  /** Copies {@code params} (keeping its order) and {@code rates}. */
  public BenchResult {
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    rates = List.copyOf(rates);
  }

  /**
   * The fields of the {@code --json} line, in order: {@code workload}, {@code impl}, the
   * parameters, {@code threads}, {@code repeats}, {@code warmup} (runs done), {@code warmup_s},
   * {@code median_ms}, {@code min_ms}, {@code max_ms}, each rate at the median, {@code gc_ms},
   * {@code gc_count}, and {@code peak_mb} when tracked.
   */
  public Map<String, Object> toJsonMap() {
    Measurement m = measurement;
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("workload", workload);
    j.put("impl", IMPL);
    j.putAll(params);
    j.put("threads", threads);
    j.put("repeats", settings.repeats());
    j.put("warmup", m.warmupRuns());
    j.put("warmup_s", settings.warmupSeconds());
    j.put("median_ms", round(m.medianMs(), 4));
    j.put("min_ms", round(m.minMs(), 4));
    j.put("max_ms", round(m.maxMs(), 4));
    for (Rate r : rates) j.put(r.key(), round(r.at(m.medianMs()), 3));
    j.put("gc_ms", round(m.gcMs(), 3));
    j.put("gc_count", m.gcCount());
    if (m.hasPeakHeap()) j.put("peak_mb", round(m.peakHeapBytes() / 1e6, 1));
    return j;
  }

  /** A few lines for people: parameters, then median/min/max with rates, GC and peak heap. */
  public String toTable() {
    Measurement m = measurement;
    StringBuilder sb = new StringBuilder("bench ").append(workload).append(':');
    params.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
    sb.append(String.format(Locale.ROOT, "%nthreads %d, %d timed runs after %d warm-up runs"
        + " (>= %.1f s)%n", threads, settings.repeats(), m.warmupRuns(), settings.warmupSeconds()));
    row(sb, "median", m.medianMs());
    row(sb, "min", m.minMs());
    row(sb, "max", m.maxMs());
    sb.append(String.format(Locale.ROOT, "  %-9s %d collections, %.1f ms%n", "GC", m.gcCount(),
        m.gcMs()));
    if (m.hasPeakHeap()) {
      sb.append(String.format(Locale.ROOT, "  %-9s %.1f MB%n", "peak heap",
          m.peakHeapBytes() / 1e6));
    }
    return sb.toString();
  }

  private void row(StringBuilder sb, String label, double ms) {
    sb.append(String.format(Locale.ROOT, "  %-9s %12.3f ms", label, ms));
    for (Rate r : rates) sb.append(String.format(Locale.ROOT, "  %10.2f %s", r.at(ms), r.unit()));
    sb.append(System.lineSeparator());
  }

  private static double round(double v, int decimals) {
    double scale = Math.pow(10, decimals);
    double r = Math.round(v * scale) / scale;
    return r == 0 && v > 0 ? v : r; // keep tiny positive values visible rather than 0
  }
}
