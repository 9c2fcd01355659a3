package org.attention4j.kernel;

import static org.attention4j.kernel.KernelData.LENGTHS;
import static org.attention4j.kernel.KernelData.OFF_A;
import static org.attention4j.kernel.KernelData.OFF_B;
import static org.attention4j.kernel.KernelData.OFF_C;
import static org.attention4j.kernel.KernelData.assertGuard;
import static org.attention4j.kernel.KernelData.uniform;
import static org.attention4j.testing.TensorAsserts.assertBitwise;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;

/**
 * The row kernels against their scalar twins and against double-precision references, at
 * lengths that are not multiples of the lane count. Sums are compared with a tolerance scaled
 * by the sum of magnitudes (the vector body adds in another order); max, argmax and the
 * elementwise steps are exact.
 */
class RowsTest {
  private static final float NEG_INF = Float.NEGATIVE_INFINITY;

  private static double sumAbs(float[] a, int off, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) s += Math.abs(a[off + i]);
    return s;
  }

  private static void assertNear(double expected, float actual, double tol, String what) {
    if (!(Math.abs(actual - expected) <= tol)) fail(what + ": expected " + expected + ", got " + actual + " (tol " + tol + ")");
  }

  @Test
  void sum_allLengths_vectorAndTwinMatchDoubleSum() {
    for (int n : LENGTHS) {
      float[] a = uniform(n, OFF_A, n, -2, 2);
      double exact = 0;
      for (int i = 0; i < n; i++) exact += a[OFF_A + i];
      double tol = 1e-6 * sumAbs(a, OFF_A, n);
      assertNear(exact, Rows.sumVector(a, OFF_A, n), tol, "sumVector n=" + n);
      assertNear(exact, Rows.sumScalar(a, OFF_A, n), tol, "sumScalar n=" + n);
      assertEquals(Rows.sumVector(a, OFF_A, n), Rows.sum(a, OFF_A, n), 0f, "dispatch n=" + n);
    }
  }

  @Test
  void dot_allLengths_vectorAndTwinMatchDoubleDot() {
    for (int n : LENGTHS) {
      float[] a = uniform(n, OFF_A, n, -2, 2);
      float[] b = uniform(n + 1, OFF_B, n, -2, 2);
      double exact = 0;
      double mag = 0;
      for (int i = 0; i < n; i++) {
        exact += (double) a[OFF_A + i] * b[OFF_B + i];
        mag += Math.abs((double) a[OFF_A + i] * b[OFF_B + i]);
      }
      assertNear(exact, Rows.dotVector(a, OFF_A, b, OFF_B, n), 1e-6 * mag, "dotVector n=" + n);
      assertNear(exact, Rows.dotScalar(a, OFF_A, b, OFF_B, n), 1e-6 * mag, "dotScalar n=" + n);
      assertEquals(Rows.dotVector(a, OFF_A, b, OFF_B, n), Rows.dot(a, OFF_A, b, OFF_B, n), 0f, "dispatch n=" + n);
    }
  }

  @Test
  void max_allLengths_bitwiseEqualsTwin() {
    for (int n : LENGTHS) {
      if (n == 0) continue;
      float[] a = uniform(n, OFF_A, n, -2, 2);
      // put the maximum in the tail once and in the body once
      assertEquals(Rows.maxScalar(a, OFF_A, n), Rows.max(a, OFF_A, n), 0f, "n=" + n);
      a[OFF_A + n - 1] = 5f;
      assertEquals(5f, Rows.max(a, OFF_A, n), 0f, "tail max n=" + n);
      a[OFF_A] = 6f;
      assertEquals(6f, Rows.max(a, OFF_A, n), 0f, "body max n=" + n);
    }
  }

  @Test
  void max_nanAnywhere_isNaNInBothPaths() {
    for (int at : new int[] {0, 17, 32}) {
      float[] a = uniform(1, 0, 33, -2, 2);
      a[at] = Float.NaN;
      assertEquals(Float.NaN, Rows.max(a, 0, 33), "vector, NaN at " + at);
      assertEquals(Float.NaN, Rows.maxScalar(a, 0, 33), "scalar, NaN at " + at);
    }
  }

  @Test
  void argmaxArgmin_tiesStridesNaN_followPyTorch() {
    float[] a = {3, 1, 7, 7, -2, 7, -2};
    assertEquals(2, Rows.argmax(a, 0, 1, 7), "first of tied maxima");
    assertEquals(4, Rows.argmin(a, 0, 1, 7), "first of tied minima");
    assertEquals(1, Rows.argmax(a, 1, 2, 3), "stride 2 from 1: 1, 7, 7");
    assertEquals(1, Rows.argmin(a, 1, 3, 2), "stride 3 from 1: 1, -2");
    assertEquals(0, Rows.argmin(a, 2, 1, 2), "tie of the first two: 7, 7");
    float[] nan = {1, Float.NaN, 9, Float.NaN};
    assertEquals(1, Rows.argmax(nan, 0, 1, 4), "NaN counts as largest");
    assertEquals(1, Rows.argmin(nan, 0, 1, 4), "NaN counts as smallest");
    for (int n : LENGTHS) {
      if (n == 0) continue;
      float[] r = uniform(n + 7, 0, n, -1, 1);
      int want = 0;
      for (int i = 1; i < n; i++) if (r[i] > r[want]) want = i;
      assertEquals(want, Rows.argmax(r, 0, 1, n), "n=" + n);
    }
  }

  @Test
  void logSumExp_allLengths_matchesTwinAndDouble() {
    for (int n : LENGTHS) {
      if (n == 0) continue;
      for (float shift : new float[] {0f, 90f, -90f}) {
        float[] a = uniform(n, OFF_A, n, -5 + shift, 5 + shift);
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) m = Math.max(m, a[OFF_A + i]);
        double s = 0;
        for (int i = 0; i < n; i++) s += Math.exp(a[OFF_A + i] - m);
        double exact = m + Math.log(s);
        double tol = 4 * Math.ulp((float) Math.max(1, Math.abs(exact)));
        assertNear(exact, Rows.logSumExp(a, OFF_A, n), tol, "vector n=" + n + " shift " + shift);
        assertNear(exact, Rows.logSumExpScalar(a, OFF_A, n), tol, "scalar n=" + n + " shift " + shift);
      }
    }
  }

  @Test
  void logSumExp_edgeRows_infinitiesAndEmpty() {
    float[] ninf = {NEG_INF, NEG_INF, NEG_INF};
    assertEquals(NEG_INF, Rows.logSumExp(ninf, 0, 3));
    assertEquals(NEG_INF, Rows.logSumExpScalar(ninf, 0, 3));
    assertEquals(NEG_INF, Rows.logSumExp(ninf, 0, 0));
    assertEquals(NEG_INF, Rows.logSumExpScalar(ninf, 0, 0));
    float[] pinf = {1, Float.POSITIVE_INFINITY};
    assertEquals(Float.POSITIVE_INFINITY, Rows.logSumExp(pinf, 0, 2));
    float[] big = new float[40];
    java.util.Arrays.fill(big, 1000f);
    assertEquals(1000f + (float) Math.log(40), Rows.logSumExp(big, 0, 40), 1e-3);
  }

  @Test
  void softmax_allLengths_vectorAndTwinMatchDouble() {
    for (int n : LENGTHS) {
      float[] x = uniform(n, OFF_A, n, -6, 6);
      float[] expected = uniform(1, OFF_B, n, 0, 1);
      float[] actual = expected.clone();
      float[] before = expected.clone();
      Rows.softmaxScalar(x, OFF_A, expected, OFF_B, n);
      Rows.softmax(x, OFF_A, actual, OFF_B, n);
      // Against double: exp differs by an ulp or two, and the float sums by their order of
      // addition (the twin's left-to-right sum drifts most on long rows).
      double m = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) m = Math.max(m, x[OFF_A + i]);
      double z = 0;
      for (int i = 0; i < n; i++) z += Math.exp(x[OFF_A + i] - m);
      for (int i = 0; i < n; i++) {
        double ref = Math.exp(x[OFF_A + i] - m) / z;
        assertNear(ref, actual[OFF_B + i], 1e-6 * ref, "vector n=" + n + " i=" + i);
        assertNear(ref, expected[OFF_B + i], 5e-6 * ref, "scalar n=" + n + " i=" + i);
      }
      assertGuard(before, actual, OFF_B, n, "softmax");
      double total = 0;
      for (int i = 0; i < n; i++) total += actual[OFF_B + i];
      if (n > 0) assertEquals(1.0, total, 1e-5, "sums to one, n=" + n);
    }
  }

  @Test
  void softmax_maskedRows_zerosInBothPaths() {
    for (int n : new int[] {1, 15, 33}) {
      float[] x = new float[n];
      java.util.Arrays.fill(x, NEG_INF);
      float[] y = uniform(2, 0, n, 0, 1);
      float[] z = y.clone();
      Rows.softmax(x, 0, y, 0, n);
      Rows.softmaxScalar(x, 0, z, 0, n);
      for (int i = 0; i < n; i++) {
        assertEquals(0f, y[i], "vector n=" + n);
        assertEquals(0f, z[i], "scalar n=" + n);
      }
      x[n / 2] = 3f; // one survivor gets all the weight
      Rows.softmax(x, 0, y, 0, n);
      assertEquals(1f, y[n / 2]);
    }
  }

  @Test
  void softmaxBackward_allLengths_matchesTwinAndDouble() {
    for (int n : LENGTHS) {
      float[] x = uniform(n, 0, n, -4, 4);
      float[] y = new float[n + 8];
      Rows.softmaxScalar(x, 0, y, 0, n);
      float[] dy = uniform(n + 3, OFF_A, n, -1, 1);
      float[] expected = new float[OFF_C + n + 8];
      float[] actual = expected.clone();
      Rows.softmaxBackwardScalar(y, 0, dy, OFF_A, expected, OFF_C, n);
      Rows.softmaxBackwardVector(y, 0, dy, OFF_A, actual, OFF_C, n);
      double dot = 0;
      for (int i = 0; i < n; i++) dot += (double) y[i] * dy[OFF_A + i];
      for (int i = 0; i < n; i++) {
        double ref = y[i] * (dy[OFF_A + i] - dot);
        double tol = 1e-6 * y[i] + 1e-9;
        assertNear(ref, actual[OFF_C + i], tol, "vector n=" + n + " i=" + i);
        assertNear(ref, expected[OFF_C + i], tol, "scalar n=" + n + " i=" + i);
      }
      assertGuard(new float[OFF_C + n + 8], actual, OFF_C, n, "softmaxBackward");
    }
  }

  @Test
  void logSoftmax_allLengths_matchesTwin() {
    for (int n : LENGTHS) {
      float[] x = uniform(n, OFF_A, n, -6, 6);
      float[] expected = new float[OFF_B + n + 8];
      float[] actual = expected.clone();
      Rows.logSoftmaxScalar(x, OFF_A, expected, OFF_B, n);
      Rows.logSoftmaxVector(x, OFF_A, actual, OFF_B, n);
      for (int i = 0; i < n; i++) {
        // both are x - lse; the lse values agree to a few ulp of max(1, |lse|)
        assertEquals(expected[OFF_B + i], actual[OFF_B + i], 1e-5, "n=" + n + " i=" + i);
      }
      assertGuard(new float[OFF_B + n + 8], actual, OFF_B, n, "logSoftmax");
    }
  }

  @Test
  void logSoftmax_maskedRow_isNegativeInfinityInBothPaths() {
    // Regression: -inf - logsumexp(-inf row) = -inf - (-inf) = NaN.
    for (int n : new int[] {1, 17, 33}) {
      float[] x = new float[n];
      java.util.Arrays.fill(x, NEG_INF);
      float[] y = new float[n];
      float[] z = new float[n];
      Rows.logSoftmaxVector(x, 0, y, 0, n);
      Rows.logSoftmaxScalar(x, 0, z, 0, n);
      for (int i = 0; i < n; i++) {
        assertEquals(NEG_INF, y[i], "vector n=" + n);
        assertEquals(NEG_INF, z[i], "scalar n=" + n);
      }
    }
  }

  @Test
  void logSoftmaxBackward_allLengths_matchesTwin() {
    for (int n : LENGTHS) {
      float[] x = uniform(n, 0, n, -4, 4);
      float[] y = new float[n + 8];
      Rows.logSoftmaxScalar(x, 0, y, 0, n);
      float[] dy = uniform(n + 5, OFF_A, n, -1, 1);
      float[] expected = new float[OFF_C + n + 8];
      float[] actual = expected.clone();
      Rows.logSoftmaxBackwardScalar(y, 0, dy, OFF_A, expected, OFF_C, n);
      Rows.logSoftmaxBackwardVector(y, 0, dy, OFF_A, actual, OFF_C, n);
      double s = 0;
      for (int i = 0; i < n; i++) s += dy[OFF_A + i];
      double mag = sumAbs(dy, OFF_A, n);
      for (int i = 0; i < n; i++) {
        double ref = dy[OFF_A + i] - Math.exp(y[i]) * s;
        double tol = 2e-6 * (1 + mag * Math.exp(y[i]));
        assertNear(ref, actual[OFF_C + i], tol, "vector n=" + n + " i=" + i);
        assertNear(ref, expected[OFF_C + i], tol, "scalar n=" + n + " i=" + i);
      }
      assertGuard(new float[OFF_C + n + 8], actual, OFF_C, n, "logSoftmaxBackward");
    }
  }

  @Test
  void layerNorm_allLengthsAffineOrNot_matchesTwinAndDouble() {
    for (int n : LENGTHS) {
      if (n == 0) continue;
      for (int affine = 0; affine < 2; affine++) {
        float[] x = uniform(n, OFF_A, n, 3, 7); // an offset mean, so centring matters
        float[] w = affine == 1 ? uniform(n + 1, 0, n, 0.5f, 1.5f) : null;
        float[] b = affine == 1 ? uniform(n + 2, 0, n, -1, 1) : null;
        float[] expected = new float[OFF_B + n + 8];
        float[] actual = expected.clone();
        float[] statsS = new float[4];
        float[] statsV = new float[4];
        Rows.layerNormScalar(x, OFF_A, w, b, 1e-5f, expected, OFF_B, statsS, 1, n);
        Rows.layerNormVector(x, OFF_A, w, b, 1e-5f, actual, OFF_B, statsV, 1, n);
        double mean = 0;
        for (int i = 0; i < n; i++) mean += x[OFF_A + i];
        mean /= n;
        double var = 0;
        for (int i = 0; i < n; i++) var += (x[OFF_A + i] - mean) * (x[OFF_A + i] - mean);
        double rstd = 1 / Math.sqrt(var / n + 1e-5);
        String what = "n=" + n + (affine == 1 ? " affine" : "");
        assertNear(mean, statsV[1], 1e-6 * Math.abs(mean), what + " mean");
        assertNear(rstd, statsV[2], 1e-5 * rstd, what + " rstd");
        assertNear(mean, statsS[1], 1e-6 * Math.abs(mean), what + " twin mean");
        for (int i = 0; i < n; i++) {
          double ref = (x[OFF_A + i] - mean) * rstd * (w == null ? 1 : w[i]) + (b == null ? 0 : b[i]);
          assertNear(ref, actual[OFF_B + i], 2e-5, what + " vector i=" + i);
          assertNear(ref, expected[OFF_B + i], 2e-5, what + " scalar i=" + i);
        }
        assertGuard(new float[OFF_B + n + 8], actual, OFF_B, n, what);
      }
    }
  }

  @Test
  void layerNormBackward_allLengths_matchesDoubleFormula() {
    for (int n : LENGTHS) {
      if (n == 0) continue;
      float[] x = uniform(n, OFF_A, n, -2, 2);
      float[] w = uniform(n + 1, 0, n, 0.5f, 1.5f);
      float[] stats = new float[2];
      Rows.layerNorm(x, OFF_A, w, null, 1e-5f, new float[n + 8], 0, stats, 0, n);
      float[] dy = uniform(n + 2, OFF_B, n, -1, 1);
      float[] dx = new float[OFF_C + n + 8];
      Rows.layerNormBackward(x, OFF_A, w, stats[0], stats[1], dy, OFF_B, dx, OFF_C, n);
      double mg = 0;
      double mgx = 0;
      for (int i = 0; i < n; i++) {
        double g = (double) dy[OFF_B + i] * w[i];
        double xhat = (x[OFF_A + i] - stats[0]) * (double) stats[1];
        mg += g;
        mgx += g * xhat;
      }
      mg /= n;
      mgx /= n;
      for (int i = 0; i < n; i++) {
        double g = (double) dy[OFF_B + i] * w[i];
        double xhat = (x[OFF_A + i] - stats[0]) * (double) stats[1];
        double ref = stats[1] * (g - mg - xhat * mgx);
        assertNear(ref, dx[OFF_C + i], 1e-5 * stats[1], "n=" + n + " i=" + i);
      }
      assertGuard(new float[OFF_C + n + 8], dx, OFF_C, n, "layerNormBackward");
    }
  }

  @Test
  void softmaxDispatch_usesVectorBodyWhenEnabled() {
    float[] x = uniform(3, 0, 33, -3, 3);
    float[] a = new float[33];
    float[] b = new float[33];
    Rows.logSoftmax(x, 0, a, 0, 33);
    if (Vectors.ENABLED) Rows.logSoftmaxVector(x, 0, b, 0, 33);
    else Rows.logSoftmaxScalar(x, 0, b, 0, 33);
    assertBitwise(b, 0, a, 0, 33, "logSoftmax dispatch");
  }

  @Test
  void softmaxGradFromLse_vectorAndScalarTwin_agreeBitwise() {
    for (int n : new int[] {1, 15, 16, 17, 33, 1000, 4099}) {
      float[] x = new float[n + 3];
      var rng = new java.util.SplittableRandom(n);
      for (int i = 0; i < x.length; i++) x[i] = (float) (rng.nextGaussian() * 3);
      float lse = Rows.logSumExpScalar(x, 3, n);
      float[] a = new float[n + 2];
      float[] b = new float[n + 2];
      Rows.softmaxGradFromLse(x, 3, lse, 0.7f, 0.01f, a, 2, n);
      Rows.softmaxGradFromLseScalar(x, 3, lse, 0.7f, 0.01f, b, 2, n);
      org.attention4j.testing.TensorAsserts.assertBitwise(b, a, "n=" + n);
    }
  }
}
