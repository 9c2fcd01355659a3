package org.attention4j.nn;

import org.attention4j.tensor.Tensor;

/** The check and slice shared by the positional encodings. */
final class PositionalEncodings {
  private PositionalEncodings() {}

  /** Rows {@code 0..length-1} of {@code table} (a view). */
  static Tensor rows(String op, Tensor table, int length, int maxLen) {
    if (length < 0) throw new IllegalArgumentException(op + ": length must be >= 0, got " + length);
    if (length > maxLen) {
      throw new IllegalArgumentException(op + ": sequence of " + length + " positions exceeds maxLen " + maxLen);
    }
    return table.narrow(0, 0, length); // (maxLen, d) -> (T, d)
  }
}
