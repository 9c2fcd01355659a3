package org.attention4j.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.attention4j.tensor.Tensor;

/**
 * Inputs and attention-specific assertions shared by the attention tests. Comparisons and
 * gradient checks are in {@link org.attention4j.testing.TensorAsserts} and
 * {@link org.attention4j.tensor.GradCheck}.
 */
final class AttentionTesting {
  private AttentionTesting() {}

  static Tensor randn(long seed, int... shape) {
    return Tensor.randn(new SplittableRandom(seed), shape);
  }

  static Tensor uniform(long seed, float lo, float hi, int... shape) {
    return Tensor.uniform(new SplittableRandom(seed), lo, hi, shape);
  }

  static Tensor leaf(Tensor t) {
    return t.requiresGrad(true);
  }

  /** Asserts that the elements of {@code t} at batch row {@code b} (dim 0) are exactly zero. */
  static void assertZeroBatchRow(Tensor t, int b, String what) {
    float[] row = t.select(0, b).toArray();
    for (float v : row) assertEquals(0f, v, 0f, what + " of batch row " + b + " is not zero: " + t);
  }
}
