package org.attention4j.optim;

import static org.attention4j.optim.OptimTesting.assertIae;
import static org.attention4j.optim.OptimTesting.named;
import static org.attention4j.optim.OptimTesting.param;
import static org.attention4j.optim.OptimTesting.setGrad;
import static org.attention4j.testing.TensorAsserts.assertBitwise;
import static org.attention4j.testing.TensorAsserts.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.SplittableRandom;
import org.attention4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Closed-form steps of {@link Adam} and {@link AdamW}, their defaults and argument checks. */
class AdamTest {
  private static float[] values(SplittableRandom rng, int n, double scale) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) a[i] = (float) (rng.nextGaussian() * scale);
    return a;
  }

  @Test
  void step_first_movesEachParamByLrTimesSignOfGrad() {
    // At t = 1: m^ = g and sqrt(v^) = |g|, so the update is lr * g / (|g| + eps) ~ lr * sign(g).
    var rng = new SplittableRandom(1);
    float[] p0 = values(rng, 37, 1);
    float[] g = values(rng, 37, 1);
    g[3] *= 1e-3f;
    g[4] *= 1e3f;
    Tensor p = param(p0, 37);
    Adam adam = new Adam(named("p", p), 0.01);
    setGrad(p, g);
    adam.step();
    float[] p1 = p.toArray();
    for (int i = 0; i < p0.length; i++) {
      assertEquals(p0[i] - 0.01 * Math.signum(g[i]), p1[i], 2e-6, "element " + i);
    }
  }

  @Test
  void step_two_matchesDoubleFormula() {
    Tensor p = param(new float[] {0.5f, -1f});
    Adam adam = new Adam(named("p", p), 0.1, 0.8, 0.99, 1e-3, 0);
    double[] pd = {0.5, -1};
    double[] m = new double[2], v = new double[2];
    float[][] grads = {{0.3f, -2f}, {-0.1f, 1.5f}};
    for (int t = 1; t <= 2; t++) {
      setGrad(p, grads[t - 1]);
      adam.step();
      for (int i = 0; i < 2; i++) {
        double g = grads[t - 1][i];
        m[i] = 0.8 * m[i] + 0.2 * g;
        v[i] = 0.99 * v[i] + 0.01 * g * g;
        double denom = Math.sqrt(v[i]) / Math.sqrt(1 - Math.pow(0.99, t)) + 1e-3;
        pd[i] -= 0.1 / (1 - Math.pow(0.8, t)) * m[i] / denom;
      }
    }
    assertClose(pd, p, 1e-6, 0, "p");
  }

  @Test
  void step_adamWeightDecay_isAddedToGradient() {
    // With zero gradient the L2 term wd * p is the whole gradient: the first step moves by lr * sign(p).
    Tensor p = param(new float[] {2f, -3f});
    Adam adam = new Adam(named("p", p), 0.01, 0.9, 0.999, 1e-8, 0.1);
    setGrad(p, 0f, 0f);
    adam.step();
    assertClose(new double[] {1.99, -2.99}, p, 1e-6, 0, "p");
  }

  @Test
  void step_adamWZeroGrad_onlyShrinksByLrTimesDecay() {
    Tensor p = param(new float[] {2f, -3f, 0.125f});
    AdamW adamw = new AdamW(named("p", p), 0.01, 0.9, 0.999, 1e-8, 0.1);
    setGrad(p, 0f, 0f, 0f);
    adamw.step();
    float f = (float) (1 - 0.01 * 0.1);
    assertBitwise(new float[] {2f * f, -3f * f, 0.125f * f}, p.toArray(), "param");
  }

  @Test
  void step_adamWWithoutDecay_equalsAdamBitwise() {
    var rng = new SplittableRandom(5);
    float[] p0 = values(rng, 20, 1);
    Tensor a = param(p0, 4, 5);
    Tensor b = param(p0, 4, 5);
    Adam adam = new Adam(named("w", a), 0.01);
    AdamW adamw = new AdamW(named("w", b), 0.01, 0.9, 0.999, 1e-8, 0);
    for (int t = 0; t < 3; t++) {
      float[] g = values(rng, 20, 1);
      setGrad(a, g);
      setGrad(b, g);
      adam.step();
      adamw.step();
    }
    assertBitwise(a.toArray(), b.toArray(), "param");
  }

  @Test
  void step_paramWithoutGrad_keepsItsOwnStepCount() {
    // 'late' gets its first gradient at the optimiser's second step; its bias correction uses
    // t = 1, so it still moves by ~lr * sign(g), as in PyTorch.
    Tensor early = param(new float[] {0f});
    Tensor late = param(new float[] {0f});
    Adam adam = new Adam(named("early", early, "late", late), 0.01);
    setGrad(early, 1f);
    adam.step();
    setGrad(late, -4f);
    adam.step();
    assertEquals(0.01f, late.item(), 1e-8f);
    Map<String, Object> meta = adam.stateMeta();
    assertEquals(2, meta.get("step"));
    assertEquals(2, meta.get("step.early"));
    assertEquals(1, meta.get("step.late"));
  }

  @Test
  void constructor_defaults_matchPyTorch() {
    Adam adam = new Adam(named("p", param(new float[] {1f})), 1e-3);
    assertEquals(0.9, adam.beta1());
    assertEquals(0.999, adam.beta2());
    assertEquals(1e-8, adam.eps());
    assertEquals(0.0, adam.weightDecay());
    AdamW adamw = new AdamW(named("p", param(new float[] {1f})), 1e-3);
    assertEquals(0.01, adamw.weightDecay());
    assertEquals("AdamW", adamw.name());
  }

  @Test
  void constructor_invalidHyperParameters_throwWithRule() {
    Map<String, Tensor> ps = named("p", param(new float[] {1f}));
    assertIae("Adam: beta2 must be in [0, 1), got 1.5", () -> new Adam(ps, 1e-3, 0.9, 1.5, 1e-8, 0));
    assertIae("Adam: beta1 must be in [0, 1), got 1.0", () -> new Adam(ps, 1e-3, 1, 0.999, 1e-8, 0));
    assertIae("Adam: beta1 must be in [0, 1), got NaN", () -> new Adam(ps, 1e-3, Double.NaN, 0.999, 1e-8, 0));
    assertIae("Adam: lr must be finite and >= 0, got -0.001", () -> new Adam(ps, -1e-3));
    assertIae("AdamW: eps must be finite and >= 0, got -1.0E-8", () -> new AdamW(ps, 1e-3, 0.9, 0.999, -1e-8, 0));
    assertIae("AdamW: weightDecay must be finite and >= 0, got -0.01",
        () -> new AdamW(ps, 1e-3, 0.9, 0.999, 1e-8, -0.01));
  }
}
