package org.attention4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.attention4j.cli.bench.BenchHarness;
import org.attention4j.cli.bench.BenchResult;
import org.attention4j.cli.bench.BenchSettings;
import org.attention4j.cli.bench.Measurement;
import org.attention4j.cli.bench.Rate;
import org.junit.jupiter.api.Test;

/** The harness and result types that every {@code attn bench} workload builds on. */
class BenchHarnessTest {
  @Test
  void measure_runsWarmupCountThenRepeats() {
    AtomicInteger calls = new AtomicInteger();
    Measurement m = new BenchHarness(new BenchSettings(5, 0, 4, false))
        .measure(calls::incrementAndGet);
    assertEquals(4, m.warmupRuns());
    assertEquals(9, calls.get());
    assertEquals(5, m.timesMs().length);
    assertFalse(m.hasPeakHeap());
    assertTrue(m.gcCount() >= 0 && m.gcMs() >= 0);
  }

  @Test
  void measure_warmsUpForAtLeastTheWarmupTime() {
    long start = System.nanoTime();
    Measurement m = new BenchHarness(new BenchSettings(1, 0.05, 0, false))
        .measure(() -> sleepMs(5));
    assertTrue(System.nanoTime() - start >= 50_000_000L);
    assertTrue(m.warmupRuns() >= 5, "warm-up runs: " + m.warmupRuns());
  }

  @Test
  void measure_tracksPeakHeapWhenAsked() {
    Measurement m = new BenchHarness(new BenchSettings(2, 0, 0, true))
        .measure(() -> blackhole = new byte[8 << 20]);
    assertTrue(m.peakHeapBytes() >= 8 << 20, "peak " + m.peakHeapBytes());
  }

  @Test
  void measurement_medianMinMax() {
    Measurement odd = new Measurement(new double[] {5, 1, 3}, 0, 0, 0, -1);
    assertEquals(3, odd.medianMs());
    assertEquals(1, odd.minMs());
    assertEquals(5, odd.maxMs());
    assertEquals(2.5, new Measurement(new double[] {4, 1, 2, 3}, 0, 0, 0, -1).medianMs());
    assertThrows(IllegalArgumentException.class, () -> new Measurement(new double[0], 0, 0, 0, -1));
  }

  @Test
  void settings_rejectOutOfRangeValues() {
    var e = assertThrows(IllegalArgumentException.class, () -> new BenchSettings(0, 1, 1, false));
    assertEquals("repeats must be >= 1, got 0", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new BenchSettings(1, Double.NaN, 1, false));
    assertThrows(IllegalArgumentException.class, () -> new BenchSettings(1, 0, -1, false));
  }

  @Test
  void rate_isAmountPerMedianSecond() {
    assertEquals(2.0, Rate.gflops(2e9).at(1000), 1e-12);
    assertEquals(500.0, Rate.tokensPerSecond(50).at(100), 1e-9);
  }

  @Test
  void result_jsonFieldsInOrder() {
    Measurement m = new Measurement(new double[] {2, 4, 3}, 7, 1, 0.5, 3_000_000);
    BenchResult r = new BenchResult("decode", Map.of("batch", 1), 2,
        new BenchSettings(3, 1.5, 0, true), m, List.of(Rate.tokensPerSecond(30)));
    assertEquals(List.of("workload", "impl", "batch", "threads", "repeats", "warmup", "warmup_s",
        "median_ms", "min_ms", "max_ms", "tokens_per_s", "gc_ms", "gc_count", "peak_mb"),
        List.copyOf(r.toJsonMap().keySet()));
    assertEquals(10000.0, r.toJsonMap().get("tokens_per_s"));
    assertEquals(3.0, r.toJsonMap().get("peak_mb"));
    assertEquals(7, r.toJsonMap().get("warmup"));
  }

  private static volatile byte[] blackhole;

  private static void sleepMs(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
