package org.attention4j.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Kernels over one contiguous row {@code a[off .. off + n)}: reductions (sum, max, argmax,
 * log-sum-exp) and the softmax / log-softmax rows with their backward. Each has a vector body,
 * a scalar tail and a scalar twin ({@code ...Scalar}).
 *
 * <p>Sums accumulate in float with one partial sum per lane in a fixed order, so a row's result
 * does not depend on threads. Softmax subtracts the row maximum first; a row whose maximum is
 * {@code -inf} (everything masked) gives all zeros rather than NaN.
 */
public final class Rows {
  private static final VectorSpecies<Float> S = Vectors.SPECIES;
  private static final int L = S.length();

  private Rows() {}

  // ------------------------------------------------------------------ sum

  /** Sum of the row. */
  public static float sum(float[] a, int off, int n) {
    return Vectors.ENABLED ? sumVector(a, off, n) : sumScalar(a, off, n);
  }

  public static float sumVector(float[] a, int off, int n) {
    int bound = S.loopBound(n);
    float s = 0f;
    if (bound > 0) {
      FloatVector acc = FloatVector.zero(S);
      for (int i = 0; i < bound; i += L) acc = acc.add(FloatVector.fromArray(S, a, off + i));
      s = VMath.sumLanes(acc);
    }
    for (int i = bound; i < n; i++) s += a[off + i];
    return s;
  }

  /** Scalar twin of {@link #sum}: a plain left-to-right sum (equal to the vector body within rounding). */
  public static float sumScalar(float[] a, int off, int n) {
    float s = 0f;
    for (int i = 0; i < n; i++) s += a[off + i];
    return s;
  }

  /** Dot product of two rows. */
  public static float dot(float[] a, int ao, float[] b, int bo, int n) {
    return Vectors.ENABLED ? dotVector(a, ao, b, bo, n) : dotScalar(a, ao, b, bo, n);
  }

  /** The vector body of {@link #dot}: one fused partial sum per lane, then a scalar tail. */
  public static float dotVector(float[] a, int ao, float[] b, int bo, int n) {
    int i = 0;
    float s = 0f;
    int bound = S.loopBound(n);
    if (bound > 0) {
      FloatVector acc = FloatVector.zero(S);
      for (; i < bound; i += L) acc = FloatVector.fromArray(S, a, ao + i).fma(FloatVector.fromArray(S, b, bo + i), acc);
      s = VMath.sumLanes(acc);
    }
    for (; i < n; i++) s = Math.fma(a[ao + i], b[bo + i], s);
    return s;
  }

  /** Scalar twin of {@link #dot}: a left-to-right fused sum (equal to the vector body within rounding). */
  public static float dotScalar(float[] a, int ao, float[] b, int bo, int n) {
    float s = 0f;
    for (int i = 0; i < n; i++) s = Math.fma(a[ao + i], b[bo + i], s);
    return s;
  }

  // ------------------------------------------------------------------ max / argmax

  /** Largest value of a non-empty row (NaN if any element is NaN). */
  public static float max(float[] a, int off, int n) {
    if (!Vectors.ENABLED) return maxScalar(a, off, n);
    int bound = S.loopBound(n);
    float m = Float.NEGATIVE_INFINITY;
    if (bound > 0) {
      FloatVector acc = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
      for (int i = 0; i < bound; i += L) acc = acc.max(FloatVector.fromArray(S, a, off + i));
      m = acc.reduceLanes(VectorOperators.MAX);
    }
    for (int i = bound; i < n; i++) m = Math.max(m, a[off + i]);
    return m;
  }

  public static float maxScalar(float[] a, int off, int n) {
    float m = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) m = Math.max(m, a[off + i]);
    return m;
  }

  /** Index of the first largest value, reading every {@code stride}-th element (NaN counts as largest). */
  public static int argmax(float[] a, int off, int stride, int n) {
    int best = 0;
    float m = a[off];
    if (Float.isNaN(m)) return 0;
    for (int i = 1; i < n; i++) {
      float v = a[off + i * stride];
      if (v > m || Float.isNaN(v)) {
        if (Float.isNaN(v)) return i;
        m = v;
        best = i;
      }
    }
    return best;
  }

  /** Index of the first smallest value, reading every {@code stride}-th element (NaN counts as smallest). */
  public static int argmin(float[] a, int off, int stride, int n) {
    int best = 0;
    float m = a[off];
    if (Float.isNaN(m)) return 0;
    for (int i = 1; i < n; i++) {
      float v = a[off + i * stride];
      if (Float.isNaN(v)) return i;
      if (v < m) {
        m = v;
        best = i;
      }
    }
    return best;
  }

  // ------------------------------------------------------------------ softmax family

  /**
   * {@code log(sum(exp(a)))} of a row, stable: the maximum is subtracted first. Returns
   * {@code -inf} for a row of {@code -inf} (or an empty row).
   */
  public static float logSumExp(float[] a, int off, int n) {
    if (n == 0) return Float.NEGATIVE_INFINITY;
    float m = max(a, off, n);
    if (m == Float.NEGATIVE_INFINITY) return m;
    if (m == Float.POSITIVE_INFINITY || Float.isNaN(m)) return m;
    return m + (float) Math.log(sumExpShifted(a, off, n, m));
  }

  /** Scalar twin of {@link #logSumExp}. */
  public static float logSumExpScalar(float[] a, int off, int n) {
    if (n == 0) return Float.NEGATIVE_INFINITY;
    float m = maxScalar(a, off, n);
    if (m == Float.NEGATIVE_INFINITY || m == Float.POSITIVE_INFINITY || Float.isNaN(m)) return m;
    float s = 0f;
    for (int i = 0; i < n; i++) s += VMath.exp(a[off + i] - m);
    return m + (float) Math.log(s);
  }

  private static float sumExpShifted(float[] a, int off, int n, float m) {
    int bound = S.loopBound(n);
    float s = 0f;
    if (bound > 0) {
      FloatVector acc = FloatVector.zero(S);
      for (int i = 0; i < bound; i += L) {
        acc = acc.add(VMath.exp(FloatVector.fromArray(S, a, off + i).sub(m)));
      }
      s = VMath.sumLanes(acc);
    }
    for (int i = bound; i < n; i++) s += VMath.exp(a[off + i] - m);
    return s;
  }

  /** {@code y = softmax(x)} over one row; an all {@code -inf} row gives zeros. */
  public static void softmax(float[] x, int xo, float[] y, int yo, int n) {
    if (!Vectors.ENABLED) {
      softmaxScalar(x, xo, y, yo, n);
      return;
    }
    if (n == 0) return;
    float m = max(x, xo, n);
    if (m == Float.NEGATIVE_INFINITY) {
      java.util.Arrays.fill(y, yo, yo + n, 0f);
      return;
    }
    int bound = S.loopBound(n);
    FloatVector acc = FloatVector.zero(S);
    for (int i = 0; i < bound; i += L) {
      FloatVector e = VMath.exp(FloatVector.fromArray(S, x, xo + i).sub(m));
      e.intoArray(y, yo + i);
      acc = acc.add(e);
    }
    float s = bound > 0 ? VMath.sumLanes(acc) : 0f;
    for (int i = bound; i < n; i++) {
      float e = VMath.exp(x[xo + i] - m);
      y[yo + i] = e;
      s += e;
    }
    float inv = 1f / s;
    for (int i = 0; i < bound; i += L) FloatVector.fromArray(S, y, yo + i).mul(inv).intoArray(y, yo + i);
    for (int i = bound; i < n; i++) y[yo + i] *= inv;
  }

  /** Scalar twin of {@link #softmax}. */
  public static void softmaxScalar(float[] x, int xo, float[] y, int yo, int n) {
    if (n == 0) return;
    float m = maxScalar(x, xo, n);
    if (m == Float.NEGATIVE_INFINITY) {
      java.util.Arrays.fill(y, yo, yo + n, 0f);
      return;
    }
    float s = 0f;
    for (int i = 0; i < n; i++) {
      float e = VMath.exp(x[xo + i] - m);
      y[yo + i] = e;
      s += e;
    }
    float inv = 1f / s;
    for (int i = 0; i < n; i++) y[yo + i] *= inv;
  }

  /** Softmax backward over one row: {@code dx = y * (dy - sum(dy * y))}. */
  public static void softmaxBackward(float[] y, int yo, float[] dy, int dyo, float[] dx, int dxo, int n) {
    if (Vectors.ENABLED) softmaxBackwardVector(y, yo, dy, dyo, dx, dxo, n);
    else softmaxBackwardScalar(y, yo, dy, dyo, dx, dxo, n);
  }

  /** The vector body of {@link #softmaxBackward}, with a scalar tail. */
  public static void softmaxBackwardVector(float[] y, int yo, float[] dy, int dyo, float[] dx, int dxo, int n) {
    float dot = dotVector(y, yo, dy, dyo, n);
    int i = 0;
    int bound = S.loopBound(n);
    for (; i < bound; i += L) {
      FloatVector vy = FloatVector.fromArray(S, y, yo + i);
      FloatVector.fromArray(S, dy, dyo + i).sub(dot).mul(vy).intoArray(dx, dxo + i);
    }
    for (; i < n; i++) dx[dxo + i] = (dy[dyo + i] - dot) * y[yo + i];
  }

  /** Scalar twin of {@link #softmaxBackward}. */
  public static void softmaxBackwardScalar(float[] y, int yo, float[] dy, int dyo, float[] dx, int dxo, int n) {
    float dot = dotScalar(y, yo, dy, dyo, n);
    for (int i = 0; i < n; i++) dx[dxo + i] = (dy[dyo + i] - dot) * y[yo + i];
  }

  /** {@code y = x - logsumexp(x)} over one row; an all {@code -inf} row gives {@code -inf}. */
  public static void logSoftmax(float[] x, int xo, float[] y, int yo, int n) {
    if (Vectors.ENABLED) logSoftmaxVector(x, xo, y, yo, n);
    else logSoftmaxScalar(x, xo, y, yo, n);
  }

  /** The vector body of {@link #logSoftmax}, with a scalar tail. */
  public static void logSoftmaxVector(float[] x, int xo, float[] y, int yo, int n) {
    float lse = logSumExp(x, xo, n);
    if (lse == Float.NEGATIVE_INFINITY) {
      // every element is -inf: x - lse would be -inf - (-inf) = NaN
      java.util.Arrays.fill(y, yo, yo + n, Float.NEGATIVE_INFINITY);
      return;
    }
    int i = 0;
    int bound = S.loopBound(n);
    for (; i < bound; i += L) FloatVector.fromArray(S, x, xo + i).sub(lse).intoArray(y, yo + i);
    for (; i < n; i++) y[yo + i] = x[xo + i] - lse;
  }

  /** Scalar twin of {@link #logSoftmax}. */
  public static void logSoftmaxScalar(float[] x, int xo, float[] y, int yo, int n) {
    float lse = logSumExpScalar(x, xo, n);
    if (lse == Float.NEGATIVE_INFINITY) {
      java.util.Arrays.fill(y, yo, yo + n, Float.NEGATIVE_INFINITY);
      return;
    }
    for (int i = 0; i < n; i++) y[yo + i] = x[xo + i] - lse;
  }

  /** Log-softmax backward over one row: {@code dx = dy - exp(y) * sum(dy)}. */
  public static void logSoftmaxBackward(float[] y, int yo, float[] dy, int dyo, float[] dx, int dxo, int n) {
    if (Vectors.ENABLED) logSoftmaxBackwardVector(y, yo, dy, dyo, dx, dxo, n);
    else logSoftmaxBackwardScalar(y, yo, dy, dyo, dx, dxo, n);
  }

  /** The vector body of {@link #logSoftmaxBackward}, with a scalar tail. */
  public static void logSoftmaxBackwardVector(float[] y, int yo, float[] dy, int dyo, float[] dx, int dxo, int n) {
    float s = sumVector(dy, dyo, n);
    int i = 0;
    int bound = S.loopBound(n);
    for (; i < bound; i += L) {
      FloatVector e = VMath.exp(FloatVector.fromArray(S, y, yo + i));
      FloatVector.fromArray(S, dy, dyo + i).sub(e.mul(s)).intoArray(dx, dxo + i);
    }
    for (; i < n; i++) dx[dxo + i] = dy[dyo + i] - VMath.exp(y[yo + i]) * s;
  }

  /** Scalar twin of {@link #logSoftmaxBackward}. */
  public static void logSoftmaxBackwardScalar(float[] y, int yo, float[] dy, int dyo, float[] dx, int dxo, int n) {
    float s = sumScalar(dy, dyo, n);
    for (int i = 0; i < n; i++) dx[dxo + i] = dy[dyo + i] - VMath.exp(y[yo + i]) * s;
  }

  /**
   * {@code dx = w * (exp(x - lse) - uniform)} over one row: the cross-entropy gradient before
   * the target's {@code -w (1 - smoothing)} is added, given the row's log-sum-exp.
   */
  public static void softmaxGradFromLse(float[] x, int xo, float lse, float w, float uniform, float[] dx, int dxo, int n) {
    int i = 0;
    if (Vectors.ENABLED) {
      int bound = S.loopBound(n);
      for (; i < bound; i += L) {
        VMath.exp(FloatVector.fromArray(S, x, xo + i).sub(lse)).sub(uniform).mul(w).intoArray(dx, dxo + i);
      }
    }
    for (; i < n; i++) dx[dxo + i] = (VMath.exp(x[xo + i] - lse) - uniform) * w;
  }

  /** Scalar twin of {@link #softmaxGradFromLse}. */
  public static void softmaxGradFromLseScalar(float[] x, int xo, float lse, float w, float uniform, float[] dx, int dxo, int n) {
    for (int i = 0; i < n; i++) dx[dxo + i] = (VMath.exp(x[xo + i] - lse) - uniform) * w;
  }

  // ------------------------------------------------------------------ layer norm

  /**
   * Layer norm of one row: {@code y = (x - mean) * rstd * w + b} with the biased variance
   * computed in two passes. Writes {@code stats[so] = mean, stats[so + 1] = rstd}.
   * {@code w} and {@code b} may be {@code null}; when given they are read from index 0.
   */
  public static void layerNorm(float[] x, int xo, float[] w, float[] b, float eps, float[] y, int yo,
      float[] stats, int so, int n) {
    if (Vectors.ENABLED) layerNormVector(x, xo, w, b, eps, y, yo, stats, so, n);
    else layerNormScalar(x, xo, w, b, eps, y, yo, stats, so, n);
  }

  /** The vector body of {@link #layerNorm}, with a scalar tail. */
  public static void layerNormVector(float[] x, int xo, float[] w, float[] b, float eps, float[] y, int yo,
      float[] stats, int so, int n) {
    float mean = sumVector(x, xo, n) / n;
    float var = 0f;
    int i = 0;
    int bound = S.loopBound(n);
    if (bound > 0) {
      FloatVector acc = FloatVector.zero(S);
      for (; i < bound; i += L) {
        FloatVector d = FloatVector.fromArray(S, x, xo + i).sub(mean);
        acc = d.fma(d, acc);
      }
      var = VMath.sumLanes(acc);
    }
    for (; i < n; i++) {
      float d = x[xo + i] - mean;
      var = Math.fma(d, d, var);
    }
    float rstd = (float) (1.0 / Math.sqrt(var / n + eps));
    stats[so] = mean;
    stats[so + 1] = rstd;
    i = 0;
    for (; i < bound; i += L) {
      FloatVector v = FloatVector.fromArray(S, x, xo + i).sub(mean).mul(rstd);
      if (w != null) v = v.mul(FloatVector.fromArray(S, w, i));
      if (b != null) v = v.add(FloatVector.fromArray(S, b, i));
      v.intoArray(y, yo + i);
    }
    for (; i < n; i++) y[yo + i] = affine((x[xo + i] - mean) * rstd, w, b, i);
  }

  /** Scalar twin of {@link #layerNorm}. */
  public static void layerNormScalar(float[] x, int xo, float[] w, float[] b, float eps, float[] y, int yo,
      float[] stats, int so, int n) {
    float mean = sumScalar(x, xo, n) / n;
    float var = 0f;
    for (int i = 0; i < n; i++) {
      float d = x[xo + i] - mean;
      var = Math.fma(d, d, var);
    }
    float rstd = (float) (1.0 / Math.sqrt(var / n + eps));
    stats[so] = mean;
    stats[so + 1] = rstd;
    for (int i = 0; i < n; i++) y[yo + i] = affine((x[xo + i] - mean) * rstd, w, b, i);
  }

  private static float affine(float v, float[] w, float[] b, int i) {
    if (w != null) v *= w[i];
    if (b != null) v += b[i];
    return v;
  }

  /**
   * Input gradient of layer norm for one row, given the saved mean and rstd (scalar only: it is
   * its own twin):
   * {@code dx = rstd * (g - mean(g) - xhat * mean(g * xhat))} with {@code g = dy * w}.
   */
  public static void layerNormBackward(float[] x, int xo, float[] w, float mean, float rstd, float[] dy, int dyo,
      float[] dx, int dxo, int n) {
    // First pass: sums of g and g * xhat.
    float sumG = 0f;
    float sumGX = 0f;
    for (int i = 0; i < n; i++) {
      float g = w == null ? dy[dyo + i] : dy[dyo + i] * w[i];
      float xhat = (x[xo + i] - mean) * rstd;
      sumG += g;
      sumGX += g * xhat;
    }
    float meanG = sumG / n;
    float meanGX = sumGX / n;
    for (int i = 0; i < n; i++) {
      float g = w == null ? dy[dyo + i] : dy[dyo + i] * w[i];
      float xhat = (x[xo + i] - mean) * rstd;
      dx[dxo + i] = rstd * (g - meanG - xhat * meanGX);
    }
  }
}
