package org.attention4j.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.function.Function;
import org.attention4j.tensor.GradCheck;
import org.attention4j.tensor.Tensor;

/**
 * Tensor and array comparisons shared by the tests of every module (published in core's test
 * jar): closeness within {@code atol + rtol * |expected|}, bitwise equality, ulp distance, and
 * the default finite-difference gradient check.
 *
 * <p>In every closeness check an expected NaN or infinity must be matched exactly (any NaN
 * matches any NaN; {@code +inf} only {@code +inf}), and an actual NaN never passes against a
 * finite expectation. The failure message names the worst element.
 */
public final class TensorAsserts {
  /** Absolute and relative tolerance of {@link #assertClose(Tensor, Tensor, String)}. */
  public static final double DEFAULT_ATOL = 1e-6;
  public static final double DEFAULT_RTOL = 1e-5;

  private TensorAsserts() {}

  /** Same shape and every element within {@code atol + rtol * |expected|}. */
  public static void assertClose(Tensor expected, Tensor actual, double atol, double rtol, String what) {
    assertEquals(expected.shape(), actual.shape(), what + ": shape");
    assertClose(expected.toArray(), actual.toArray(), atol, rtol, what + " " + expected.shape());
  }

  /** Same shape and every element within {@code 1e-6} absolute plus {@code 1e-5} relative. */
  public static void assertClose(Tensor expected, Tensor actual, String what) {
    assertClose(expected, actual, DEFAULT_ATOL, DEFAULT_RTOL, what);
  }

  /** The elements of {@code actual} (row-major, its shape not checked) close to {@code expected}. */
  public static void assertClose(float[] expected, Tensor actual, double atol, double rtol, String what) {
    assertClose(expected, actual.toArray(), atol, rtol, what);
  }

  /** Element-wise closeness of two arrays of equal length. */
  public static void assertClose(float[] expected, float[] actual, double atol, double rtol, String what) {
    double[] e = new double[expected.length];
    for (int i = 0; i < e.length; i++) e[i] = expected[i];
    assertClose(e, actual, atol, rtol, what);
  }

  /**
   * The elements of {@code actual} (row-major) close to values computed in double, compared
   * without rounding them to float first.
   */
  public static void assertClose(double[] expected, Tensor actual, double atol, double rtol, String what) {
    assertClose(expected, actual.toArray(), atol, rtol, what);
  }

  private static void assertClose(double[] e, float[] a, double atol, double rtol, String what) {
    assertEquals(e.length, a.length, what + ": length");
    int worst = -1;
    double worstExcess = 0;
    for (int i = 0; i < e.length; i++) {
      double excess = Double.isFinite(e[i])
          ? Math.abs(a[i] - e[i]) - (atol + rtol * Math.abs(e[i])) // NaN when a[i] is NaN: fails
          : Double.compare(e[i], a[i]) == 0 ? 0 : Double.POSITIVE_INFINITY;
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

  /** Every element of {@code t} is finite (no NaN, no infinity). */
  public static void assertAllFinite(Tensor t, String what) {
    float[] v = t.toArray();
    for (int i = 0; i < v.length; i++) {
      if (!Float.isFinite(v[i])) throw new AssertionError(what + ": element " + i + " is " + v[i] + " in " + t);
    }
  }

  /** Bitwise equality of two arrays (raw bits: -0.0 differs from 0.0, NaN payloads count). */
  public static void assertBitwise(float[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length, what + ": length");
    assertBitwise(expected, 0, actual, 0, expected.length, what);
  }

  /** Bitwise equality of {@code n} values read from the given offsets. */
  public static void assertBitwise(float[] expected, int eo, float[] actual, int ao, int n, String what) {
    for (int i = 0; i < n; i++) {
      float e = expected[eo + i];
      float a = actual[ao + i];
      if (Float.floatToRawIntBits(e) != Float.floatToRawIntBits(a)) {
        throw new AssertionError(what + ": element " + i + " of " + n + " differs: expected " + e + ", got " + a);
      }
    }
  }

  /**
   * {@code |a - e| <= ulps * ulp(e) + atol} for {@code n} values read from the given offsets,
   * with NaN and infinities (on either side) matched exactly.
   */
  public static void assertUlps(float[] expected, int eo, float[] actual, int ao, int n, int ulps, double atol,
      String what) {
    for (int i = 0; i < n; i++) {
      float e = expected[eo + i];
      float a = actual[ao + i];
      if (!Float.isFinite(e) || !Float.isFinite(a)) {
        if (Float.compare(e, a) != 0) {
          throw new AssertionError(what + ": element " + i + ": expected " + e + ", got " + a);
        }
        continue;
      }
      double allowed = ulps * (double) Math.ulp(e) + atol;
      if (!(Math.abs((double) a - e) <= allowed)) {
        throw new AssertionError(what + ": element " + i + " of " + n + ": expected " + e + ", got " + a + ", "
            + Math.abs((double) a - e) / Math.ulp(e) + " ulp apart (allowed " + ulps + " ulp + " + atol + ")");
      }
    }
  }

  /**
   * {@link GradCheck#defaults()}: central differences against backward for every input that
   * requires grad.
   */
  public static void gradcheck(String name, Function<Tensor[], Tensor> f, Tensor... inputs) {
    GradCheck.defaults().check(name, f, inputs);
  }
}
