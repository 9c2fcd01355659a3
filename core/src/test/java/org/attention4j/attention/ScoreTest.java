package org.attention4j.attention;

import static org.attention4j.attention.AttentionTesting.leaf;
import static org.attention4j.attention.AttentionTesting.randn;
import static org.attention4j.testing.TensorAsserts.assertAllFinite;
import static org.attention4j.testing.TensorAsserts.assertClose;
import static org.attention4j.testing.TensorAsserts.gradcheck;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;
import org.attention4j.nn.Module;
import org.attention4j.tensor.GradCheck;
import org.attention4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The six score functions: gradients, closed forms, key projection, errors. */
class ScoreTest {
  private static final int B = 2;
  private static final int TQ = 3;
  private static final int TK = 4;
  private static final int DQ = 5;
  private static final int DK = 6;

  private static Tensor queries(int d) {
    return leaf(randn(1, B, TQ, d));
  }

  private static Tensor keys(int d) {
    return leaf(randn(2, B, TK, d));
  }

  @Test
  void dotScore_gradients_matchFiniteDifferences() {
    Score s = new DotScore();
    gradcheck("dot", x -> s.scores(x[0], x[1]), queries(DQ), keys(DQ));
  }

  @Test
  void scaledDotScore_gradients_matchFiniteDifferences() {
    Score s = new ScaledDotScore();
    gradcheck("scaled dot", x -> s.scores(x[0], x[1]), queries(DQ), keys(DQ));
  }

  @Test
  void generalScore_gradients_matchFiniteDifferences() {
    GeneralScore s = new GeneralScore(DQ, DK, new SplittableRandom(3));
    Tensor q = queries(DQ);
    Tensor k = keys(DK);
    gradcheck("general", x -> s.scores(x[0], x[1]), q, k);
    GradCheck.defaults().checkInPlace("general", () -> s.scores(q.detach(), k.detach()), s.parameters());
  }

  @Test
  void additiveScore_gradients_matchFiniteDifferences() {
    AdditiveScore s = new AdditiveScore(DQ, DK, 7, true, new SplittableRandom(4));
    Tensor q = queries(DQ);
    Tensor k = keys(DK);
    gradcheck("additive", x -> s.scores(x[0], x[1]), q, k);
    GradCheck.defaults().checkInPlace("additive", () -> s.scores(q.detach(), k.detach()), s.parameters());
  }

  @Test
  void concatScore_gradients_matchFiniteDifferences() {
    ConcatScore s = new ConcatScore(DQ, DK, 7, new SplittableRandom(5));
    Tensor q = queries(DQ);
    Tensor k = keys(DK);
    gradcheck("concat", x -> s.scores(x[0], x[1]), q, k);
    GradCheck.defaults().checkInPlace("concat", () -> s.scores(q.detach(), k.detach()), s.parameters());
  }

  @Test
  void locationScore_gradients_matchFiniteDifferences() {
    LocationScore s = new LocationScore(DQ, 9, new SplittableRandom(6));
    Tensor q = queries(DQ);
    Tensor k = keys(DK);
    gradcheck("location", x -> s.scores(x[0], x[1]), q, k);
    GradCheck.defaults().checkInPlace("location", () -> s.scores(q.detach(), k.detach()), s.parameters());
  }

  @Test
  void cosineScore_gradients_matchFiniteDifferences() {
    CosineScore s = new CosineScore(2.5f);
    gradcheck("cosine", x -> s.scores(x[0], x[1]), queries(DQ), keys(DQ));
    Tensor beta = leaf(AttentionTesting.uniform(7, 0.5f, 3f, B, TQ));
    gradcheck("cosine with beta", x -> s.scores(x[0], x[1], x[2]), queries(DQ), keys(DQ), beta);
  }

  @Test
  void additiveScoreOp_matchesUnfusedTensorOps_forwardAndBackward() {
    // A = 37: two 16-lane vector bodies and a tail (or 4 8-lane bodies and a tail).
    int a = 37;
    Tensor qp = leaf(randn(20, B, TQ, a));
    Tensor kp = leaf(randn(21, B, TK, a));
    Tensor v = leaf(randn(22, a));
    Tensor g = randn(23, B, TQ, TK);
    Tensor fused = AdditiveScoreOp.apply("test", qp, kp, v);
    fused.backward(g);
    Tensor[] fusedGrads = {qp.grad(), kp.grad(), v.grad()};
    qp.zeroGrad();
    kp.zeroGrad();
    v.zeroGrad();
    // (B, Tq, 1, A) + (B, 1, Tk, A) -> (B, Tq, Tk, A) -> (B, Tq, Tk)
    Tensor unfused = qp.unsqueeze(2).add(kp.unsqueeze(1)).tanh().matmul(v);
    unfused.backward(g);
    assertClose(unfused.toArray(), fused, 1e-5, 0, "fused");
    assertClose(qp.grad().toArray(), fusedGrads[0], 1e-5, 0, "fusedGrads[0]");
    assertClose(kp.grad().toArray(), fusedGrads[1], 1e-5, 0, "fusedGrads[1]");
    assertClose(v.grad().toArray(), fusedGrads[2], 1e-4, 0, "fusedGrads[2]");
  }

  @Test
  void scaledDotScore_sqrt2Query_givesWeightsOneEOverOnePlusE() {
    Tensor q = Tensor.of(new float[] {0f, (float) Math.sqrt(2)}, 1, 1, 2);
    Tensor k = Tensor.of(new float[] {1f, 0f, 0f, 1f}, 1, 2, 2); // identity
    Tensor w = new Softmax().weights(new ScaledDotScore().scores(q, k), null);
    double e = Math.E;
    assertClose(new float[] {(float) (1 / (1 + e)), (float) (e / (1 + e))}, w, 1e-6, 0, "w");
  }

  @Test
  void cosineScore_parallelVectors_giveBeta() {
    Tensor q = Tensor.of(new float[] {1f, 2f, 3f}, 1, 1, 3);
    Tensor k = Tensor.of(new float[] {2f, 4f, 6f, -1f, -2f, -3f, 0f, 0f, 0f}, 1, 3, 3);
    assertClose(new float[] {4f, -4f, 0f}, new CosineScore(4f).scores(q, k), 1e-5, 0, "cosine scores");
  }

  @Test
  void cosineScore_zeroVector_hasFiniteGradients() {
    Tensor q = leaf(Tensor.zeros(1, 1, 3));
    Tensor k = leaf(Tensor.of(new float[] {1f, 2f, 3f}, 1, 1, 3));
    new CosineScore(1f).scores(q, k).sum().backward();
    assertAllFinite(q.grad(), "query gradient");
    assertAllFinite(k.grad(), "key gradient");
  }

  @Test
  void generalScore_bothMultiplicationOrders_agree() {
    GeneralScore s = new GeneralScore(3, 8, new SplittableRandom(8));
    Tensor manyQueries = randn(9, 1, 20, 3);
    Tensor fewKeys = randn(10, 1, 2, 8);
    // 20 queries, 2 keys: projecting the queries is cheaper; compare with the projected-keys path.
    Tensor direct = s.scores(manyQueries, fewKeys);
    Tensor viaKeys = s.scores(manyQueries, s.projectKeys(fewKeys));
    assertClose(viaKeys.toArray(), direct, 1e-5, 0, "direct");
    Tensor bilinear = manyQueries.matmul(s.weight()).matmul(fewKeys.transpose(1, 2));
    assertClose(bilinear.toArray(), direct, 1e-5, 0, "direct");
  }

  @Test
  void projectKeys_reusedAcrossSteps_matchesScoringAllQueriesAtOnce() {
    SplittableRandom rng = new SplittableRandom(11);
    List<Score> scores = List.of(new DotScore(), new ScaledDotScore(), new GeneralScore(DK, DK, rng),
        new AdditiveScore(DK, DK, 4, false, rng), new ConcatScore(DK, DK, 4, rng), new LocationScore(DK, 6, rng),
        new CosineScore(3f));
    Tensor q = randn(12, B, TQ, DK);
    Tensor k = randn(13, B, TK, DK);
    for (Score s : scores) {
      Tensor all = s.scores(q, k);
      ProjectedKeys pk = s.projectKeys(k);
      for (int t = 0; t < TQ; t++) {
        Tensor step = s.scores(q.narrow(1, t, 1), pk); // (B, 1, Tk)
        assertClose(all.narrow(1, t, 1).toArray(), step, 1e-5, 0, "step");
      }
    }
  }

  @Test
  void parameterNames_followPyTorchLinearLayout() {
    SplittableRandom rng = new SplittableRandom(14);
    assertEquals(List.of("wq.weight", "wk.weight", "wk.bias", "v.weight"),
        List.copyOf(new AdditiveScore(3, 4, 5, true, rng).namedParameters().keySet()));
    assertEquals(List.of("wa.weight", "va.weight"), List.copyOf(new ConcatScore(3, 4, 5, rng).namedParameters().keySet()));
    Module general = new GeneralScore(3, 4, rng);
    assertEquals(List.of(3, 4), List.of(general.namedParameters().get("wa.weight").dim(0), general.namedParameters().get("wa.weight").dim(1)));
    assertEquals(List.of(7, 3), List.of(new LocationScore(3, 7, rng).namedParameters().get("wa.weight").dim(0), 3));
  }

  @Test
  void locationScore_moreKeysThanMaxSourceLength_throws() {
    LocationScore s = new LocationScore(3, 10, new SplittableRandom(15));
    var e = assertThrows(IllegalArgumentException.class, () -> s.scores(Tensor.zeros(1, 2, 3), Tensor.zeros(1, 12, 3)));
    assertEquals("LocationScore: 12 keys exceed maxSourceLength 10 (keys [1, 12, 3])", e.getMessage());
  }

  @Test
  void dotScore_differentFeatureDims_throws() {
    var e = assertThrows(IllegalArgumentException.class, () -> new DotScore().scores(Tensor.zeros(2, 3, 4), Tensor.zeros(2, 5, 3)));
    assertEquals("DotScore: query dim 4 differs from key dim 3: queries [2, 3, 4], keys [2, 5, 3]", e.getMessage());
  }

  @Test
  void additiveScore_wrongKeyDim_throws() {
    AdditiveScore s = new AdditiveScore(3, 4, 5, false, new SplittableRandom(16));
    var e = assertThrows(IllegalArgumentException.class, () -> s.scores(Tensor.zeros(1, 2, 3), Tensor.zeros(1, 2, 3)));
    assertEquals("AdditiveScore: keys [1, 2, 3] must be (B, T, 4)", e.getMessage());
  }

  @Test
  void scores_keysProjectedByAnotherScore_throws() {
    SplittableRandom rng = new SplittableRandom(17);
    AdditiveScore a = new AdditiveScore(3, 3, 2, false, rng);
    ConcatScore c = new ConcatScore(3, 3, 2, rng);
    ProjectedKeys pk = a.projectKeys(Tensor.zeros(1, 2, 3));
    var e = assertThrows(IllegalArgumentException.class, () -> c.scores(Tensor.zeros(1, 1, 3), pk));
    assertEquals("ConcatScore: keys were projected by another score (AdditiveScore); call projectKeys on this score", e.getMessage());
  }

  @Test
  void cosineScore_wrongBetaShape_throws() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> new CosineScore(1f).scores(Tensor.zeros(2, 3, 4), Tensor.zeros(2, 5, 4), Tensor.ones(2, 5)));
    assertEquals("CosineScore: beta [2, 5] must be (B, Tq) = [2, 3]", e.getMessage());
  }
}
