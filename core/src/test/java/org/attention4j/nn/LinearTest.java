package org.attention4j.nn;

import static org.attention4j.testing.TensorAsserts.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.attention4j.tensor.GradCheck;
import org.attention4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class LinearTest {
  @Test
  void forward_handWeights_matchesClosedForm() {
    Linear l = new Linear(2, 3, true, new SplittableRandom(1));
    l.loadStateDict(Map.of(
        "weight", Tensor.of(new float[][] {{1, 2}, {3, 4}, {5, 6}}),
        "bias", Tensor.of(new float[] {0.5f, -1f, 0f})), true);
    Tensor y = l.forward(Tensor.of(new float[][] {{1, 1}, {2, -1}}));
    assertClose(Tensor.of(new float[][] {{3.5f, 6f, 11f}, {0.5f, 1f, 4f}}), y, "y");
  }

  @Test
  void forward_batchedInput_keepsLeadingDims() {
    Linear l = new Linear(5, 3, false, new SplittableRandom(1));
    Tensor x = Tensor.randn(new SplittableRandom(2), 2, 4, 5);
    Tensor y = l.forward(x);
    assertEquals(org.attention4j.tensor.Shape.of(2, 4, 3), y.shape());
    assertClose(l.forward(x.select(0, 1).select(0, 2).unsqueeze(0)).squeeze(0), y.select(0, 1).select(0, 2), "row");
  }

  @Test
  void constructor_defaultInit_withinPyTorchBound() {
    Linear l = new Linear(16, 8, true, new SplittableRandom(3));
    double bound = 1 / Math.sqrt(16);
    for (float v : l.weight().toArray()) assertTrue(Math.abs(v) <= bound, "weight " + v);
    for (float v : l.bias().toArray()) assertTrue(Math.abs(v) <= bound, "bias " + v);
    assertEquals(16 * 8 + 8, l.parameterCount());
  }

  @Test
  void constructor_noBias_hasOnlyWeight() {
    Linear l = new Linear(3, 2, false, new SplittableRandom(1));
    assertNull(l.bias());
    assertEquals(java.util.List.of("weight"), java.util.List.copyOf(l.namedParameters().keySet()));
  }

  @Test
  void forward_wrongLastDim_throws() {
    Linear l = new Linear(7, 5, true, new SplittableRandom(1));
    assertEquals("Linear: input [2, 6] must end in in_features = 7",
        assertThrows(IllegalArgumentException.class, () -> l.forward(Tensor.zeros(2, 6))).getMessage());
    assertEquals("Linear: in_features and out_features must be positive, got 0 and 5",
        assertThrows(IllegalArgumentException.class, () -> new Linear(0, 5, true, new SplittableRandom(1))).getMessage());
  }

  @Test
  void gradcheck_withBias() {
    Linear l = new Linear(4, 3, true, new SplittableRandom(5));
    Tensor x = Tensor.randn(new SplittableRandom(6), 2, 2, 4).requiresGrad(true);
    GradCheck.defaults().check("Linear(bias) input", in -> l.forward(in[0]), x);
    GradCheck.defaults().check("Linear(bias) all", in -> Linear.apply(in[0], in[1], in[2]),
        x, l.weight().detach().requiresGrad(true), l.bias().detach().requiresGrad(true));
  }

  @Test
  void gradcheck_withoutBias() {
    Linear l = new Linear(4, 3, false, new SplittableRandom(5));
    Tensor x = Tensor.randn(new SplittableRandom(6), 3, 4).requiresGrad(true);
    GradCheck.defaults().check("Linear(no bias)", in -> Linear.apply(in[0], in[1], null),
        x, l.weight().detach().requiresGrad(true));
  }

  @Test
  void backward_parameterGradients_matchClosedForm() {
    // y = x W^T + b summed: dW[o][i] = sum over rows of x[:, i], db[o] = rows.
    Linear l = new Linear(2, 3, true, new SplittableRandom(1));
    Tensor x = Tensor.of(new float[][] {{1, 2}, {3, -1}});
    l.forward(x).sum().backward();
    assertClose(Tensor.of(new float[][] {{4, 1}, {4, 1}, {4, 1}}), l.weight().grad(), "dW");
    assertClose(Tensor.of(new float[] {2, 2, 2}), l.bias().grad(), "db");
  }
}
