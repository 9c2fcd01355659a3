package org.attention4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.attention4j.kernel.Parallel;
import org.junit.jupiter.api.Test;

/** {@code attn bench gemm} end to end, in-process, at sizes that take milliseconds. */
class BenchGemmCommandTest {
  @Test
  void json_isOneLineWithTheRequiredFields() {
    Map<String, Object> r = CliRun.of("bench", "gemm", "--size", "64", "--repeats", "3",
        "--warmup-s", "0", "--json").assertOneJsonLine();
    for (String key : List.of("workload", "impl", "size", "m", "n", "k", "trans_a", "trans_b",
        "threads", "repeats", "warmup", "warmup_s", "median_ms", "min_ms", "max_ms", "gflops",
        "gc_ms", "gc_count")) {
      assertTrue(r.containsKey(key), "missing " + key + " in " + r);
    }
    assertEquals("gemm", r.get("workload"));
    assertEquals("attention4j", r.get("impl"));
    assertEquals(64L, r.get("size"));
    assertEquals(3L, r.get("repeats"));
    assertEquals((long) Parallel.threads(), r.get("threads"));
    assertTrue(number(r, "gflops") > 0, r::toString);
    double min = number(r, "min_ms"), median = number(r, "median_ms"), max = number(r, "max_ms");
    assertTrue(0 < min && min <= median && median <= max, r::toString);
    assertTrue(number(r, "gc_ms") >= 0, r::toString);
  }

  @Test
  void json_rectangularTransposed_withThreadsAndPeakMemory() {
    Map<String, Object> r = CliRun.of("bench", "gemm", "--m", "17", "--n", "33", "--k", "9",
        "--trans-a", "--trans-b", "--threads", "1", "--repeats", "2", "--warmup-s", "0",
        "--warmup-runs", "0", "--peak-mem", "--json").assertOneJsonLine();
    assertEquals(17L, r.get("m"));
    assertEquals(33L, r.get("n"));
    assertEquals(9L, r.get("k"));
    assertEquals(true, r.get("trans_a"));
    assertEquals(1L, r.get("threads"));
    assertEquals(0L, r.get("warmup"));
    assertTrue(number(r, "peak_mb") > 0, r::toString);
  }

  @Test
  void table_showsMedianAndRate() {
    CliRun run = CliRun.of("bench", "gemm", "--size", "32", "--repeats", "2", "--warmup-s", "0");
    assertEquals(Main.EXIT_OK, run.exitCode(), run.err());
    assertTrue(run.out().startsWith("bench gemm: size=32 m=32 n=32 k=32"), run.out());
    assertTrue(run.out().lines().anyMatch(l -> l.strip().startsWith("median")
        && l.endsWith("GFLOPS")), run.out());
  }

  @Test
  void badSizes_areUsageErrors() {
    assertEquals("attn: --size must be >= 1, got 0 (see 'attn bench gemm --help')",
        CliRun.of("bench", "gemm", "--size", "0").assertUsageError());
    assertEquals("attn: --k must be >= 1, got -3 (see 'attn bench gemm --help')",
        CliRun.of("bench", "gemm", "--k", "-3").assertUsageError());
    assertEquals("attn: A is 50000 x 50000 = 2500000000 floats, more than one Java array holds"
        + " (2147483639) (see 'attn bench gemm --help')",
        CliRun.of("bench", "gemm", "--size", "50000").assertUsageError());
  }

  @Test
  void badTiming_areUsageErrors() {
    assertEquals("attn: --repeats must be >= 1, got 0 (see 'attn bench gemm --help')",
        CliRun.of("bench", "gemm", "--repeats", "0").assertUsageError());
    assertEquals("attn: --warmup-s must be a finite number >= 0, got -1.0"
        + " (see 'attn bench gemm --help')",
        CliRun.of("bench", "gemm", "--warmup-s", "-1").assertUsageError());
  }

  @Test
  void benchWithoutWorkload_listsWorkloads() {
    assertEquals("attn: missing workload; one of: gemm, attention, train-step, decode (see 'attn bench --help')",
        CliRun.of("bench").assertUsageError());
  }

  private static double number(Map<String, Object> r, String key) {
    return ((Number) r.get(key)).doubleValue();
  }
}
