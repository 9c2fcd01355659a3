package org.attention4j.kernel;

import static org.attention4j.testing.TensorAsserts.assertBitwise;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks the fused optimiser kernels: the vector body against its scalar twin bit for bit at
 * sizes that are not multiples of the lane count (with offsets into the arrays, and every
 * option), the parallel dispatcher for thread-count independence, a closed-form single element,
 * and the per-step scalars.
 */
class OptimizersTest {
  private static float[] randn(SplittableRandom rng, int n, float scale) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) a[i] = (float) rng.nextGaussian() * scale;
    return a;
  }

  private static float[] positive(SplittableRandom rng, int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) a[i] = rng.nextFloat() * 0.1f;
    return a;
  }

  /** The Adam variants: plain, L2 decay, decoupled decay, and beta1 < 0.5 (the other lerp form). */
  private static Optimizers.AdamStep[] adamVariants(int t) {
    return new Optimizers.AdamStep[] {
      Optimizers.adamStep(1e-2, 0.9, 0.999, 1e-8, 0, false, t),
      Optimizers.adamStep(1e-2, 0.9, 0.999, 1e-8, 0.1, false, t),
      Optimizers.adamStep(1e-2, 0.9, 0.999, 1e-8, 0.01, true, t),
      Optimizers.adamStep(3e-3, 0.3, 0.99, 1e-6, 0.05, true, t),
    };
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 15, 17, 100, 1000, 4099})
  void adamVector_matchesScalarTwinBitwise(int n) {
    var rng = new SplittableRandom(n);
    int po = 3, go = 5, mo = 2, vo = 7;
    for (int t : new int[] {1, 2, 50}) {
      for (Optimizers.AdamStep c : adamVariants(t)) {
        float[] p = randn(rng, n + po, 1f), g = randn(rng, n + go, 0.5f);
        float[] m = randn(rng, n + mo, 0.1f), v = positive(rng, n + vo);
        float[] p2 = p.clone(), m2 = m.clone(), v2 = v.clone(), g2 = g.clone();
        Optimizers.adamVector(c, p, po, g, go, m, mo, v, vo, 0, n);
        Optimizers.adamScalar(c, p2, po, g2, go, m2, mo, v2, vo, 0, n);
        String what = "n=" + n + " t=" + t + " " + c;
        assertBitwise(p2, p, what + " param");
        assertBitwise(m2, m, what + " exp_avg");
        assertBitwise(v2, v, what + " exp_avg_sq");
        assertBitwise(g2, g, what + " grad (read only)");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 15, 17, 100, 1000, 4099})
  void sgdVector_matchesScalarTwinBitwise(int n) {
    var rng = new SplittableRandom(100 + n);
    int po = 1, go = 4, bo = 6;
    Optimizers.SgdStep[] variants = {
      Optimizers.sgdStep(0.1, 0, 0, 0, false),
      Optimizers.sgdStep(0.1, 0.9, 0, 0.01, false),
      Optimizers.sgdStep(0.1, 0.9, 0.3, 0, false),
      Optimizers.sgdStep(0.05, 0.9, 0, 0.01, true),
    };
    for (Optimizers.SgdStep c : variants) {
      for (boolean init : new boolean[] {true, false}) {
        boolean hasBuffer = c.momentum() != 0;
        float[] p = randn(rng, n + po, 1f), g = randn(rng, n + go, 1f);
        float[] b = hasBuffer ? randn(rng, n + bo, 0.5f) : null;
        float[] p2 = p.clone(), b2 = hasBuffer ? b.clone() : null;
        Optimizers.sgdVector(c, p, po, g, go, b, bo, init, 0, n);
        Optimizers.sgdScalar(c, p2, po, g, go, b2, bo, init, 0, n);
        String what = "n=" + n + " init=" + init + " " + c;
        assertBitwise(p2, p, what + " param");
        if (hasBuffer) assertBitwise(b2, b, what + " momentum_buffer");
      }
    }
  }

  @Test
  void adamAndSgd_resultDoesNotDependOnThreadCount() {
    int n = 3 * Optimizers.GRAIN + 1234;
    var rng = new SplittableRandom(7);
    float[] p0 = randn(rng, n, 1f), g = randn(rng, n, 1f), m0 = randn(rng, n, 0.1f), v0 = positive(rng, n);
    Optimizers.AdamStep ac = Optimizers.adamStep(1e-3, 0.9, 0.999, 1e-8, 0.01, true, 3);
    Optimizers.SgdStep sc = Optimizers.sgdStep(0.1, 0.9, 0, 0.01, true);

    float[] pRef = p0.clone(), mRef = m0.clone(), vRef = v0.clone(), bRef = m0.clone(), qRef = p0.clone();
    Optimizers.adamScalar(ac, pRef, 0, g, 0, mRef, 0, vRef, 0, 0, n);
    Optimizers.sgdScalar(sc, qRef, 0, g, 0, bRef, 0, false, 0, n);

    int before = Parallel.threads();
    try {
      for (int threads : new int[] {1, 3, 8}) {
        Parallel.setThreads(threads);
        float[] p = p0.clone(), m = m0.clone(), v = v0.clone(), b = m0.clone(), q = p0.clone();
        Optimizers.adam(ac, p, 0, g, 0, m, 0, v, 0, n);
        Optimizers.sgd(sc, q, 0, g, 0, b, 0, false, n);
        assertBitwise(pRef, p, "adam param, threads=" + threads);
        assertBitwise(mRef, m, "adam exp_avg, threads=" + threads);
        assertBitwise(vRef, v, "adam exp_avg_sq, threads=" + threads);
        assertBitwise(qRef, q, "sgd param, threads=" + threads);
        assertBitwise(bRef, b, "sgd buffer, threads=" + threads);
      }
    } finally {
      Parallel.setThreads(before);
    }
  }

  @Test
  void adamScalar_secondStep_matchesClosedForm() {
    // Step t = 2 from m = 0.1, v = 0.02 with g = 0.5, p = 1, lr 0.01, betas (0.9, 0.999), eps 1e-8.
    float[] p = {1f}, g = {0.5f}, m = {0.1f}, v = {0.02f};
    Optimizers.adamScalar(Optimizers.adamStep(0.01, 0.9, 0.999, 1e-8, 0, false, 2), p, 0, g, 0, m, 0, v, 0, 0, 1);
    double mExp = 0.9 * 0.1 + 0.1 * 0.5;
    double vExp = 0.999 * 0.02 + 0.001 * 0.25;
    double pExp = 1 - 0.01 / (1 - 0.81) * mExp / (Math.sqrt(vExp) / Math.sqrt(1 - 0.999 * 0.999) + 1e-8);
    assertEquals(mExp, m[0], 1e-7);
    assertEquals(vExp, v[0], 1e-8);
    assertEquals(pExp, p[0], 1e-6);
  }

  @Test
  void adamStep_scalarsFollowPyTorch() {
    Optimizers.AdamStep c = Optimizers.adamStep(0.01, 0.9, 0.999, 1e-8, 0.1, true, 3);
    assertEquals((float) 0.1, c.lerpWeight(), 0f);
    assertEquals((float) (-0.01 / (1 - Math.pow(0.9, 3))), c.negStepSize(), 0f);
    assertEquals((float) Math.sqrt(1 - Math.pow(0.999, 3)), c.bc2Sqrt(), 0f);
    assertEquals((float) (1 - 0.01 * 0.1), c.decay(), 0f);
    assertEquals(0f, c.l2(), 0f);
    Optimizers.AdamStep coupled = Optimizers.adamStep(0.01, 0.9, 0.999, 1e-8, 0.1, false, 3);
    assertEquals(0.1f, coupled.l2(), 0f);
    assertEquals(1f, coupled.decay(), 0f);
  }

  @Test
  void sgdScalar_nesterovFirstStep_matchesClosedForm() {
    // Buffer starts as g' = g + wd p; update g' + momentum * buffer = 1.9 g'.
    float[] p = {2f}, g = {0.5f}, b = {123f};
    Optimizers.sgdScalar(Optimizers.sgdStep(0.1, 0.9, 0, 0.25, true), p, 0, g, 0, b, 0, true, 0, 1);
    assertEquals(1f, b[0], 0f); // 0.5 + 0.25 * 2
    assertEquals(2 - 0.1 * 1.9, p[0], 1e-6);
  }
}
