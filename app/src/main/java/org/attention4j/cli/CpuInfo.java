package org.attention4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The CPU model and the SIMD extensions that matter for the kernels, read from a Linux-style
 * {@code /proc/cpuinfo} when one exists.
 *
 * @param model the first {@code model name} (x86) or {@code Hardware}/{@code CPU part} (ARM)
 *     entry, or {@code "unknown"}
 * @param simdFlags the SIMD flags present, in the order of {@link #SIMD_FLAGS}
 */
record CpuInfo(String model, List<String> simdFlags) {
  /** The flags worth reporting, from oldest to newest: x86 then ARM. */
  static final List<String> SIMD_FLAGS = List.of(
      "sse4_2", "avx", "avx2", "fma", "avx512f", "avx512bw", "avx512vl", "avx512_vnni",
      "avx512_bf16", "avx512_fp16", "amx_tile", "asimd", "asimdhp", "sve", "sve2");

  private static final Path PROC_CPUINFO = Path.of("/proc/cpuinfo");

  CpuInfo {
    simdFlags = List.copyOf(simdFlags);
  }

  /** Reads {@code /proc/cpuinfo}; an unknown model and no flags where it is missing. */
  static CpuInfo read() {
    try {
      return Files.isReadable(PROC_CPUINFO) ? parse(Files.readAllLines(PROC_CPUINFO))
          : new CpuInfo("unknown", List.of());
    } catch (IOException | RuntimeException e) {
      return new CpuInfo("unknown", List.of());
    }
  }

  /** Parses the lines of a {@code /proc/cpuinfo}; only the first processor's entries count. */
  static CpuInfo parse(List<String> lines) {
    String model = null;
    Set<String> flags = Set.of();
    for (String line : lines) {
      int colon = line.indexOf(':');
      if (colon < 0) continue;
      String key = line.substring(0, colon).strip();
      String value = line.substring(colon + 1).strip();
      if (model == null && (key.equals("model name") || key.equals("Hardware")
          || key.equals("CPU part")) && !value.isEmpty()) {
        model = value;
      } else if (flags.isEmpty() && (key.equals("flags") || key.equals("Features"))) {
        flags = Set.of(value.split("\\s+"));
      }
    }
    List<String> simd = new ArrayList<>();
    for (String f : SIMD_FLAGS) if (flags.contains(f)) simd.add(f);
    return new CpuInfo(model == null ? "unknown" : model, simd);
  }

  /** Whether the CPU reports {@code flag} (one of {@link #SIMD_FLAGS}). */
  boolean has(String flag) {
    return simdFlags.contains(flag);
  }
}
