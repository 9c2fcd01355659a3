package org.attention4j.attention;

import static org.attention4j.attention.AttentionTesting.assertZeroBatchRow;
import static org.attention4j.attention.AttentionTesting.leaf;
import static org.attention4j.attention.AttentionTesting.randn;
import static org.attention4j.testing.TensorAsserts.assertAllFinite;
import static org.attention4j.testing.TensorAsserts.assertClose;
import static org.attention4j.testing.TensorAsserts.gradcheck;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.attention4j.tensor.GradCheck;
import org.attention4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The composer and its factories. */
class AttentionTest {
  private static final int B = 2;
  private static final int TQ = 3;
  private static final int TK = 5;
  private static final int DQ = 4;
  private static final int DK = 4;
  private static final int DV = 3;

  /** One attention per factory (the deterministic ones). */
  private static Map<String, Supplier<Attention>> factories() {
    Map<String, Supplier<Attention>> m = new LinkedHashMap<>();
    m.put("bahdanau", () -> Attention.bahdanau(DQ, DK, 6, new SplittableRandom(51)));
    m.put("luong dot", () -> Attention.luong(LuongScore.DOT, DQ, DK, 0, new SplittableRandom(52)));
    m.put("luong general", () -> Attention.luong(LuongScore.GENERAL, DQ, DK, 0, new SplittableRandom(53)));
    m.put("luong concat", () -> Attention.luong(LuongScore.CONCAT, DQ, DK, 6, new SplittableRandom(54)));
    m.put("luong location", () -> Attention.luong(LuongScore.LOCATION, DQ, DK, 8, new SplittableRandom(55)));
    m.put("local-m", () -> Attention.localM(LuongScore.GENERAL, DQ, DK, 0, 1, new SplittableRandom(56)));
    m.put("sparse", () -> Attention.sparse(new ScaledDotScore()));
    m.put("gumbel soft", () -> Attention.gumbel(new ScaledDotScore(), 0.8, false, new SplittableRandom(57)));
    return m;
  }

  private static Tensor q() {
    return randn(61, B, TQ, DQ);
  }

  private static Tensor k() {
    return randn(62, B, TK, DK);
  }

  private static Tensor v() {
    return randn(63, B, TK, DV);
  }

  @Test
  void everyFactory_gradients_matchFiniteDifferences() {
    Mask padding = Mask.keyPadding(5, 3);
    for (var e : factories().entrySet()) {
      String name = e.getKey();
      boolean stochastic = name.startsWith("gumbel");
      // Gumbel: a fresh attention per evaluation, so that every evaluation draws the same noise.
      Supplier<Attention> make = e.getValue();
      Attention fixed = make.get();
      gradcheck(name, x -> (stochastic ? make.get() : fixed).attend(x[0], x[1], x[2], padding).context(),
          leaf(q()), leaf(k()), leaf(v()));
      if (!fixed.namedParameters().isEmpty()) {
        GradCheck.defaults().checkInPlace(name, () -> fixed.attend(q(), k(), v(), padding).context(),
            fixed.parameters());
      }
    }
  }

  @Test
  void everyFactory_returnsWeightsThatRespectTheMask() {
    Mask padding = Mask.keyPadding(5, 3);
    for (var e : factories().entrySet()) {
      AttentionResult r = e.getValue().get().attend(q(), k(), v(), padding);
      assertEquals(List.of(B, TQ, TK), List.of(r.weights().dim(0), r.weights().dim(1), r.weights().dim(2)), e.getKey());
      assertEquals(List.of(B, TQ, DV), List.of(r.context().dim(0), r.context().dim(1), r.context().dim(2)), e.getKey());
      for (int i = 0; i < TQ; i++) {
        for (int j = 3; j < TK; j++) assertEquals(0f, r.weights().get(1, i, j), 0f, e.getKey() + " weight on padding");
      }
      // context = weights @ values
      assertClose(r.weights().matmul(v()).toArray(), r.context(), 1e-6, 0, "r.context()");
    }
  }

  @Test
  void hardArgmax_attendsToTheBestKeyOnly() {
    Attention attn = Attention.hardArgmax(new DotScore());
    Tensor q = q();
    Tensor k = k();
    AttentionResult r = attn.attend(q, k, v(), null);
    Tensor expected = new HardArgmax().weights(new DotScore().scores(q, k), null);
    assertClose(expected.toArray(), r.weights(), 0, 0, "r.weights()");
    Tensor values = leaf(v());
    gradcheck("hard argmax w.r.t. values", x -> attn.attend(q, k, x[0], null).context(), values);
  }

  @Test
  void hard_sample_givesLogProbGradientsAndOneHotWeights() {
    Attention attn = Attention.hard(new GeneralScore(DQ, DK, new SplittableRandom(64)));
    AttentionDetails d = attn.attendDetailed(q(), attn.projectKeys(k()), v(), null, 0, new SplittableRandom(65));
    for (float s : d.weights().sum(-1).toArray()) assertEquals(1f, s, 0f);
    assertClose(d.weights().matmul(v()).toArray(), d.context(), 1e-6, 0, "d.context()");
    // The surrogate's gradient w.r.t. queries, keys and W_a; the sample is fixed by the seed.
    gradcheck("hard attention surrogate", x -> {
      HardSample s = attn.attendDetailed(x[0], attn.projectKeys(x[1]), v(), null, 0, new SplittableRandom(65)).sample();
      return Reinforce.surrogate(Tensor.of(new float[] {1f, -2f}), 0.5, s.logProb(), s.entropy(), 0.1);
    }, leaf(q()), leaf(k()));
    GradCheck.defaults().checkInPlace("hard attention surrogate", () -> {
      HardSample s = attn.attendDetailed(q(), attn.projectKeys(k()), v(), null, 0, new SplittableRandom(65)).sample();
      return Reinforce.surrogate(Tensor.of(new float[] {1f, -2f}), 0.5, s.logProb(), s.entropy(), 0.1);
    }, attn.parameters());
  }

  /**
   * Regression test for pytorch/pytorch#41508 at the composer level: a batch row whose keys are
   * all padding gives zero weights, a zero context and zero, finite gradients.
   */
  @Test
  void allMaskedBatchRow_givesZeroContextAndZeroFiniteGradients_pytorch41508() {
    Mask padding = Mask.keyPadding(0, 4);
    for (var e : factories().entrySet()) {
      Attention attn = e.getValue().get();
      Tensor q = leaf(q());
      Tensor k = leaf(k());
      Tensor v = leaf(v());
      AttentionResult r = attn.attend(q, k, v, padding);
      assertZeroBatchRow(r.weights(), 0, e.getKey() + " weights");
      assertZeroBatchRow(r.context(), 0, e.getKey() + " context");
      r.context().backward(randn(66, B, TQ, DV));
      for (Tensor t : new Tensor[] {q, k, v}) {
        if (t == k && e.getKey().equals("luong location")) continue; // reads only the keys' count
        assertAllFinite(t.grad(), e.getKey() + " gradient");
        assertZeroBatchRow(t.grad(), 0, e.getKey() + " gradient");
      }
      for (var p : attn.namedParameters().entrySet()) {
        assertTrue(p.getValue().grad() != null, e.getKey() + ": no gradient reached " + p.getKey());
        assertAllFinite(p.getValue().grad(), e.getKey() + " parameter gradient");
      }
    }
  }

  @Test
  void decoderSteps_withProjectedKeys_matchAttendingAllQueriesAtOnce() {
    for (var e : factories().entrySet()) {
      if (e.getKey().startsWith("gumbel")) continue; // draws noise per call
      Attention attn = e.getValue().get();
      Tensor q = q();
      Tensor k = k();
      Tensor v = v();
      Mask padding = Mask.keyPadding(5, 4);
      AttentionResult all = attn.attend(q, k, v, padding);
      ProjectedKeys pk = attn.projectKeys(k);
      for (int t = 0; t < TQ; t++) {
        AttentionResult step = attn.attend(q.narrow(1, t, 1), pk, v, padding, t);
        assertClose(all.weights().narrow(1, t, 1).toArray(), step.weights(), 1e-6, 0, "step.weights()");
        assertClose(all.context().narrow(1, t, 1).toArray(), step.context(), 1e-6, 0, "step.context()");
      }
    }
  }

  @Test
  void localM_weights_stayInsideTheWindow() {
    Attention attn = Attention.localM(LuongScore.DOT, DQ, DK, 0, 1, new SplittableRandom(67));
    AttentionDetails d = attn.attendDetailed(q(), attn.projectKeys(k()), v(), null, 0, null);
    for (int b = 0; b < B; b++) {
      for (int i = 0; i < TQ; i++) {
        for (int j = 0; j < TK; j++) {
          if (Math.abs(j - i) > 1) assertEquals(0f, d.weights().get(b, i, j), 0f);
        }
      }
    }
    assertClose(new float[] {0, 1, 2, 0, 1, 2}, d.centres(), 0, 0, "d.centres()");
  }

  @Test
  void attendDetailed_globalDeterministic_hasNoCentresAndNoSample() {
    Attention attn = Attention.luong(LuongScore.DOT, DQ, DK, 0, new SplittableRandom(68));
    AttentionDetails d = attn.attendDetailed(q(), attn.projectKeys(k()), v(), null, 0, null);
    assertNull(d.centres());
    assertNull(d.sample());
    assertNull(d.allowed());
    assertTrue(d.result().hasWeights());
  }

  @Test
  void moduleTree_namesScoreAndWindowChildren() {
    Attention attn = Attention.localP(LuongScore.CONCAT, 3, 4, 5, 2, new SplittableRandom(69));
    assertEquals(List.of("score.wa.weight", "score.va.weight", "window.wp.weight", "window.vp.weight"),
        List.copyOf(attn.namedParameters().keySet()));
  }

  @Test
  void attend_stochasticAttention_throws() {
    Attention attn = Attention.hard(new DotScore());
    var e = assertThrows(IllegalStateException.class, () -> attn.attend(q(), k(), v(), null));
    assertEquals("Attention: this attention samples its weights (StochasticHard); "
        + "call attendDetailed(..., rng) to get the sample and its log-probability", e.getMessage());
  }

  @Test
  void attendDetailed_stochasticWithoutGenerator_throws() {
    Attention attn = Attention.hard(new DotScore());
    var e = assertThrows(IllegalArgumentException.class, () -> attn.attendDetailed(q(), attn.projectKeys(k()), v(), null, 0, null));
    assertEquals("Attention: stochastic hard attention needs a random generator", e.getMessage());
  }

  @Test
  void attend_valuesOfWrongLength_throws() {
    Attention attn = Attention.luong(LuongScore.DOT, DQ, DK, 0, new SplittableRandom(70));
    var e = assertThrows(IllegalArgumentException.class, () -> attn.attend(q(), k(), Tensor.zeros(B, TK + 1, DV), null));
    assertEquals("Attention: keys [2, 5, 4] and values [2, 6, 3] must share B and Tk, and queries [2, 3, 4] B", e.getMessage());
  }

  @Test
  void luong_dotWithDifferentDims_throws() {
    var e = assertThrows(IllegalArgumentException.class, () -> Attention.luong(LuongScore.DOT, 3, 4, 0, new SplittableRandom(1)));
    assertEquals("LuongScore.DOT: query dim 3 differs from key dim 4 (use GENERAL or CONCAT)", e.getMessage());
  }

  @Test
  void attend_maskForAnotherBatch_throws() {
    Attention attn = Attention.luong(LuongScore.DOT, DQ, DK, 0, new SplittableRandom(71));
    var e = assertThrows(IllegalArgumentException.class, () -> attn.attend(q(), k(), v(), Mask.keyPadding(1, 2, 3)));
    assertEquals("Mask.toTensor: key padding has 3 lengths for batch 2", e.getMessage());
  }
}
