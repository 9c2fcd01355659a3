package org.attention4j.optim;

import static org.attention4j.optim.OptimTesting.assertIae;
import static org.attention4j.optim.OptimTesting.param;
import static org.attention4j.optim.OptimTesting.setGrad;
import static org.attention4j.testing.TensorAsserts.assertBitwise;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.attention4j.kernel.Parallel;
import org.attention4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** {@link GradClip}: the norm, when scaling happens, non-finite norms and the argument checks. */
class GradClipTest {
  private static Tensor withGrad(float... g) {
    Tensor p = param(new float[g.length]);
    setGrad(p, g);
    return p;
  }

  @Test
  void clipGlobalNorm_aboveMax_scalesToMaxNorm() {
    Tensor a = withGrad(3f, 4f);
    Tensor b = withGrad(12f);
    double norm = GradClip.clipGlobalNorm(List.of(a, b), 1.0);
    assertEquals(13.0, norm, 0);
    float coef = (float) (1.0 / (13.0 + 1e-6));
    assertArrayEquals(new float[] {3f * coef, 4f * coef}, a.grad().toArray());
    assertArrayEquals(new float[] {12f * coef}, b.grad().toArray());
    assertEquals(1.0, GradClip.globalNorm(List.of(a, b)), 1e-6);
  }

  @Test
  void clipGlobalNorm_belowMax_leavesGradsUntouched() {
    Tensor a = withGrad(0.3f, -0.4f);
    double norm = GradClip.clipGlobalNorm(List.of(a), 1.0);
    assertEquals(0.5, norm, 1e-7);
    assertBitwise(new float[] {0.3f, -0.4f}, a.grad().toArray(), "grad");
  }

  @Test
  void clipGlobalNorm_paramsWithoutGrad_areSkipped() {
    Tensor a = withGrad(6f, 8f);
    Tensor none = param(new float[] {1f});
    assertEquals(10.0, GradClip.clipGlobalNorm(List.of(a, none), 5.0), 0);
    assertNull(none.grad());
    assertArrayEquals(new float[] {3f, 4f}, a.grad().toArray(), 1e-6f);
    assertEquals(0.0, GradClip.clipGlobalNorm(List.of(none), 1.0));
  }

  @Test
  void clipGlobalNorm_nanNorm_scalesAnywayAsPyTorch() {
    Tensor a = withGrad(1f, Float.NaN);
    Tensor b = withGrad(2f);
    assertTrue(Double.isNaN(GradClip.clipGlobalNorm(List.of(a, b), 1.0)));
    assertTrue(Float.isNaN(b.grad().item()), "every gradient becomes NaN");
  }

  @Test
  void clipGlobalNorm_infiniteNorm_zeroesFiniteEntries() {
    Tensor a = withGrad(1f, Float.POSITIVE_INFINITY);
    assertEquals(Double.POSITIVE_INFINITY, GradClip.clipGlobalNorm(List.of(a), 1.0));
    assertEquals(0f, a.grad().get(0));
    assertTrue(Float.isNaN(a.grad().get(1)), "inf * 0 is NaN, as in PyTorch");
  }

  @Test
  void globalNorm_largeTensor_doubleAccumulatedAndThreadIndependent() {
    int n = 3 * GradClip.CHUNK + 77;
    var rng = new SplittableRandom(3);
    float[] g = new float[n];
    double exact = 0;
    for (int i = 0; i < n; i++) {
      g[i] = (float) rng.nextGaussian() * 1e20f; // float32 squares would overflow
      exact += (double) g[i] * g[i];
    }
    Tensor p = param(new float[n]);
    setGrad(p, g);
    int before = Parallel.threads();
    try {
      Parallel.setThreads(1);
      double one = GradClip.globalNorm(List.of(p));
      Parallel.setThreads(4);
      double four = GradClip.globalNorm(List.of(p));
      assertEquals(one, four, 0);
      assertEquals(Math.sqrt(exact), one, Math.sqrt(exact) * 1e-12);
    } finally {
      Parallel.setThreads(before);
    }
  }

  @Test
  void clipValue_clampsEachElement() {
    Tensor a = withGrad(-3f, -0.5f, 0.25f, 2f, Float.NaN);
    GradClip.clipValue(List.of(a, param(new float[] {1f})), 1.0);
    assertArrayEquals(new float[] {-1f, -0.5f, 0.25f, 1f, Float.NaN}, a.grad().toArray());
  }

  @Test
  void clip_invalidArguments_throwWithRule() {
    List<Tensor> ps = List.of(withGrad(1f));
    assertIae("clipGlobalNorm: maxNorm must be finite and >= 0, got -1.0", () -> GradClip.clipGlobalNorm(ps, -1));
    assertIae("clipGlobalNorm: maxNorm must be finite and >= 0, got NaN", () -> GradClip.clipGlobalNorm(ps, Double.NaN));
    assertIae("clipValue: clipValue must be finite and >= 0, got Infinity",
        () -> GradClip.clipValue(ps, Double.POSITIVE_INFINITY));
  }
}
