package org.attention4j.cli.bench;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Argument checks that fail as usage errors naming the option and the rule. */
final class Require {
  private Require() {}

  /**
   * Returns {@code value} if it is at least {@code min}.
   *
   * @throws ParameterException {@code "--size must be >= 1, got 0"} otherwise
   */
  static int atLeast(CommandSpec spec, String option, int value, int min) {
    if (value < min) {
      throw new ParameterException(spec.commandLine(),
          option + " must be >= " + min + ", got " + value);
    }
    return value;
  }

  /**
   * Returns {@code value} if it is finite and at least {@code min}.
   *
   * @throws ParameterException {@code "--warmup-s must be >= 0, got -1.0"} otherwise
   */
  static double atLeast(CommandSpec spec, String option, double value, double min) {
    if (!(value >= min) || Double.isInfinite(value)) {
      throw new ParameterException(spec.commandLine(),
          option + " must be a finite number >= " + fmt(min) + ", got " + value);
    }
    return value;
  }

  /**
   * Checks that a {@code rows x cols} float matrix fits one Java array.
   *
   * @throws ParameterException naming the matrix and its size otherwise
   */
  static void fitsArray(CommandSpec spec, String matrix, int rows, int cols) {
    long n = (long) rows * cols;
    if (n > RandomData.MAX_ARRAY) {
      throw new ParameterException(spec.commandLine(), matrix + " is " + rows + " x " + cols
          + " = " + n + " floats, more than one Java array holds (" + RandomData.MAX_ARRAY + ")");
    }
  }

  /**
   * Checks that {@code bytes} of inputs leave room in the heap.
   *
   * @throws IllegalStateException with the way to raise the heap otherwise (a failure, not a
   *     usage error: the same arguments work with a larger heap)
   */
  static void fitsHeap(String what, long bytes) {
    long max = Runtime.getRuntime().maxMemory();
    if (bytes > max * 0.9) {
      throw new IllegalStateException(what + " need " + gib(bytes) + " GiB but the max heap is "
          + gib(max) + " GiB; raise it, e.g. ATTN_JAVA_OPTS=-Xmx" + suggestedHeapGib(bytes) + "g");
    }
  }

  /** A heap size in GiB that holds {@code bytes} with the 10% headroom {@link #fitsHeap} wants. */
  private static long suggestedHeapGib(long bytes) {
    return (long) Math.ceil(bytes / 0.9 / (1L << 30)) + 1;
  }

  private static String gib(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f", bytes / (double) (1L << 30));
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
