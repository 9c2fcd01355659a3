package org.attention4j.nn;

import static org.attention4j.testing.TensorAsserts.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.attention4j.tensor.GradCheck;
import org.attention4j.tensor.Shape;
import org.attention4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class RnnTest {
  private static final int B = 3;
  private static final int T = 4;
  private static final int I = 3;
  private static final int H = 2;

  private static Module build(boolean lstm, RnnConfig cfg, long seed) {
    return lstm ? new LSTM(cfg, new SplittableRandom(seed)) : new GRU(cfg, new SplittableRandom(seed));
  }

  private static RnnOutput forward(Module m, Tensor x, int[] lengths, Tensor h0, Tensor c0) {
    return m instanceof LSTM l ? l.forward(x, lengths, h0, c0) : ((GRU) m).forward(x, lengths, h0);
  }

  /** Regroups flat weight leaves (registration order) into [layer * D + dir][slot]. */
  private static Tensor[][] regroup(RnnConfig cfg, Tensor[] in, int from) {
    int n = cfg.numLayers() * cfg.directions();
    int per = cfg.bias() ? 4 : 2;
    Tensor[][] w = new Tensor[n][4];
    for (int i = 0; i < n; i++) {
      for (int s = 0; s < per; s++) w[i][s] = in[from + i * per + s];
    }
    return w;
  }

  /**
   * Checks gradients of output, hN (and cN) with respect to x, h0, c0 and every weight, through
   * the functional form that forward delegates to.
   */
  private static void gradcheck(String name, boolean lstm, RnnConfig cfg, int[] lengths) {
    Module m = build(lstm, cfg, 11);
    SplittableRandom rng = new SplittableRandom(12);
    int states = cfg.numLayers() * cfg.directions();
    Tensor x = Tensor.randn(rng, B, T, cfg.inputSize());
    Tensor h0 = Tensor.randn(rng, states, B, cfg.hiddenSize());
    Tensor c0 = Tensor.randn(rng, states, B, cfg.hiddenSize());
    List<Tensor> params = m.parameters();
    int lead = lstm ? 3 : 2;
    Tensor[] inputs = new Tensor[lead + params.size()];
    inputs[0] = x.requiresGrad(true);
    inputs[1] = h0.requiresGrad(true);
    if (lstm) inputs[2] = c0.requiresGrad(true);
    for (int i = 0; i < params.size(); i++) inputs[lead + i] = params.get(i).detach().requiresGrad(true);
    GradCheck.defaults().check(name, in -> {
      RnnOutput o = Recurrence.run(name, lstm, cfg, regroup(cfg, in, lead), in[0], lengths, in[1],
          lstm ? in[2] : null, false, null);
      Tensor flat = Tensor.concat(0, o.output().flatten(), o.hN().flatten());
      return lstm ? Tensor.concat(0, flat, o.cN().flatten()) : flat;
    }, inputs);
  }

  @Test
  void gru_gradcheck_oneLayer() {
    gradcheck("GRU l1", false, new RnnConfig(I, H), null);
  }

  @Test
  void gru_gradcheck_twoLayersBidirectional() {
    gradcheck("GRU l2 bi", false, new RnnConfig(I, H, 2, true, 0, true), null);
  }

  @Test
  void gru_gradcheck_withLengthsNoBias() {
    gradcheck("GRU l2 bi lengths", false, new RnnConfig(I, H, 2, true, 0, false), new int[] {2, 4, 1});
  }

  @Test
  void lstm_gradcheck_oneLayer() {
    gradcheck("LSTM l1", true, new RnnConfig(I, H), null);
  }

  @Test
  void lstm_gradcheck_twoLayersBidirectional() {
    gradcheck("LSTM l2 bi", true, new RnnConfig(I, H, 2, true, 0, true), null);
  }

  @Test
  void lstm_gradcheck_withLengths() {
    gradcheck("LSTM l2 bi lengths", true, new RnnConfig(I, H, 2, true, 0, true), new int[] {3, 1, 4});
  }

  @Test
  void gru_gradcheck_moduleInputAndState() {
    GRU gru = new GRU(new RnnConfig(I, H, 1, true, 0, true), new SplittableRandom(3));
    SplittableRandom rng = new SplittableRandom(4);
    GradCheck.defaults().check("GRU module", in -> gru.forward(in[0], new int[] {4, 2, 3}, in[1]).output(),
        Tensor.randn(rng, B, T, I).requiresGrad(true), Tensor.randn(rng, 2, B, H).requiresGrad(true));
  }

  @Test
  void parameters_pytorchNamesAndShapes() {
    LSTM lstm = new LSTM(new RnnConfig(7, 5, 2, true, 0, true), new SplittableRandom(1));
    assertEquals(List.of(
        "weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0",
        "weight_ih_l0_reverse", "weight_hh_l0_reverse", "bias_ih_l0_reverse", "bias_hh_l0_reverse",
        "weight_ih_l1", "weight_hh_l1", "bias_ih_l1", "bias_hh_l1",
        "weight_ih_l1_reverse", "weight_hh_l1_reverse", "bias_ih_l1_reverse", "bias_hh_l1_reverse"),
        List.copyOf(lstm.namedParameters().keySet()));
    assertEquals(Shape.of(20, 10), lstm.weightIh(1, true).shape());
    assertEquals(Shape.of(20, 5), lstm.weightHh(0, false).shape());
    GRU gru = new GRU(new RnnConfig(7, 5, 1, false, 0, false), new SplittableRandom(1));
    assertEquals(List.of("weight_ih_l0", "weight_hh_l0"), List.copyOf(gru.namedParameters().keySet()));
    assertNull(gru.biasIh(0, false));
    assertEquals("GRU: there is no reverse direction; the module is not bidirectional",
        assertThrows(IllegalArgumentException.class, () -> gru.weightIh(0, true)).getMessage());
  }

  @Test
  void gru_zeroWeights_halvesTheStateEachStep() {
    GRU gru = new GRU(new RnnConfig(I, H), new SplittableRandom(1));
    for (Tensor p : gru.parameters()) Init.zeros(p);
    Tensor h0 = Tensor.randn(new SplittableRandom(2), 1, B, H);
    RnnOutput o = gru.forward(Tensor.randn(new SplittableRandom(3), B, T, I), null, h0);
    assertClose(h0.mul(0.0625f), o.hN(), 0, 0, "hN = h0 / 2^4");
    assertClose(h0.select(0, 0).mul(0.5f), o.output().select(1, 0), 0, 0, "first output");
    assertNull(o.cN());
  }

  /** Padded steps give zero output; each row's state equals running it alone. */
  private static void checkPadding(boolean lstm) {
    RnnConfig cfg = new RnnConfig(I, H, 2, true, 0, true);
    Module m = build(lstm, cfg, 5);
    SplittableRandom rng = new SplittableRandom(6);
    int steps = 6;
    int[] lengths = {4, 6, 1};
    Tensor x = Tensor.randn(rng, B, steps, I).requiresGrad(true);
    Tensor h0 = Tensor.randn(rng, 4, B, H);
    Tensor c0 = lstm ? Tensor.randn(rng, 4, B, H) : null;
    RnnOutput all = forward(m, x, lengths, h0, c0);
    assertEquals(Shape.of(B, steps, 2 * H), all.output().shape());
    for (int b = 0; b < B; b++) {
      for (int t = lengths[b]; t < steps; t++) {
        for (float v : all.output().select(0, b).select(0, t).toArray()) assertTrue(v == 0f, "row " + b + " step " + t);
      }
      Tensor xb = x.detach().narrow(0, b, 1).narrow(1, 0, lengths[b]);
      RnnOutput alone = forward(m, xb, null, h0.narrow(1, b, 1), lstm ? c0.narrow(1, b, 1) : null);
      String what = (lstm ? "LSTM" : "GRU") + " row " + b;
      assertClose(alone.output().select(0, 0), all.output().select(0, b).narrow(0, 0, lengths[b]), what + " output");
      assertClose(alone.hN().select(1, 0), all.hN().select(1, b), what + " hN");
      if (lstm) assertClose(alone.cN().select(1, 0), all.cN().select(1, b), what + " cN");
    }
    all.output().sum().add(all.hN().sum()).backward();
    Tensor gx = x.grad();
    for (int b = 0; b < B; b++) {
      for (int t = lengths[b]; t < steps; t++) {
        for (float v : gx.select(0, b).select(0, t).toArray()) assertTrue(v == 0f, "grad x row " + b + " step " + t);
      }
    }
  }

  @Test
  void gru_padding_zeroOutputAndStateOfShortRow() {
    checkPadding(false);
  }

  @Test
  void lstm_padding_zeroOutputAndStateOfShortRow() {
    checkPadding(true);
  }

  @Test
  void lengths_allFull_sameAsNoLengths() {
    GRU gru = new GRU(new RnnConfig(I, H, 1, true, 0, true), new SplittableRandom(1));
    Tensor x = Tensor.randn(new SplittableRandom(2), B, T, I);
    assertClose(gru.forward(x).output(), gru.forward(x, new int[] {T, T, T}, null).output(), 0, 0, "output");
  }

  @Test
  void dropoutBetweenLayers_onlyInTraining() {
    RnnConfig cfg = new RnnConfig(I, H, 2, false, 0.5, true);
    GRU a = new GRU(cfg, new SplittableRandom(1));
    GRU b = new GRU(cfg, new SplittableRandom(1));
    Tensor x = Tensor.randn(new SplittableRandom(2), B, T, I);
    Tensor trained = a.forward(x).output();
    b.eval();
    Tensor evaluated = b.forward(x).output();
    assertClose(evaluated, b.forward(x).output(), 0, 0, "eval is deterministic");
    float diff = trained.sub(evaluated).abs().max().item();
    assertTrue(diff > 1e-4, "dropout changed nothing: " + diff);
  }

  @Test
  void forward_badArguments_throwWithClearText() {
    GRU gru = new GRU(new RnnConfig(I, H, 2, true, 0, true), new SplittableRandom(1));
    Tensor x = Tensor.zeros(B, T, I);
    assertEquals("GRU: input must be (batch, time, 3), got [3, 4]",
        assertThrows(IllegalArgumentException.class, () -> gru.forward(Tensor.zeros(B, T))).getMessage());
    assertEquals("GRU: lengths has 2 entries for a batch of 3",
        assertThrows(IllegalArgumentException.class, () -> gru.forward(x, new int[] {1, 2}, null)).getMessage());
    assertEquals("GRU: lengths[1] = 5 is outside 1..4 (the input has 4 time steps)",
        assertThrows(IllegalArgumentException.class, () -> gru.forward(x, new int[] {1, 5, 2}, null)).getMessage());
    assertEquals("GRU: lengths[2] = 0 is outside 1..4 (the input has 4 time steps)",
        assertThrows(IllegalArgumentException.class, () -> gru.forward(x, new int[] {1, 2, 0}, null)).getMessage());
    assertEquals("GRU: h0 must be [4, 3, 2] (layers * directions, batch, hidden), got [2, 3, 2]",
        assertThrows(IllegalArgumentException.class, () -> gru.forward(x, null, Tensor.zeros(2, B, H))).getMessage());
    LSTM lstm = new LSTM(new RnnConfig(I, H), new SplittableRandom(1));
    assertEquals("LSTM: h0 and c0 must be given together (h0 given, c0 null)",
        assertThrows(IllegalArgumentException.class, () -> lstm.forward(x, null, Tensor.zeros(1, B, H), null)).getMessage());
  }

  @Test
  void config_invalid_throwsWithClearText() {
    assertEquals("RnnConfig: hiddenSize must be positive, got 0",
        assertThrows(IllegalArgumentException.class, () -> new RnnConfig(3, 0)).getMessage());
    assertEquals("RnnConfig: numLayers must be positive, got 0",
        assertThrows(IllegalArgumentException.class, () -> new RnnConfig(3, 2, 0, false, 0, true)).getMessage());
    assertEquals("RnnConfig: dropout must be in [0, 1], got -0.1",
        assertThrows(IllegalArgumentException.class, () -> new RnnConfig(3, 2, 2, false, -0.1, true)).getMessage());
  }
}
