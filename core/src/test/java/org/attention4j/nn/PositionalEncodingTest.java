package org.attention4j.nn;

import static org.attention4j.testing.TensorAsserts.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.attention4j.tensor.GradCheck;
import org.attention4j.tensor.Shape;
import org.attention4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class PositionalEncodingTest {
  @Test
  void sinusoidal_table_matchesPaperFormula() {
    SinusoidalPositionalEncoding pe = new SinusoidalPositionalEncoding(50, 6);
    Tensor t = pe.table(50);
    assertEquals(Shape.of(50, 6), t.shape());
    for (int j = 0; j < 6; j++) assertEquals(j % 2 == 0 ? 0f : 1f, t.get(0, j), "pos 0 dim " + j);
    assertEquals((float) Math.sin(1), t.get(1, 0), 1e-7);
    assertEquals((float) Math.cos(1), t.get(1, 1), 1e-7);
    assertEquals((float) Math.sin(7 / Math.pow(10000, 2.0 / 6)), t.get(7, 2), 1e-7);
    assertEquals((float) Math.cos(7 / Math.pow(10000, 2.0 / 6)), t.get(7, 3), 1e-7);
    assertEquals((float) Math.cos(49 / Math.pow(10000, 4.0 / 6)), t.get(49, 5), 1e-7);
  }

  @Test
  void sinusoidal_oddDim_lastColumnIsSine() {
    Tensor t = new SinusoidalPositionalEncoding(10, 5).table(10);
    assertEquals((float) Math.sin(3 / Math.pow(10000, 4.0 / 5)), t.get(3, 4), 1e-7);
  }

  @Test
  void sinusoidal_forward_addsTableToEveryBatchRow() {
    SinusoidalPositionalEncoding pe = new SinusoidalPositionalEncoding(20, 4);
    Tensor x = Tensor.randn(new SplittableRandom(1), 3, 7, 4);
    Tensor y = pe.forward(x);
    assertClose(x.select(0, 2).add(pe.table(7)), y.select(0, 2), "row 2");
    assertEquals(0, pe.parameterCount());
    assertTrue(pe.stateDict().isEmpty());
  }

  @Test
  void forward_tooLong_throws() {
    SinusoidalPositionalEncoding s = new SinusoidalPositionalEncoding(512, 4);
    assertEquals("SinusoidalPositionalEncoding: sequence of 700 positions exceeds maxLen 512",
        assertThrows(IllegalArgumentException.class, () -> s.forward(Tensor.zeros(1, 700, 4))).getMessage());
    LearnedPositionalEncoding l = new LearnedPositionalEncoding(512, 4, new SplittableRandom(1));
    assertEquals("LearnedPositionalEncoding: sequence of 700 positions exceeds maxLen 512",
        assertThrows(IllegalArgumentException.class, () -> l.forward(Tensor.zeros(1, 700, 4))).getMessage());
    assertEquals("SinusoidalPositionalEncoding: input must be (batch, time, 4), got [1, 7, 3]",
        assertThrows(IllegalArgumentException.class, () -> s.forward(Tensor.zeros(1, 7, 3))).getMessage());
  }

  @Test
  void learned_init_isSmallNormal() {
    LearnedPositionalEncoding l = new LearnedPositionalEncoding(100, 50, new SplittableRandom(1));
    assertEquals(java.util.List.of("weight"), java.util.List.copyOf(l.namedParameters().keySet()));
    double sq = 0;
    for (float v : l.weight().toArray()) sq += v * v;
    assertEquals(0.02, Math.sqrt(sq / 5000), 0.002);
  }

  @Test
  void learned_backward_onlyUsedRowsGetGradient() {
    LearnedPositionalEncoding l = new LearnedPositionalEncoding(6, 2, new SplittableRandom(1));
    l.forward(Tensor.ones(3, 4, 2)).sum().backward();
    Tensor g = l.weight().grad();
    assertClose(Tensor.full(3f, 4, 2), g.narrow(0, 0, 4), "used rows");
    assertClose(Tensor.zeros(2, 2), g.narrow(0, 4, 2), "unused rows");
  }

  @Test
  void learned_gradcheck_inputAndWeight() {
    LearnedPositionalEncoding l = new LearnedPositionalEncoding(5, 3, new SplittableRandom(1));
    Tensor x = Tensor.randn(new SplittableRandom(2), 2, 4, 3).requiresGrad(true);
    GradCheck.defaults().check("LearnedPositionalEncoding input", in -> l.forward(in[0]), x);
    GradCheck.defaults().check("LearnedPositionalEncoding all",
        in -> in[0].add(PositionalEncodings.rows("LearnedPositionalEncoding", in[1], 4, 5)),
        x, l.weight().detach().requiresGrad(true));
  }
}
