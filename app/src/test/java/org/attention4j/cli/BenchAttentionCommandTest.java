package org.attention4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code attn bench attention} end to end, in-process, at sizes that take milliseconds. */
class BenchAttentionCommandTest {
  @Test
  void json_hasTimesRateAndPeakMemory() {
    Map<String, Object> r = CliRun.of("bench", "attention", "--batch", "2", "--heads", "2", "--dim", "16",
        "--seq", "70", "--causal", "--backward", "--repeats", "2", "--warmup-s", "0", "--json").assertOneJsonLine();
    for (String key : List.of("workload", "impl", "batch", "heads", "dim", "seq", "causal", "backward", "weights",
        "projections", "threads", "median_ms", "min_ms", "max_ms", "tokens_per_s", "peak_mb")) {
      assertTrue(r.containsKey(key), "missing " + key + " in " + r);
    }
    assertEquals("attention", r.get("workload"));
    assertEquals(70L, r.get("seq"));
    assertEquals(true, r.get("backward"));
    double median = ((Number) r.get("median_ms")).doubleValue();
    assertEquals(2 * 70 / (median / 1e3), ((Number) r.get("tokens_per_s")).doubleValue(), 2 * 70 / (median / 1e3) * 1e-3);
    // q, k, v and their gradients are (2, 2, 70, 16) floats: at least the three gradients are allocated.
    assertTrue(((Number) r.get("peak_mb")).doubleValue() >= 3 * 2 * 2 * 70 * 16 * 4 / 1e6, r::toString);
  }

  @Test
  void table_withProjectionsAndWeights() {
    CliRun run = CliRun.of("bench", "attention", "--batch", "1", "--heads", "2", "--dim", "8", "--seq", "20",
        "--projections", "--weights", "--backward", "--repeats", "1", "--warmup-s", "0");
    assertEquals(Main.EXIT_OK, run.exitCode(), run.err());
    assertTrue(run.out().startsWith("bench attention: batch=1 heads=2 dim=8 seq=20 causal=false backward=true"
        + " weights=true projections=true"), run.out());
    assertTrue(run.out().lines().anyMatch(l -> l.strip().startsWith("extra")), run.out());
  }

  @Test
  void badSizes_areUsageErrors() {
    assertEquals("attn: --seq must be >= 1, got 0 (see 'attn bench attention --help')",
        CliRun.of("bench", "attention", "--seq", "0").assertUsageError());
  }
}
