package org.attention4j.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attention4j.kernel.Parallel;
import org.attention4j.kernel.Sgemm;
import org.attention4j.kernel.Vectors;

/**
 * A snapshot of what {@code attn info} reports.
 *
 * @param version the attention4j version
 * @param jdkVersion {@code java.runtime.version}
 * @param jdkVendor {@code java.vendor}
 * @param javaHome {@code java.home}
 * @param os OS name and version
 * @param arch {@code os.arch}
 * @param cpu the CPU model and SIMD flags
 * @param logicalCores {@link Runtime#availableProcessors()}
 * @param vectorEnabled {@link Vectors#ENABLED}
 * @param vectorSpecies {@link Vectors#SPECIES}, as text
 * @param vectorLanes {@link Vectors#LANES}
 * @param gemmTile {@link Sgemm#registerTile()}
 * @param threads {@link Parallel#threads()}
 * @param threadSource where {@code threads} came from
 * @param maxHeapMib {@link Runtime#maxMemory()} in MiB
 */
record SystemInfo(String version, String jdkVersion, String jdkVendor, String javaHome,
    String os, String arch, CpuInfo cpu, int logicalCores, boolean vectorEnabled,
    String vectorSpecies, int vectorLanes, String gemmTile, int threads, ThreadSource threadSource,
    long maxHeapMib) {

  /** Gathers the facts of this JVM and machine now. */
  static SystemInfo collect(ThreadSource threadSource) {
    return new SystemInfo(
        VersionProvider.projectVersion(),
        System.getProperty("java.runtime.version", System.getProperty("java.version")),
        System.getProperty("java.vendor"),
        System.getProperty("java.home"),
        System.getProperty("os.name") + " " + System.getProperty("os.version"),
        System.getProperty("os.arch"),
        CpuInfo.read(),
        Runtime.getRuntime().availableProcessors(),
        Vectors.ENABLED,
        Vectors.SPECIES.toString(),
        Vectors.LANES,
        Sgemm.registerTile(),
        Parallel.threads(),
        threadSource,
        Runtime.getRuntime().maxMemory() >> 20);
  }

  /** The fields under stable snake_case keys, for {@code --json}. */
  Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", version);
    m.put("jdk_version", jdkVersion);
    m.put("jdk_vendor", jdkVendor);
    m.put("java_home", javaHome);
    m.put("os", os);
    m.put("arch", arch);
    m.put("cpu_model", cpu.model());
    m.put("simd_flags", cpu.simdFlags());
    m.put("avx2", cpu.has("avx2"));
    m.put("avx512f", cpu.has("avx512f"));
    m.put("logical_cores", logicalCores);
    m.put("vector_enabled", vectorEnabled);
    m.put("vector_species", vectorSpecies);
    m.put("vector_lanes", vectorLanes);
    m.put("gemm_tile", gemmTile);
    m.put("threads", threads);
    m.put("threads_source", threadSource.key());
    m.put("max_heap_mb", maxHeapMib);
    return m;
  }

  /** Label and value rows for the human-readable table. */
  Map<String, String> toRows() {
    Map<String, String> r = new LinkedHashMap<>();
    r.put("attention4j", version);
    r.put("JDK", jdkVersion + " (" + jdkVendor + ")");
    r.put("java.home", javaHome);
    r.put("OS / arch", os + " / " + arch);
    r.put("CPU", cpu.model());
    r.put("SIMD", simdSummary(cpu.simdFlags()));
    r.put("cores", logicalCores + " logical");
    r.put("vectors", (vectorEnabled ? "on" : "off (scalar kernels)") + ", " + vectorSpecies
        + ", " + vectorLanes + " float lanes");
    r.put("gemm tile", gemmTile + " (register tile of the SGEMM kernel)");
    r.put("threads", threads + " (from " + threadSource.description() + ")");
    r.put("max heap", maxHeapMib + " MiB");
    return r;
  }

  private static String simdSummary(List<String> flags) {
    if (flags.isEmpty()) return "unknown (no /proc/cpuinfo flags)";
    String headline = flags.contains("avx512f") ? "AVX-512"
        : flags.contains("avx2") ? "AVX2"
        : flags.contains("sve") ? "SVE"
        : flags.contains("asimd") ? "NEON" : "no AVX2";
    return headline + " (" + String.join(" ", flags) + ")";
  }
}
