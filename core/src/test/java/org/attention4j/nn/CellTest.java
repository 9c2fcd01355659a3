package org.attention4j.nn;

import static org.attention4j.testing.TensorAsserts.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.attention4j.tensor.GradCheck;
import org.attention4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class CellTest {
  private static Tensor leaf(Tensor t) {
    return t.detach().requiresGrad(true);
  }

  @Test
  void gruCell_parameters_havePyTorchNamesAndShapes() {
    GRUCell c = new GRUCell(7, 5, true, new SplittableRandom(1));
    assertEquals(List.of("weight_ih", "weight_hh", "bias_ih", "bias_hh"), List.copyOf(c.namedParameters().keySet()));
    assertEquals(org.attention4j.tensor.Shape.of(15, 7), c.weightIh().shape());
    assertEquals(org.attention4j.tensor.Shape.of(15, 5), c.weightHh().shape());
    double k = 1 / Math.sqrt(5);
    for (Tensor p : c.parameters()) for (float v : p.toArray()) assertTrue(Math.abs(v) <= k);
  }

  @Test
  void gruCell_zeroWeights_halvesTheState() {
    // r = z = sigmoid(0) = 0.5 and n = tanh(0) = 0, so h' = (1 - z) n + z h = h / 2.
    GRUCell c = new GRUCell(3, 4, true, new SplittableRandom(1));
    for (Tensor p : c.parameters()) Init.zeros(p);
    Tensor h = Tensor.randn(new SplittableRandom(2), 2, 4);
    assertClose(h.mul(0.5f), c.forward(Tensor.randn(new SplittableRandom(3), 2, 3), h), 0, 0, "h'");
  }

  @Test
  void gruCell_nullState_isZeros() {
    GRUCell c = new GRUCell(3, 4, false, new SplittableRandom(1));
    Tensor x = Tensor.randn(new SplittableRandom(2), 2, 3);
    assertClose(c.forward(x, Tensor.zeros(2, 4)), c.forward(x, null), 0, 0, "h'");
  }

  @Test
  void gruCell_gradcheck_inputStateAndParameters() {
    GRUCell c = new GRUCell(3, 4, true, new SplittableRandom(1));
    SplittableRandom rng = new SplittableRandom(2);
    Tensor x = Tensor.randn(rng, 2, 3).requiresGrad(true);
    Tensor h = Tensor.randn(rng, 2, 4).requiresGrad(true);
    GradCheck.defaults().check("GRUCell input", in -> c.forward(in[0], in[1]), x, h);
    GradCheck.defaults().check("GRUCell all",
        in -> Cells.gru(Linear.apply(in[0], in[2], in[4]), in[1], in[3], in[5], 4),
        x, h, leaf(c.weightIh()), leaf(c.weightHh()), leaf(c.biasIh()), leaf(c.biasHh()));
  }

  @Test
  void lstmCell_zeroWeights_matchesClosedForm() {
    // i = f = o = 0.5, g = 0: c' = c / 2, h' = tanh(c / 2) / 2.
    LSTMCell cell = new LSTMCell(3, 4, true, new SplittableRandom(1));
    for (Tensor p : cell.parameters()) Init.zeros(p);
    SplittableRandom rng = new SplittableRandom(2);
    Tensor c = Tensor.randn(rng, 2, 4);
    LstmState next = cell.forward(Tensor.randn(rng, 2, 3), new LstmState(Tensor.randn(rng, 2, 4), c));
    assertClose(c.mul(0.5f), next.c(), "c'");
    assertClose(c.mul(0.5f).tanh().mul(0.5f), next.h(), "h'");
  }

  @Test
  void lstmCell_gateOrder_inputForgetCellOutput() {
    // Only the forget-gate bias is large: f = 1, i = 0.5, g = 0, so c' = c.
    LSTMCell cell = new LSTMCell(2, 3, true, new SplittableRandom(1));
    for (Tensor p : cell.parameters()) Init.zeros(p);
    Init.constant(cell.biasIh().narrow(0, 3, 3), 30);
    Tensor c = Tensor.randn(new SplittableRandom(2), 1, 3);
    assertClose(c, cell.forward(Tensor.zeros(1, 2), new LstmState(Tensor.zeros(1, 3), c)).c(), "c'");
  }

  @Test
  void lstmCell_gradcheck_inputStateAndParameters() {
    LSTMCell cell = new LSTMCell(3, 4, true, new SplittableRandom(1));
    SplittableRandom rng = new SplittableRandom(2);
    Tensor x = Tensor.randn(rng, 2, 3).requiresGrad(true);
    Tensor h = Tensor.randn(rng, 2, 4).requiresGrad(true);
    Tensor c = Tensor.randn(rng, 2, 4).requiresGrad(true);
    // Both outputs enter the checked sum: stack (h', c') -> (2, B, H).
    GradCheck.defaults().check("LSTMCell input", in -> {
      LstmState s = cell.forward(in[0], new LstmState(in[1], in[2]));
      return Tensor.stack(0, s.h(), s.c());
    }, x, h, c);
    GradCheck.defaults().check("LSTMCell all", in -> {
      LstmState s = Cells.lstm(Linear.apply(in[0], in[3], in[5]), in[1], in[2], in[4], in[6], 4);
      return Tensor.stack(0, s.h(), s.c());
    }, x, h, c, leaf(cell.weightIh()), leaf(cell.weightHh()), leaf(cell.biasIh()), leaf(cell.biasHh()));
  }

  @Test
  void forward_badShapes_throw() {
    GRUCell g = new GRUCell(3, 4, true, new SplittableRandom(1));
    assertEquals("GRUCell: input must be (batch, 3), got [2, 5]",
        assertThrows(IllegalArgumentException.class, () -> g.forward(Tensor.zeros(2, 5), null)).getMessage());
    assertEquals("GRUCell: h must be [2, 4] (batch, hidden), got [3, 4]",
        assertThrows(IllegalArgumentException.class, () -> g.forward(Tensor.zeros(2, 3), Tensor.zeros(3, 4))).getMessage());
    LSTMCell l = new LSTMCell(3, 4, true, new SplittableRandom(1));
    assertEquals("LSTMCell: c must be [2, 4] (batch, hidden), got [2, 5]",
        assertThrows(IllegalArgumentException.class,
            () -> l.forward(Tensor.zeros(2, 3), new LstmState(Tensor.zeros(2, 4), Tensor.zeros(2, 5)))).getMessage());
    assertEquals("LSTMCell: input_size and hidden_size must be positive, got 3 and 0",
        assertThrows(IllegalArgumentException.class, () -> new LSTMCell(3, 0, true, new SplittableRandom(1))).getMessage());
  }
}
