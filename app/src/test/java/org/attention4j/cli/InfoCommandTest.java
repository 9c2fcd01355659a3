package org.attention4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.attention4j.kernel.Parallel;
import org.attention4j.kernel.Vectors;
import org.junit.jupiter.api.Test;

class InfoCommandTest {
  @Test
  void json_isOneLineWithEveryKey() {
    Map<String, Object> info = CliRun.of("info", "--json").assertOneJsonLine();
    for (String key : List.of("version", "jdk_version", "jdk_vendor", "java_home", "os", "arch",
        "cpu_model", "simd_flags", "avx2", "avx512f", "logical_cores", "vector_enabled",
        "vector_species", "vector_lanes", "gemm_tile", "threads", "threads_source", "max_heap_mb")) {
      assertTrue(info.containsKey(key), "missing " + key + " in " + info);
    }
    assertEquals(System.getProperty("java.home"), info.get("java_home"));
    assertEquals((long) Vectors.LANES, info.get("vector_lanes"));
    assertEquals(org.attention4j.kernel.Sgemm.registerTile(), info.get("gemm_tile"));
    assertEquals((long) Parallel.threads(), info.get("threads"));
    assertEquals((long) Runtime.getRuntime().availableProcessors(), info.get("logical_cores"));
    assertInstanceOf(List.class, info.get("simd_flags"));
    assertTrue(List.of("flag", "property", "env", "cores").contains(info.get("threads_source")));
  }

  @Test
  void table_namesTheFacts() {
    CliRun run = CliRun.of("info");
    assertEquals(Main.EXIT_OK, run.exitCode(), run.err());
    for (String label : List.of("JDK", "java.home", "OS / arch", "CPU", "SIMD", "cores",
        "vectors", "gemm tile", "threads", "max heap")) {
      assertTrue(run.out().lines().anyMatch(l -> l.startsWith(label + " ")),
          label + ":\n" + run.out());
    }
    assertTrue(run.out().contains(Vectors.LANES + " float lanes"), run.out());
  }

  @Test
  void cpuInfo_parsesX86ModelAndFlags() {
    CpuInfo cpu = CpuInfo.parse(List.of(
        "processor\t: 0",
        "model name\t: Intel(R) Xeon(R) Platinum 8480+",
        "flags\t\t: fpu sse4_2 avx avx2 fma avx512f avx512bw",
        "processor\t: 1",
        "model name\t: other"));
    assertEquals("Intel(R) Xeon(R) Platinum 8480+", cpu.model());
    assertEquals(List.of("sse4_2", "avx", "avx2", "fma", "avx512f", "avx512bw"), cpu.simdFlags());
    assertTrue(cpu.has("avx512f"));
  }

  @Test
  void cpuInfo_parsesArmFeatures_andToleratesNoModel() {
    CpuInfo cpu = CpuInfo.parse(List.of("processor : 0", "Features : fp asimd sve"));
    assertEquals("unknown", cpu.model());
    assertEquals(List.of("asimd", "sve"), cpu.simdFlags());
  }
}
