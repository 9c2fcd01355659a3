package org.attention4j.nn;

import static org.attention4j.testing.TensorAsserts.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.attention4j.tensor.GradCheck;
import org.attention4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class DropoutTest {
  @Test
  void forward_evalMode_returnsInput() {
    Dropout d = new Dropout(0.5, new SplittableRandom(1));
    d.eval();
    Tensor x = Tensor.ones(4, 4);
    assertSame(x, d.forward(x));
  }

  @Test
  void forward_trainMode_zeroesOrScales() {
    Dropout d = new Dropout(0.25, new SplittableRandom(1));
    float[] y = d.forward(Tensor.ones(1000)).toArray();
    int zeros = 0;
    for (float v : y) {
      assertTrue(v == 0f || Math.abs(v - 1 / 0.75f) < 1e-6, "value " + v);
      if (v == 0f) zeros++;
    }
    assertTrue(zeros > 200 && zeros < 300, "zeros " + zeros);
  }

  @Test
  void forward_sameSeed_sameMask() {
    Tensor x = Tensor.ones(50);
    assertClose(new Dropout(0.5, new SplittableRandom(9)).forward(x), new Dropout(0.5, new SplittableRandom(9)).forward(x), "mask");
  }

  @Test
  void gradcheck_trainMode_reseededEachCall() {
    // A fresh generator per call draws the same mask for the central differences.
    Tensor x = Tensor.randn(new SplittableRandom(2), 3, 4).requiresGrad(true);
    GradCheck.defaults().check("Dropout", in -> new Dropout(0.3, new SplittableRandom(7)).forward(in[0]), x);
  }

  @Test
  void constructor_badP_throws() {
    assertEquals("Dropout: p must be in [0, 1], got 1.5",
        assertThrows(IllegalArgumentException.class, () -> new Dropout(1.5, new SplittableRandom(1))).getMessage());
  }
}
