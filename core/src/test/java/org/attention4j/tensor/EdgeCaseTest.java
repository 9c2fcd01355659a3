package org.attention4j.tensor;

import static org.attention4j.tensor.TestTensors.assertShape;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.attention4j.autograd.GradMode;
import org.junit.jupiter.api.Test;

/** Empty tensors and in-place updates whose source shares the destination's storage. */
class EdgeCaseTest {
  private static final float NEG_INF = Float.NEGATIVE_INFINITY;

  @Test
  void softmax_emptyLastDim_returnsEmpty() {
    // Regression: a (2, 0) tensor counted as non-contiguous, and copying it read past the storage.
    Tensor x = Tensor.ones(2, 0);
    assertTrue(x.isContiguous());
    assertShape(x.softmax(-1), 2, 0);
    assertShape(x.logSoftmax(-1), 2, 0);
    assertShape(x.transpose(0, 1).contiguous(), 0, 2);
  }

  @Test
  void logsumexp_emptyDim_isNegativeInfinity() {
    assertArrayEquals(new float[] {NEG_INF, NEG_INF}, Tensor.ones(2, 0).logsumexp(1, false).toArray());
  }

  @Test
  void copy_emptyInnerDim_works() {
    Tensor x = Tensor.ones(3, 4).narrow(1, 4, 0); // offset past the last element of each row
    assertShape(x.copy(), 3, 0);
    assertShape(x.exp(), 3, 0);
    assertShape(x.add(Tensor.ones(3, 1)), 3, 0);
    assertShape(x.sum(1), 3);
    assertArrayEquals(new float[3], x.sum(1).toArray());
    assertShape(Tensor.concat(1, x, Tensor.ones(3, 2)), 3, 2);
  }

  @Test
  void copyFrom_sourceOverlapsDestination_copiesSourceFirst() {
    // Regression: x.copyFrom(x.transpose(0, 1)) read rows that it had already overwritten.
    Tensor x = Tensor.arange(9).reshape(3, 3);
    x.copyFrom(x.transpose(0, 1));
    assertArrayEquals(new float[] {0, 3, 6, 1, 4, 7, 2, 5, 8}, x.toArray());
    Tensor y = Tensor.arange(6);
    y.narrow(0, 1, 5).copyFrom(y.narrow(0, 0, 5)); // shift right by one
    assertArrayEquals(new float[] {0, 0, 1, 2, 3, 4}, y.toArray());
  }

  @Test
  void addInPlace_sourceOverlapsDestination_usesOldValues() {
    Tensor x = Tensor.arange(9).reshape(3, 3);
    x.addInPlace(x.transpose(0, 1), 1f); // x + x^T: symmetric
    assertArrayEquals(new float[] {0, 4, 8, 4, 8, 12, 8, 12, 16}, x.toArray());
    Tensor y = Tensor.arange(4);
    y.addInPlace(y, 1f);
    assertArrayEquals(new float[] {0, 2, 4, 6}, y.toArray());
    Tensor p = Tensor.ones(3).requiresGrad(true);
    try (var _ = GradMode.noGrad()) {
      p.addInPlace(p.detach(), -0.5f);
    }
    assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f}, p.toArray());
  }
}
