package org.attention4j.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.attention4j.tensor.Tensor;

/** Tensor comparisons shared by the tests of every module (published in core's test jar). */
public final class TensorAsserts {
  private TensorAsserts() {}

  /**
   * Same shape and every element within {@code atol + rtol * |expected|}; the message names
   * the worst element.
   */
  public static void assertClose(Tensor expected, Tensor actual, double atol, double rtol, String what) {
    assertEquals(expected.shape(), actual.shape(), what + ": shape");
    assertClose(expected.toArray(), actual.toArray(), atol, rtol, what + " " + expected.shape());
  }

  /** Element-wise closeness of two arrays of equal length. */
  public static void assertClose(float[] e, float[] a, double atol, double rtol, String what) {
    assertEquals(e.length, a.length, what + ": length");
    int worst = -1;
    double worstExcess = 0;
    for (int i = 0; i < e.length; i++) {
      double excess = Math.abs((double) a[i] - e[i]) - (atol + rtol * Math.abs(e[i]));
      if (!(excess <= 0) && (worst < 0 || excess > worstExcess || Double.isNaN(excess))) {
        worst = i;
        worstExcess = excess;
      }
    }
    if (worst >= 0) {
      throw new AssertionError(String.format(Locale.ROOT,
          "%s: element %d: expected %.8g, got %.8g (|diff| %.3g > %.1g + %.1g * |expected|)",
          what, worst, e[worst], a[worst], Math.abs(a[worst] - e[worst]), atol, rtol));
    }
  }

  /** Bitwise equality of two arrays. */
  public static void assertBitwise(float[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length, what + ": length");
    for (int i = 0; i < expected.length; i++) {
      if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
        throw new AssertionError(what + ": element " + i + " differs: " + expected[i] + " vs " + actual[i]);
      }
    }
  }
}
