package org.attention4j.attention;

import static org.attention4j.attention.AttentionTesting.leaf;
import static org.attention4j.attention.AttentionTesting.randn;
import static org.attention4j.testing.TensorAsserts.assertClose;
import static org.attention4j.testing.TensorAsserts.gradcheck;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.attention4j.tensor.GradCheck;
import org.attention4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Luong's local windows: monotonic (local-m) and predictive (local-p). */
class WindowTest {
  @Test
  void localM_mask_isBandAroundExplicitQueryPositions() {
    // Queries at positions 3 and 4, D = 1, 6 keys.
    Tensor allowed = new LocalM(1).mask(3, 2, 6).toTensor(1, 1, 2, 6);
    assertClose(new float[] {0, 0, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1}, allowed, 0, 0, "allowed");
  }

  @Test
  void localM_atTheStart_shrinksAtTheEdge() {
    Tensor allowed = new LocalM(2).mask(0, 1, 5).toTensor(1, 1, 1, 5);
    assertClose(new float[] {1, 1, 1, 0, 0}, allowed, 0, 0, "allowed");
  }

  @Test
  void localM_region_hasCentresAtQueryPositions() {
    Window.Region r = new LocalM(1).region(Tensor.zeros(2, 3, 4), 5, new int[] {8, 8}, 8);
    assertClose(new float[] {5, 6, 7, 5, 6, 7}, r.centres(), 0, 0, "r.centres()");
  }

  @Test
  void localP_positions_lieInZeroToSourceLength() {
    LocalP w = new LocalP(4, 5, 2, new SplittableRandom(31));
    Tensor p = w.positions(randn(32, 2, 6, 4).mul(3f), new int[] {10, 3});
    float[] v = p.toArray();
    for (int i = 0; i < v.length; i++) {
      float s = i < 6 ? 10 : 3;
      assertTrue(v[i] >= 0 && v[i] <= s, "p_t = " + v[i] + " outside [0, " + s + "]");
    }
  }

  @Test
  void localP_region_isGaussianInsideTheWindowAndCutOutside() {
    LocalP w = new LocalP(3, 3, 2, new SplittableRandom(33));
    Window.Region r = w.region(randn(34, 1, 1, 3), 0, new int[] {9}, 9);
    float p = r.centres().item();
    float[] allowed = r.allowed().toArray();
    float[] factor = r.factor().toArray();
    for (int s = 0; s < 9; s++) {
      assertEquals(Math.abs(s - p) <= 2 ? 1f : 0f, allowed[s], 0f, "allowed at " + s + " for p = " + p);
      assertEquals(Math.exp(-(s - p) * (s - p) / (2 * 1.0 * 1.0)), factor[s], 1e-6, "factor at " + s);
    }
  }

  @Test
  void localP_gradientsThroughPosition_matchFiniteDifferences() {
    Attention attn = Attention.localP(LuongScore.GENERAL, 4, 5, 0, 2, new SplittableRandom(35));
    LocalP window = (LocalP) attn.window();
    Tensor q = randn(36, 2, 3, 4);
    Tensor k = randn(37, 2, 7, 5);
    Tensor v = randn(38, 2, 7, 3);
    float[] p = window.positions(q, new int[] {7, 7}).toArray();
    for (float x : p) {
      double toCut = Math.abs(x - Math.rint(x)); // the window edge s = p +- D is crossed at integer p
      assertTrue(toCut > 0.05, "p_t = " + x + " is too close to a window edge for finite differences");
    }
    // Through p_t alone: the Gaussian factor as a function of the queries.
    gradcheck("local-p factor", x -> window.region(x[0], 0, new int[] {7, 7}, 7).factor(), leaf(q.copy()));
    // The whole composer, and the parameters of W_p and v_p (and W_a).
    gradcheck("local-p attention", x -> attn.attend(x[0], x[1], x[2], null).context(), leaf(q.copy()), leaf(k.copy()), leaf(v.copy()));
    GradCheck.defaults().checkInPlace("local-p attention", () -> attn.attend(q, k, v, null).context(),
        attn.parameters());
  }

  @Test
  void localP_weights_areSoftmaxTimesGaussian() {
    Attention attn = Attention.localP(LuongScore.DOT, 4, 4, 0, 1, new SplittableRandom(39));
    Tensor q = randn(40, 1, 2, 4);
    Tensor k = randn(41, 1, 6, 4);
    AttentionDetails d = attn.attendDetailed(q, attn.projectKeys(k), k, null, 0, null);
    Tensor expected = new Softmax().weights(d.scores(), d.allowed())
        .mul(((LocalP) attn.window()).region(q, 0, new int[] {6}, 6).factor());
    assertClose(expected.toArray(), d.weights(), 1e-6, 0, "d.weights()");
    assertClose(d.centres().toArray(), ((LocalP) attn.window()).positions(q, new int[] {6}), 0, 0,
        "local-p positions");
  }

  @Test
  void localM_negativeHalfWidth_throws() {
    var e = assertThrows(IllegalArgumentException.class, () -> new LocalM(-1));
    assertEquals("LocalM: half-width D must be >= 0, got -1", e.getMessage());
  }

  @Test
  void localP_zeroHalfWidth_throws() {
    var e = assertThrows(IllegalArgumentException.class, () -> new LocalP(3, 3, 0, new SplittableRandom(1)));
    assertEquals("LocalP: half-width D must be >= 1 (sigma = D / 2 must be positive), got 0", e.getMessage());
  }

  @Test
  void localP_wrongNumberOfSourceLengths_throws() {
    LocalP w = new LocalP(3, 3, 1, new SplittableRandom(1));
    var e = assertThrows(IllegalArgumentException.class, () -> w.positions(Tensor.zeros(2, 1, 3), new int[] {4}));
    assertEquals("LocalP: 1 source lengths for batch 2", e.getMessage());
  }
}
