package org.attention4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Inputs shared by the tensor tests. Comparisons and the gradient check are in
 * {@link org.attention4j.testing.TensorAsserts}.
 */
final class TestTensors {
  private TestTensors() {}

  /** Standard normal values. */
  static Tensor randn(long seed, int... shape) {
    return Tensor.randn(new SplittableRandom(seed), shape);
  }

  /** Uniform values in [lo, hi). */
  static Tensor uniform(long seed, float lo, float hi, int... shape) {
    return Tensor.uniform(new SplittableRandom(seed), lo, hi, shape);
  }

  /** Normal values pushed out so that |x| >= margin: no kinks (relu, abs) within a step. */
  static Tensor awayFromZero(long seed, float margin, int... shape) {
    float[] v = randn(seed, shape).toArray();
    for (int i = 0; i < v.length; i++) v[i] += v[i] >= 0 ? margin : -margin;
    return of(v, shape);
  }

  /** Pairwise distinct values in about [-2, 2), at least 4 / n apart (no ties for max/min). */
  static Tensor distinct(long seed, int... shape) {
    int n = Shape.of(shape).numel();
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) perm[i] = i;
    SplittableRandom rng = new SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    float[] v = new float[n];
    for (int i = 0; i < n; i++) v[i] = -2f + 4f * perm[i] / n;
    return of(v, shape);
  }

  /** Integers uniform in [lo, hi). */
  static IntTensor ints(long seed, int lo, int hi, int... shape) {
    SplittableRandom rng = new SplittableRandom(seed);
    int[] v = new int[Shape.of(shape).numel()];
    for (int i = 0; i < v.length; i++) v[i] = rng.nextInt(lo, hi);
    return IntTensor.of(v, shape);
  }

  /** A float 0/1 mask with ones at probability {@code p}. */
  static Tensor bits(long seed, double p, int... shape) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] v = new float[Shape.of(shape).numel()];
    for (int i = 0; i < v.length; i++) v[i] = rng.nextDouble() < p ? 1f : 0f;
    return of(v, shape);
  }

  /** {@code values} with the given shape; an empty shape gives a rank-0 tensor. */
  static Tensor of(float[] values, int... shape) {
    return Tensor.of(values).reshape(shape);
  }

  /** Marks {@code t} as a leaf that wants a gradient. */
  static Tensor leaf(Tensor t) {
    return t.requiresGrad(true);
  }

  static void assertShape(Tensor t, int... dims) {
    assertEquals(Arrays.toString(dims), t.shape().toString(), "shape");
  }
}
