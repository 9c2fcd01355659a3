package org.attention4j.attention;

import static org.attention4j.attention.AttentionTesting.leaf;
import static org.attention4j.attention.AttentionTesting.randn;
import static org.attention4j.testing.TensorAsserts.assertAllFinite;
import static org.attention4j.testing.TensorAsserts.assertClose;
import static org.attention4j.testing.TensorAsserts.gradcheck;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.attention4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Softmax, sparsemax, argmax and Gumbel-softmax normalisers. */
class NormaliserTest {
  /** (2, 2, 5) scores whose sparsemax supports are at least 0.03 from changing (see sparsemaxMargin). */
  private static final float[] SPARSE_SCORES = {
      1.0f, 0.6f, 0.1f, -0.8f, 0.35f,
      -0.2f, 0.9f, 0.85f, 0.1f, -1.5f,
      0.3f, 0.25f, 0.2f, 0.15f, 0.1f,
      2.0f, -0.3f, 0.4f, 1.3f, 0.0f};

  /** (2, 2, 5) mask: one masked key in row 0, row 3 all masked. */
  private static final float[] MASK = {
      1, 1, 1, 0, 1,
      1, 1, 1, 1, 1,
      1, 1, 0, 1, 1,
      0, 0, 0, 0, 0};

  private static Tensor mask() {
    return Tensor.of(MASK, 2, 2, 5);
  }

  // ---------------------------------------------------------------- softmax

  @Test
  void softmax_gradients_matchFiniteDifferences() {
    Normaliser n = new Softmax();
    gradcheck("softmax", x -> n.weights(x[0], null), leaf(randn(1, 2, 3, 5)));
    gradcheck("masked softmax", x -> n.weights(x[0], mask()), leaf(randn(2, 2, 2, 5)));
  }

  @Test
  void softmax_maskedEntries_getExactlyZero() {
    Tensor w = new Softmax().weights(randn(3, 2, 2, 5), mask());
    float[] v = w.toArray();
    for (int i = 0; i < v.length; i++) if (MASK[i] == 0) assertEquals(0f, v[i], 0f, "entry " + i);
    assertEquals(1f, w.select(0, 0).select(0, 0).sum().item(), 1e-6f);
  }

  // ---------------------------------------------------------------- sparsemax

  @Test
  void sparsemax_paperExample_givesClosedForm() {
    // sorted 0.5, 0.2, -1: k(z) = 2, tau = (0.7 - 1) / 2 = -0.15
    Tensor p = new Sparsemax().weights(Tensor.of(new float[] {0.5f, 0.2f, -1f}), null);
    assertClose(new float[] {0.65f, 0.35f, 0f}, p, 1e-6, 0, "p");
    assertEquals(0f, p.get(2), 0f, "sparsemax gives an exact zero");
  }

  @Test
  void sparsemax_ties_splitEvenly() {
    assertClose(new float[] {0.5f, 0.5f, 0f},
        new Sparsemax().weights(Tensor.of(new float[] {1f, 1f, 0f}), null), 1e-6, 0, "sparsemax of a tie");
    float third = 1f / 3;
    assertClose(new float[] {third, third, third},
        new Sparsemax().weights(Tensor.of(new float[] {0.3f, 0.3f, 0.3f}), null), 1e-6, 0, "sparsemax of equal scores");
    // Tie at the edge of the support: 1 + 2 * 0.5 = 2 is not > 1.5 + 0.5, so only the first survives.
    assertClose(new float[] {1f, 0f, 0f},
        new Sparsemax().weights(Tensor.of(new float[] {1.5f, 0.5f, 0.5f}), null), 1e-6, 0, "sparsemax, one dominant score");
  }

  @Test
  void sparsemax_farBelowTheBest_getsExactZeros() {
    Tensor p = new Sparsemax().weights(Tensor.of(new float[] {3f, 0.2f, -1f, 2.5f, 0f}, 1, 5), null);
    float[] v = p.toArray();
    assertEquals(0.75f, v[0], 1e-6f);
    assertEquals(0.25f, v[3], 1e-6f);
    for (int j : new int[] {1, 2, 4}) assertEquals(0f, v[j], 0f, "entry " + j);
  }

  @Test
  void sparsemax_rowsSumToOne() {
    Tensor p = new Sparsemax().weights(randn(4, 3, 4, 9), null);
    Tensor sums = p.sum(-1);
    for (float s : sums.toArray()) assertEquals(1f, s, 1e-5f);
  }

  @Test
  void sparsemax_gradients_matchFiniteDifferences() {
    Tensor z = Tensor.of(SPARSE_SCORES, 2, 2, 5);
    assertTrue(sparsemaxMargin(SPARSE_SCORES, null, 5) > 0.03, "test input too close to a support change");
    assertTrue(sparsemaxMargin(SPARSE_SCORES, MASK, 5) > 0.03, "test input too close to a support change");
    Normaliser n = new Sparsemax();
    gradcheck("sparsemax", x -> n.weights(x[0], null), leaf(z));
    gradcheck("masked sparsemax", x -> n.weights(x[0], mask()), leaf(z));
  }

  @Test
  void sparsemax_backward_isSupportMeanRule() {
    // p = [0.65, 0.35, 0]; support {0, 1}; g = [1, 4, 7] -> dz = [1 - 2.5, 4 - 2.5, 0].
    Tensor z = leaf(Tensor.of(new float[] {0.5f, 0.2f, -1f}));
    new Sparsemax().weights(z, null).backward(Tensor.of(new float[] {1f, 4f, 7f}));
    assertClose(new float[] {-1.5f, 1.5f, 0f}, z.grad(), 1e-6, 0, "z.grad()");
  }

  /** Smallest distance of any allowed score from the row's threshold tau, over rows with keys. */
  private static double sparsemaxMargin(float[] z, float[] mask, int n) {
    double margin = Double.POSITIVE_INFINITY;
    float[] p = new float[z.length];
    for (int r = 0; r < z.length / n; r++) {
      Sparsemax.forwardRow(z, mask, r * n, p, n, new float[n]);
      double tau = Double.NaN;
      for (int j = 0; j < n; j++) if (p[r * n + j] > 0) tau = z[r * n + j] - p[r * n + j];
      if (Double.isNaN(tau)) continue;
      for (int j = 0; j < n; j++) {
        if (mask == null || mask[r * n + j] != 0) margin = Math.min(margin, Math.abs(z[r * n + j] - tau));
      }
    }
    return margin;
  }

  // ---------------------------------------------------------------- all masked (pytorch#41508)

  /**
   * Regression test for the failure reported as pytorch/pytorch#41508: a query row whose keys are
   * all masked produced NaN weights (softmax of all -inf) and NaN gradients. Here it must give
   * zero weights and zero, finite gradients.
   */
  @Test
  void allMaskedRow_givesZeroWeightsAndZeroFiniteGradients_pytorch41508() {
    for (Normaliser n : new Normaliser[] {new Softmax(), new Sparsemax(), new GumbelSoftmax(0.5, false, new SplittableRandom(1)),
        new GumbelSoftmax(0.5, true, new SplittableRandom(1))}) {
      Tensor z = leaf(randn(5, 2, 2, 5));
      Tensor w = n.weights(z, mask());
      assertAllFinite(w, n + " weights");
      assertClose(new float[5], w.select(0, 1).select(0, 1), 0, 0, "w.select(0, 1).select(0, 1)");
      w.backward(randn(6, 2, 2, 5));
      assertAllFinite(z.grad(), n + " gradient");
      assertClose(new float[5], z.grad().select(0, 1).select(0, 1), 0, 0, "z.grad().select(0, 1).select(0, 1)");
    }
    Tensor w = new HardArgmax().weights(randn(5, 2, 2, 5), mask());
    assertClose(new float[5], w.select(0, 1).select(0, 1), 0, 0, "w.select(0, 1).select(0, 1)");
  }

  // ---------------------------------------------------------------- hard argmax

  @Test
  void hardArgmax_givesOneHotAtFirstAllowedMaximum() {
    Tensor z = Tensor.of(new float[] {0.1f, 2f, 2f, -1f, 5f, 3f, 3f, 0f}, 2, 4);
    Tensor allowed = Tensor.of(new float[] {1, 1, 1, 1, 0, 1, 1, 1}, 2, 4);
    assertClose(new float[] {0, 1, 0, 0, 0, 1, 0, 0}, new HardArgmax().weights(z, allowed), 0, 0, "hard argmax");
    assertFalse(new HardArgmax().weights(leaf(randn(1, 2, 4)), null).requiresGrad(), "argmax weights are not recorded");
  }

  // ---------------------------------------------------------------- Gumbel-softmax

  @Test
  void gumbelSoftmax_softPath_gradientsMatchFiniteDifferences() {
    Tensor noise = GumbelSoftmax.noise(new SplittableRandom(7), 2, 2, 5);
    GumbelSoftmax soft = new GumbelSoftmax(0.7, false, new SplittableRandom(0));
    gradcheck("gumbel soft", x -> soft.weights(x[0], mask(), noise), leaf(randn(8, 2, 2, 5)));
    // With a fixed seed, drawing inside the function is the same as passing the noise.
    gradcheck("gumbel soft, seeded draw", x -> new GumbelSoftmax(0.7, false, new SplittableRandom(7)).weights(x[0], mask()),
        leaf(randn(8, 2, 2, 5)));
  }

  @Test
  void gumbelSoftmax_straightThrough_isOneHotForwardWithSoftGradient() {
    Tensor noise = GumbelSoftmax.noise(new SplittableRandom(9), 3, 6);
    Tensor z = randn(10, 3, 6);
    Tensor g = randn(11, 3, 6);
    Tensor zs = leaf(z.copy());
    Tensor soft = new GumbelSoftmax(0.5, false, new SplittableRandom(0)).weights(zs, null, noise);
    soft.backward(g);
    Tensor zh = leaf(z.copy());
    Tensor hard = new GumbelSoftmax(0.5, true, new SplittableRandom(0)).weights(zh, null, noise);
    hard.backward(g);
    assertClose(new HardArgmax().weights(soft.detach(), null).toArray(), hard, 0, 0, "hard");
    assertClose(zs.grad().toArray(), zh.grad(), 1e-7, 0, "zh.grad()");
  }

  @Test
  void gumbelSoftmax_smallTemperature_approachesOneHot() {
    Tensor z = randn(12, 4, 7);
    Tensor noise = GumbelSoftmax.noise(new SplittableRandom(13), 4, 7);
    Tensor w = new GumbelSoftmax(0.01, false, new SplittableRandom(0)).weights(z, null, noise);
    Tensor expected = new HardArgmax().weights(z.add(noise), null);
    assertClose(expected.toArray(), w, 1e-3, 0, "w");
  }

  @Test
  void gumbelSoftmax_sameSeed_sameWeights() {
    Tensor z = randn(14, 2, 3, 4);
    Tensor a = new GumbelSoftmax(1, false, new SplittableRandom(15)).weights(z, null);
    Tensor b = new GumbelSoftmax(1, false, new SplittableRandom(15)).weights(z, null);
    assertClose(a.toArray(), b, 0, 0, "b");
  }

  // ---------------------------------------------------------------- errors

  @Test
  void weights_maskThatDoesNotBroadcast_throws() {
    var e = assertThrows(IllegalArgumentException.class, () -> new Sparsemax().weights(Tensor.zeros(2, 3, 5), Tensor.ones(2, 4)));
    assertEquals("Sparsemax: allowed mask [2, 4] does not broadcast to scores [2, 3, 5]", e.getMessage());
  }

  @Test
  void gumbelSoftmax_zeroTemperature_throws() {
    var e = assertThrows(IllegalArgumentException.class, () -> new GumbelSoftmax(0, false, new SplittableRandom(1)));
    assertEquals("GumbelSoftmax: temperature must be finite and > 0, got 0.0", e.getMessage());
  }
}
