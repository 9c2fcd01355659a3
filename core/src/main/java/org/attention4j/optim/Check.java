package org.attention4j.optim;

/**
 * Argument checks shared by the optimisers and schedules. Each message starts with the op that
 * was called ({@code Adam}, {@code Adam.loadState}, {@code cosine}...), names the argument and
 * the rule, and shows the value: {@code Adam: beta2 must be in [0, 1), got 1.5}.
 */
final class Check {
  private Check() {}

  /** {@code value} finite and {@code >= 0}. */
  static void nonNegative(String op, String name, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(op + ": " + name + " must be finite and >= 0, got " + value);
    }
  }

  /** {@code value} in {@code [0, 1)}, the range of an exponential-decay rate. */
  static void decayRate(String op, String name, double value) {
    if (!(value >= 0 && value < 1)) {
      throw new IllegalArgumentException(op + ": " + name + " must be in [0, 1), got " + value);
    }
  }

  /** {@code value} in {@code [0, 1]}. */
  static void unitInterval(String op, String name, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(op + ": " + name + " must be in [0, 1], got " + value);
    }
  }

  /** {@code value >= min}. */
  static void atLeast(String op, String name, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(op + ": " + name + " must be >= " + min + ", got " + value);
    }
  }
}
