package org.attention4j.io;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The element types of safetensors files that this package reads, under their safetensors names.
 * {@link SafetensorsFile#tensor} converts every one of them to float32 ({@link #F64} rounds to
 * nearest; all others are exact or rejected); {@link SafetensorsFile#intTensor} reads the integer
 * ones. Writing produces {@link #F32} and {@link #I64}.
 */
public enum Dtype {
  /** One byte, 0 or 1. */
  BOOL(1, false),
  U8(1, false),
  I8(1, false),
  I16(2, false),
  U16(2, false),
  /** IEEE 754 binary16. */
  F16(2, true),
  /** bfloat16: the upper 16 bits of a float32. */
  BF16(2, true),
  I32(4, false),
  U32(4, false),
  F32(4, true),
  I64(8, false),
  F64(8, true);

  private final int byteSize;
  private final boolean floatingPoint;

  Dtype(int byteSize, boolean floatingPoint) {
    this.byteSize = byteSize;
    this.floatingPoint = floatingPoint;
  }

  /** Bytes per element. */
  public int byteSize() {
    return byteSize;
  }

  /** Whether this is a floating-point type (F16, BF16, F32, F64). */
  public boolean isFloatingPoint() {
    return floatingPoint;
  }

  /**
   * The dtype with this safetensors name ({@code "F32"}, {@code "BF16"}, ...).
   *
   * @throws IllegalArgumentException listing the supported names if {@code name} is not one
   */
  public static Dtype fromName(String name) {
    for (Dtype d : values()) {
      if (d.name().equals(name)) return d;
    }
    throw new IllegalArgumentException(
        "unknown or unsupported dtype " + Json.quote(name) + " (supported: " + supportedNames() + ")");
  }

  static String supportedNames() {
    return Arrays.stream(values()).map(Dtype::name).collect(Collectors.joining(", "));
  }
}
