package org.attention4j.attention;

import static org.attention4j.testing.TensorAsserts.assertBitwise;
import static org.attention4j.testing.TensorAsserts.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.attention4j.attention.ScaledDotProductAttention.Options;
import org.attention4j.attention.ScaledDotProductAttention.Path;
import org.attention4j.autograd.GradMode;
import org.attention4j.kernel.Parallel;
import org.attention4j.tensor.GradCheck;
import org.attention4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The fused attention path against the unfused reference path (forward, backward, weights and
 * their gradients) over shapes that are not multiples of the tiles, every mask kind, strided
 * head-split and key-value-cache views; dropout; layout; thread-count independence.
 */
class FusedAttentionTest {
  private static final double ATOL = 1e-5;
  private static final double RTOL = 1e-4;

  /** How a (B, H, T, w) operand is laid out in its leaf tensor. */
  enum Layout {
    /** A contiguous (B, H, T, w) leaf. */
    CONTIGUOUS,
    /** A (B, T, H*w) leaf, split into heads: reshape(B, T, H, w).transpose(1, 2). */
    HEAD_SPLIT,
    /** A (B, H, T + 5, w) leaf narrowed to its first T rows, as a key-value cache hands out. */
    CACHE
  }

  record Case(int b, int h, int tq, int tk, int d, int dv, Mask mask, Layout layout) {
    @Override
    public String toString() {
      return "B" + b + " H" + h + " Tq" + tq + " Tk" + tk + " d" + d + " dv" + dv + " " + mask + " " + layout;
    }
  }

  static Tensor leaf(Layout layout, long seed, int b, int h, int t, int w) {
    var rng = new SplittableRandom(seed);
    Tensor x = switch (layout) {
      case CONTIGUOUS -> Tensor.randn(rng, b, h, t, w);
      case HEAD_SPLIT -> Tensor.randn(rng, b, t, h * w);
      case CACHE -> Tensor.randn(rng, b, h, t + 5, w);
    };
    return x.requiresGrad(true);
  }

  static Tensor view(Layout layout, Tensor leaf, int b, int h, int t, int w) {
    return switch (layout) {
      case CONTIGUOUS -> leaf;
      case HEAD_SPLIT -> leaf.reshape(b, t, h, w).transpose(1, 2); // (B, T, H*w) -> (B, H, T, w)
      case CACHE -> leaf.narrow(2, 0, t);
    };
  }

  static List<Case> cases() {
    int[] lengths = {1, 7, 63, 64, 65, 130, 257};
    int[] widths = {8, 33, 64};
    var rng = new SplittableRandom(2024);
    List<Case> cases = new ArrayList<>();
    for (int n = 0; n < 21; n++) {
      int b = 1 + rng.nextInt(2);
      int h = 1 + rng.nextInt(3);
      int tq = lengths[n % lengths.length];
      int tk = lengths[(n * 3 + 2) % lengths.length];
      int d = widths[n % 3];
      int dv = widths[(n / 3) % 3];
      Layout layout = Layout.values()[n % 3];
      Mask mask = switch (n % 7) {
        case 0 -> Mask.none();
        case 1 -> Mask.causal();
        case 2 -> Mask.causal(tk - tq);
        case 3 -> Mask.keyPadding(padding(rng, b, tk));
        case 4 -> Mask.band(3, 20);
        case 5 -> Mask.of(Tensor.rand(new SplittableRandom(n), b, 1, tq, tk).gt(0.3f));
        default -> Mask.causal(5).and(Mask.keyPadding(padding(rng, b, tk))).and(Mask.of(Tensor.rand(new SplittableRandom(n), tq, tk).gt(0.2f)));
      };
      cases.add(new Case(b, h, tq, tk, d, dv, mask, layout));
    }
    return cases;
  }

  static int[] padding(SplittableRandom rng, int b, int tk) {
    int[] lengths = new int[b];
    for (int i = 0; i < b; i++) lengths[i] = i == 1 ? 0 : rng.nextInt(tk + 1);
    return lengths;
  }

  /** Context and weights of one path, plus the gradients of a loss on both. */
  record Run(Tensor context, Tensor weights, Tensor dq, Tensor dk, Tensor dv) {}

  static Run run(Case c, Path path, Weights which, long seed) {
    Tensor ql = leaf(c.layout, seed, c.b, c.h, c.tq, c.d);
    Tensor kl = leaf(c.layout, seed + 1, c.b, c.h, c.tk, c.d);
    Tensor vl = leaf(c.layout, seed + 2, c.b, c.h, c.tk, c.dv);
    Tensor q = view(c.layout, ql, c.b, c.h, c.tq, c.d);
    Tensor k = view(c.layout, kl, c.b, c.h, c.tk, c.d);
    Tensor v = view(c.layout, vl, c.b, c.h, c.tk, c.dv);
    AttentionResult r = ScaledDotProductAttention.attend(q, k, v, c.mask, Options.defaults().withWeights(which).withPath(path));
    var rng = new SplittableRandom(seed + 3);
    Tensor loss = r.context().mul(Tensor.randn(rng, c.b, c.h, c.tq, c.dv)).sum();
    if (r.hasWeights()) loss = loss.add(r.weights().mul(Tensor.randn(rng, r.weights().shape().toArray())).sum());
    loss.backward();
    return new Run(r.context(), r.hasWeights() ? r.weights() : null, ql.grad(), kl.grad(), vl.grad());
  }

  static void assertRunsClose(Run want, Run got, String what) {
    assertClose(want.context(), got.context(), ATOL, RTOL, what + " context");
    if (want.weights() != null) assertClose(want.weights(), got.weights(), ATOL, RTOL, what + " weights");
    assertClose(want.dq(), got.dq(), ATOL, RTOL, what + " dq");
    assertClose(want.dk(), got.dk(), ATOL, RTOL, what + " dk");
    assertClose(want.dv(), got.dv(), ATOL, RTOL, what + " dv");
  }

  @Test
  void fused_matchesUnfused_forwardAndBackward_overShapesMasksAndViews() {
    for (Case c : cases()) {
      assertRunsClose(run(c, Path.UNFUSED, Weights.NONE, 11), run(c, Path.FUSED, Weights.NONE, 11), c.toString());
    }
  }

  @Test
  void fusedWeights_perHeadAndAveraged_matchUnfused_withGradients() {
    List<Case> all = cases();
    for (int i = 0; i < all.size(); i += 2) {
      Case c = all.get(i);
      Weights w = i % 4 == 0 ? Weights.PER_HEAD : Weights.AVERAGED;
      assertRunsClose(run(c, Path.UNFUSED, w, 12), run(c, Path.FUSED, w, 12), c + " " + w);
    }
  }

  @Test
  void auto_usesTheFusedPath_bitwise() {
    Case c = cases().get(3);
    Run auto = run(c, Path.AUTO, Weights.PER_HEAD, 13);
    Run fused = run(c, Path.FUSED, Weights.PER_HEAD, 13);
    assertBitwise(fused.context().toArray(), auto.context().toArray(), "context");
    assertBitwise(fused.dq().toArray(), auto.dq().toArray(), "dq");
    assertEquals("fused_attention_weights", auto.weights().gradFnName());
  }

  @Test
  void keyPaddingOfZero_givesZeroContextAndWeights_andFiniteGradients() {
    Case c = new Case(2, 2, 65, 70, 16, 16, Mask.keyPadding(70, 0), Layout.HEAD_SPLIT);
    Run r = run(c, Path.FUSED, Weights.PER_HEAD, 14);
    for (float x : r.context().select(0, 1).toArray()) assertEquals(0f, x);
    for (float x : r.weights().select(0, 1).toArray()) assertEquals(0f, x);
    for (Tensor g : new Tensor[] {r.dq(), r.dk(), r.dv()}) {
      for (float x : g.toArray()) assertTrue(Float.isFinite(x), "gradient must be finite");
    }
    assertRunsClose(run(c, Path.UNFUSED, Weights.PER_HEAD, 14), r, c.toString());
  }

  @Test
  void context_isStoredBatchTimeHeads_soMergingHeadsIsAView() {
    Tensor q = Tensor.randn(new SplittableRandom(15), 2, 3, 5, 4);
    AttentionResult r = FusedAttention.attend(q, q, q, null, Float.NaN, 0f, 0L, Weights.NONE);
    Tensor merged = r.context().transpose(1, 2).reshape(2, 5, 12); // (B, H, Tq, dv) -> (B, Tq, H*dv)
    assertSame(r.context().storage(), merged.storage());
    assertTrue(merged.isContiguous());
  }

  @Test
  void dropout_sameSeedSameResult_otherSeedOtherResult_rngDrawsTheSeed() {
    Tensor q = Tensor.randn(new SplittableRandom(16), 2, 2, 40, 8);
    Tensor k = Tensor.randn(new SplittableRandom(17), 2, 2, 50, 8);
    Tensor a = FusedAttention.attend(q, k, k, Mask.causal(10), Float.NaN, 0.3f, 99L, Weights.NONE).context();
    Tensor b = FusedAttention.attend(q, k, k, Mask.causal(10), Float.NaN, 0.3f, 99L, Weights.NONE).context();
    Tensor c = FusedAttention.attend(q, k, k, Mask.causal(10), Float.NaN, 0.3f, 100L, Weights.NONE).context();
    assertBitwise(a.toArray(), b.toArray(), "same seed");
    assertNotEquals(0, Tensor.zerosLike(a).add(a.sub(c).abs()).sum().item(), "another seed");
    var o1 = Options.defaults().withDropout(0.3f, true, new SplittableRandom(5));
    var o2 = Options.defaults().withDropout(0.3f, true, new SplittableRandom(5));
    assertBitwise(ScaledDotProductAttention.attend(q, k, k, null, o1).context().toArray(),
        ScaledDotProductAttention.attend(q, k, k, null, o2).context().toArray(), "seed drawn from equal generators");
    var eval = Options.defaults().withDropout(0.3f, false, null);
    assertBitwise(FusedAttention.attend(q, k, k, null, Float.NaN, 0f, 0L, Weights.NONE).context().toArray(),
        ScaledDotProductAttention.attend(q, k, k, null, eval).context().toArray(), "no dropout outside training");
  }

  @Test
  void dropout_backwardIsConsistentWithForward_gradcheck() {
    var rng = new SplittableRandom(18);
    Tensor q = Tensor.randn(rng, 1, 2, 5, 4).requiresGrad(true);
    Tensor k = Tensor.randn(rng, 1, 2, 6, 4).requiresGrad(true);
    Tensor v = Tensor.randn(rng, 1, 2, 6, 3).requiresGrad(true);
    Function<Tensor[], Tensor> f = in -> FusedAttention.attend(in[0], in[1], in[2], Mask.causal(1), Float.NaN, 0.4f, 7L,
        Weights.NONE).context();
    GradCheck.defaults().check("fused attention with dropout", f, q, k, v);
  }

  @Test
  void weights_gradcheck_perHeadAndAveraged() {
    var rng = new SplittableRandom(19);
    Tensor q = Tensor.randn(rng, 2, 2, 4, 3).requiresGrad(true);
    Tensor k = Tensor.randn(rng, 2, 2, 5, 3).requiresGrad(true);
    Tensor v = Tensor.randn(rng, 2, 2, 5, 3);
    Mask mask = Mask.keyPadding(5, 3).and(Mask.band(2, 2));
    for (Weights w : new Weights[] {Weights.PER_HEAD, Weights.AVERAGED}) {
      GradCheck.defaults().check("fused weights " + w,
          in -> FusedAttention.attend(in[0], in[1], v, mask, Float.NaN, 0f, 0L, w).weights(), q, k);
    }
  }

  @Test
  void results_doNotDependOnThreadCount_bitwise() {
    Case c = new Case(2, 3, 130, 257, 64, 33, Mask.causal(127), Layout.HEAD_SPLIT);
    int saved = Parallel.threads();
    try {
      Parallel.setThreads(1);
      Run one = run(c, Path.FUSED, Weights.AVERAGED, 20);
      Parallel.setThreads(2);
      Run two = run(c, Path.FUSED, Weights.AVERAGED, 20);
      assertBitwise(one.context().toArray(), two.context().toArray(), "context");
      assertBitwise(one.weights().toArray(), two.weights().toArray(), "weights");
      assertBitwise(one.dq().toArray(), two.dq().toArray(), "dq");
      assertBitwise(one.dk().toArray(), two.dk().toArray(), "dk");
      assertBitwise(one.dv().toArray(), two.dv().toArray(), "dv");
    } finally {
      Parallel.setThreads(saved);
    }
  }

  @Test
  void noGrad_recordsNothing() {
    Tensor q = Tensor.randn(new SplittableRandom(21), 1, 1, 3, 4).requiresGrad(true);
    try (var _ = GradMode.noGrad()) {
      AttentionResult r = FusedAttention.attend(q, q, q, null, Float.NaN, 0f, 0L, Weights.PER_HEAD);
      assertTrue(!r.context().requiresGrad() && !r.weights().requiresGrad());
    }
  }

  @Test
  void attend_badDropoutOrMask_isRejectedWithClearText() {
    Tensor q = Tensor.zeros(2, 1, 3, 4);
    var e = assertThrows(IllegalArgumentException.class, () -> FusedAttention.attend(q, q, q, null, 1f, 1f, 0L, Weights.NONE));
    assertEquals("attention: dropout must be in [0, 1), got 1.0", e.getMessage());
    var m = assertThrows(IllegalArgumentException.class,
        () -> FusedAttention.attend(q, q, q, Mask.keyPadding(3), 1f, 0f, 0L, Weights.NONE));
    assertEquals("attention: key padding has 1 lengths for batch 2", m.getMessage());
  }
}
