package org.attention4j.nn;

import static org.attention4j.testing.TensorAsserts.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.attention4j.tensor.GradCheck;
import org.attention4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class LayerNormTest {
  @Test
  void forward_oneTwoThree_matchesClosedForm() {
    // mean 2, biased variance 2/3: y = (x - 2) / sqrt(2/3 + eps).
    LayerNorm ln = new LayerNorm(3);
    double s = Math.sqrt(2.0 / 3 + 1e-5);
    assertClose(Tensor.of(new float[] {(float) (-1 / s), 0f, (float) (1 / s)}),
        ln.forward(Tensor.of(new float[] {1, 2, 3})), "y");
  }

  @Test
  void forward_affine_scalesAndShifts() {
    LayerNorm ln = new LayerNorm(3);
    ln.weight().storage()[ln.weight().storageOffset()] = 2f;
    ln.bias().storage()[ln.bias().storageOffset() + 1] = 0.5f;
    double s = Math.sqrt(2.0 / 3 + 1e-5);
    assertClose(Tensor.of(new float[] {(float) (-2 / s), 0.5f, (float) (1 / s)}),
        ln.forward(Tensor.of(new float[] {1, 2, 3})), "y");
  }

  @Test
  void constructor_noAffine_hasNoParameters() {
    LayerNorm ln = new LayerNorm(4, 1e-6, false);
    assertNull(ln.weight());
    assertEquals(0, ln.parameterCount());
  }

  @Test
  void gradcheck_inputWeightBias() {
    SplittableRandom rng = new SplittableRandom(4);
    Tensor x = Tensor.randn(rng, 2, 3, 5).requiresGrad(true);
    Tensor w = Tensor.randn(rng, 5).mul(0.5f).add(1f).requiresGrad(true);
    Tensor b = Tensor.randn(rng, 5).requiresGrad(true);
    LayerNorm ln = new LayerNorm(5);
    GradCheck.defaults().check("LayerNorm input", in -> ln.forward(in[0]), x);
    GradCheck.defaults().check("LayerNorm all", in -> in[0].layerNorm(in[1], in[2], ln.eps()), x, w, b);
  }

  @Test
  void forward_wrongLastDim_throws() {
    assertEquals("LayerNorm: input [2, 4] must end in dim = 3",
        assertThrows(IllegalArgumentException.class, () -> new LayerNorm(3).forward(Tensor.zeros(2, 4))).getMessage());
  }
}
