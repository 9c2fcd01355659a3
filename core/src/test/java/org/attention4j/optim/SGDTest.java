package org.attention4j.optim;

import static org.attention4j.optim.OptimTesting.assertIae;
import static org.attention4j.optim.OptimTesting.named;
import static org.attention4j.optim.OptimTesting.param;
import static org.attention4j.optim.OptimTesting.setGrad;
import static org.attention4j.testing.TensorAsserts.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.attention4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Closed-form steps of {@link SGD} in each mode, and its argument checks. */
class SGDTest {
  private static final double TOL = 1e-6;

  @Test
  void step_plain_subtractsLrTimesGrad() {
    Tensor p = param(new float[] {1f, -2f});
    SGD sgd = new SGD(named("p", p), 0.1);
    setGrad(p, 0.5f, 1f);
    sgd.step();
    assertClose(new double[] {0.95, -2.1}, p, TOL, 0, "p");
    assertEquals(1, sgd.stepCount());
    assertEquals(Map.of(), sgd.stateTensors());
  }

  @Test
  void step_momentum_twoStepsByHand() {
    Tensor p = param(new float[] {1f, -2f});
    SGD sgd = new SGD(named("p", p), 0.1, 0.9, 0, 0, false);
    // Step 1: buffer b = g1 = [0.5, 1]; p = [1, -2] - 0.1 * b = [0.95, -2.1].
    setGrad(p, 0.5f, 1f);
    sgd.step();
    assertClose(new double[] {0.95, -2.1}, p, TOL, 0, "p");
    assertClose(new double[] {0.5, 1}, sgd.stateTensors().get("momentum_buffer.p"), 0, 0, "momentum buffer");
    // Step 2: b = 0.9 * [0.5, 1] + [-1, 0.25] = [-0.55, 1.15]; p = [0.95 + 0.055, -2.1 - 0.115].
    setGrad(p, -1f, 0.25f);
    sgd.step();
    assertClose(new double[] {-0.55, 1.15}, sgd.stateTensors().get("momentum_buffer.p"), TOL, 0, "momentum buffer");
    assertClose(new double[] {1.005, -2.215}, p, TOL, 0, "p");
  }

  @Test
  void step_nesterov_twoStepsByHand() {
    Tensor p = param(new float[] {1f});
    SGD sgd = new SGD(named("p", p), 0.1, 0.9, 0, 0, true);
    // Step 1: b = 0.5; update g + 0.9 b = 0.95; p = 1 - 0.095.
    setGrad(p, 0.5f);
    sgd.step();
    assertClose(new double[] {0.905}, p, TOL, 0, "p");
    // Step 2: b = 0.45 - 1 = -0.55; update -1 + 0.9 * -0.55 = -1.495; p = 0.905 + 0.1495.
    setGrad(p, -1f);
    sgd.step();
    assertClose(new double[] {1.0545}, p, TOL, 0, "p");
  }

  @Test
  void step_weightDecayAndDampening_dampeningSkipsFirstStep() {
    Tensor p = param(new float[] {2f});
    SGD sgd = new SGD(named("p", p), 0.1, 0.9, 0.5, 0.1, false);
    // Step 1: g' = 0.5 + 0.1 * 2 = 0.7; b = g' (no dampening on the first step); p = 2 - 0.07.
    setGrad(p, 0.5f);
    sgd.step();
    assertClose(new double[] {1.93}, p, TOL, 0, "p");
    // Step 2: g' = 0.5 + 0.193 = 0.693; b = 0.9 * 0.7 + 0.5 * 0.693 = 0.9765; p = 1.93 - 0.09765.
    setGrad(p, 0.5f);
    sgd.step();
    assertClose(new double[] {1.83235}, p, TOL, 0, "p");
  }

  @Test
  void step_paramWithoutGrad_isSkippedAndGetsNoBuffer() {
    Tensor a = param(new float[] {1f, 2f});
    Tensor b = param(new float[] {3f});
    SGD sgd = new SGD(named("a", a, "b", b), 0.1, 0.9, 0, 0, false);
    setGrad(a, 1f, 1f);
    sgd.step();
    assertArrayEquals(new float[] {3f}, b.toArray());
    assertEquals(java.util.List.of("momentum_buffer.a"), java.util.List.copyOf(sgd.stateTensors().keySet()));
  }

  @Test
  void zeroGrad_clearsEveryGradient() {
    Tensor a = param(new float[] {1f});
    SGD sgd = new SGD(named("a", a), 0.1);
    setGrad(a, 1f);
    sgd.zeroGrad();
    assertNull(a.grad());
  }

  @Test
  void step_rankZeroParam_keepsItsShapeInState() {
    Tensor s = Tensor.scalar(1f).requiresGrad(true);
    SGD sgd = new SGD(named("s", s), 0.1, 0.9, 0, 0, false);
    setGrad(s, Tensor.scalar(2f));
    sgd.step();
    assertEquals(s.shape(), sgd.stateTensors().get("momentum_buffer.s").shape());
    assertEquals(0.8f, s.item(), 1e-7f);
  }

  @Test
  void constructor_invalidOptions_throwWithRule() {
    Map<String, Tensor> ps = named("p", param(new float[] {1f}));
    assertIae("SGD: lr must be finite and >= 0, got -0.1", () -> new SGD(ps, -0.1));
    assertIae("SGD: lr must be finite and >= 0, got NaN", () -> new SGD(ps, Double.NaN));
    assertIae("SGD: momentum must be finite and >= 0, got -0.5", () -> new SGD(ps, 0.1, -0.5, 0, 0, false));
    assertIae("SGD: dampening must be in [0, 1], got 1.5", () -> new SGD(ps, 0.1, 0.9, 1.5, 0, false));
    assertIae("SGD: weightDecay must be finite and >= 0, got Infinity",
        () -> new SGD(ps, 0.1, 0.9, 0, Double.POSITIVE_INFINITY, false));
    assertIae("SGD: nesterov requires momentum > 0 and dampening 0, got momentum 0.0, dampening 0.0",
        () -> new SGD(ps, 0.1, 0, 0, 0, true));
    assertIae("SGD: nesterov requires momentum > 0 and dampening 0, got momentum 0.9, dampening 0.1",
        () -> new SGD(ps, 0.1, 0.9, 0.1, 0, true));
  }

  @Test
  void constructor_badParameters_throwWithName() {
    assertIae("SGD: no parameters to optimise (the map is empty)", () -> new SGD(Map.of(), 0.1));
    assertIae("SGD: no parameters to optimise (the map is null)", () -> new SGD(null, 0.1));
    Tensor t = Tensor.zeros(2, 3).transpose(0, 1);
    assertIae("SGD: parameter 't' of shape [3, 2] is not contiguous (strides [1, 3]); optimisers update contiguous"
        + " storage", () -> new SGD(named("t", t), 0.1));
    Tensor x = param(new float[] {1f});
    Tensor y = x.mul(2f);
    assertIae("SGD: parameter 'y' is not a leaf tensor (it was computed by 'mul_scalar'); optimisers update leaf tensors",
        () -> new SGD(named("y", y), 0.1));
    assertIae("SGD: parameters 'a' and 'b' are the same tensor; pass each tensor once (a tied weight is one parameter)",
        () -> new SGD(named("a", x, "b", x), 0.1));
  }

  @Test
  void setLr_negative_throws() {
    SGD sgd = new SGD(named("p", param(new float[] {1f})), 0.1);
    assertIae("SGD.setLr: lr must be finite and >= 0, got -1.0", () -> sgd.setLr(-1));
    sgd.setLr(0.5);
    assertEquals(0.5, sgd.lr());
  }
}
