package org.attention4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.attention4j.tensor.Tensor;

/** Tensor comparisons for the nn tests. */
final class NnAsserts {
  private NnAsserts() {}

  /** Same shape and every element within {@code atol + rtol * |expected|}. */
  static void assertClose(Tensor expected, Tensor actual, double atol, double rtol, String what) {
    assertEquals(expected.shape(), actual.shape(), what + ": shape");
    float[] e = expected.toArray();
    float[] a = actual.toArray();
    int worst = -1;
    double worstExcess = 0;
    for (int i = 0; i < e.length; i++) {
      double err = Math.abs((double) a[i] - e[i]);
      double excess = err - (atol + rtol * Math.abs(e[i]));
      if (!(excess <= 0) && (worst < 0 || excess > worstExcess || Double.isNaN(excess))) {
        worst = i;
        worstExcess = excess;
      }
    }
    if (worst >= 0) {
      throw new AssertionError(String.format(Locale.ROOT,
          "%s: element %d of %s: expected %.8g, got %.8g (|diff| %.3g > %.1g + %.1g * |expected|)",
          what, worst, expected.shape(), e[worst], a[worst], Math.abs(a[worst] - e[worst]), atol, rtol));
    }
  }

  /** Same shape and every element within 1e-6 (absolute) plus 1e-5 (relative). */
  static void assertClose(Tensor expected, Tensor actual, String what) {
    assertClose(expected, actual, 1e-6, 1e-5, what);
  }
}
