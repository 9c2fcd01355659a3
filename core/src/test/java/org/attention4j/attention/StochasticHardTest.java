package org.attention4j.attention;

import static org.attention4j.attention.AttentionTesting.leaf;
import static org.attention4j.attention.AttentionTesting.randn;
import static org.attention4j.testing.TensorAsserts.assertAllFinite;
import static org.attention4j.testing.TensorAsserts.assertClose;
import static org.attention4j.testing.TensorAsserts.gradcheck;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.attention4j.tensor.IntTensor;
import org.attention4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Sampled hard attention (Xu et al. 2015) and its REINFORCE loss. */
class StochasticHardTest {
  private static final float[] SCORES = {0.5f, -1f, 1.2f, 0.1f};
  private static final float[] ALLOWED = {1, 1, 1, 0};

  @Test
  void sample_frequencies_matchTheMaskedSoftmax() {
    int n = 20_000;
    Tensor scores = Tensor.of(SCORES, 1, 1, 4).expand(n, 1, 4);
    HardSample s = new StochasticHard().sample(scores, Tensor.of(ALLOWED, 1, 1, 4), new SplittableRandom(21));
    int[] counts = new int[4];
    for (int p : s.positions().toArray()) counts[p]++;
    float[] expected = new Softmax().weights(Tensor.of(SCORES, 4), Tensor.of(ALLOWED, 4)).toArray();
    for (int j = 0; j < 4; j++) {
      assertEquals(expected[j], counts[j] / (double) n, 0.015, "frequency of key " + j);
    }
    assertEquals(0, counts[3], "a masked key is never sampled");
  }

  @Test
  void sample_returnsOneHotWeightsLogProbAndEntropy() {
    Tensor scores = randn(22, 2, 3, 5);
    HardSample s = new StochasticHard().sample(scores, null, new SplittableRandom(23));
    float[] p = new Softmax().weights(scores, null).toArray();
    int[] pos = s.positions().toArray();
    float[] w = s.weights().toArray();
    float[] logProb = s.logProb().toArray();
    float[] entropy = s.entropy().toArray();
    for (int r = 0; r < 6; r++) {
      double h = 0;
      for (int j = 0; j < 5; j++) {
        assertEquals(j == pos[r] ? 1f : 0f, w[r * 5 + j], 0f);
        h -= p[r * 5 + j] * Math.log(p[r * 5 + j]);
      }
      assertEquals(Math.log(p[r * 5 + pos[r]]), logProb[r], 1e-5);
      assertEquals(h, entropy[r], 1e-5);
    }
  }

  @Test
  void sample_sameSeed_samePositions() {
    Tensor scores = randn(24, 4, 6, 7);
    int[] a = new StochasticHard().sample(scores, null, new SplittableRandom(25)).positions().toArray();
    int[] b = new StochasticHard().sample(scores, null, new SplittableRandom(25)).positions().toArray();
    assertArrayEquals(a, b);
  }

  @Test
  void sample_allMaskedRow_givesNoSampleAndZeroFiniteGradients() {
    Tensor scores = leaf(randn(26, 1, 2, 3));
    Tensor allowed = Tensor.of(new float[] {1, 0, 1, 0, 0, 0}, 1, 2, 3);
    HardSample s = new StochasticHard().sample(scores, allowed, new SplittableRandom(27));
    assertEquals(-1, s.positions().get(0, 1));
    assertClose(new float[3], s.weights().select(1, 1), 0, 0, "s.weights().select(1, 1)");
    assertEquals(0f, s.logProb().get(0, 1), 0f);
    assertEquals(0f, s.entropy().get(0, 1), 0f);
    s.logProb().add(s.entropy()).sum().add(s.probabilities().sum()).backward();
    assertAllFinite(scores.grad(), "score gradient");
    assertClose(new float[3], scores.grad().select(1, 1), 0, 0, "scores.grad().select(1, 1)");
  }

  @Test
  void surrogate_gradientWithRespectToScores_matchesFiniteDifferences() {
    Tensor allowed = Tensor.of(new float[] {1, 1, 0, 1, 1, 1, 1, 1, 0, 0, 0, 0}, 2, 2, 3);
    IntTensor positions = IntTensor.of(new int[] {1, 2, 0, -1}, 2, 2);
    StochasticHard sampler = new StochasticHard();
    Tensor perSequence = Tensor.of(new float[] {1.5f, -0.5f});
    Tensor perQuery = Tensor.of(new float[] {1f, 2f, -1f, 0.5f}, 2, 2);
    for (Tensor rewards : new Tensor[] {perSequence, perQuery}) {
      gradcheck("reinforce surrogate " + rewards.shape(), x -> {
        HardSample s = sampler.evaluate(x[0], allowed, positions);
        return Reinforce.surrogate(rewards, 0.25, s.logProb(), s.entropy(), 0.3);
      }, leaf(randn(28, 2, 2, 3)));
    }
  }

  /**
   * The REINFORCE estimate -grad L averaged over many draws approaches grad E[R] =
   * p_j (r_j - E[R]) (seeded; loose tolerance: the estimate's standard error is about 0.02).
   */
  @Test
  void reinforceGradient_averagedOverDraws_approachesTrueGradientOfExpectedReward() {
    float[] s0 = {0.2f, -0.5f, 0.9f};
    float[] reward = {1f, 3f, -2f};
    float[] p = new Softmax().weights(Tensor.of(s0), null).toArray();
    double expectedReward = 0;
    for (int j = 0; j < 3; j++) expectedReward += p[j] * reward[j];
    float[] truth = new float[3];
    for (int j = 0; j < 3; j++) truth[j] = (float) (p[j] * (reward[j] - expectedReward));
    for (double baseline : new double[] {0, 1}) {
      int n = 20_000;
      Tensor scores = leaf(Tensor.of(s0, 1, 1, 3));
      HardSample s = new StochasticHard().sample(scores.expand(n, 1, 3), null, new SplittableRandom(29));
      float[] r = new float[n];
      int[] pos = s.positions().toArray();
      for (int i = 0; i < n; i++) r[i] = reward[pos[i]];
      Reinforce.surrogate(Tensor.of(r), baseline, s.logProb(), s.entropy(), 0).backward();
      assertClose(truth, scores.grad().neg(), 0.06, 0, "scores.grad().neg()");
    }
  }

  @Test
  void loss_usesCurrentBaselineThenMovesIt() {
    Reinforce reinforce = new Reinforce(0.9, 0, 0);
    Tensor logProb = Tensor.of(new float[] {-1f, -2f}, 2, 1);
    HardSample sample = new HardSample(null, null, logProb, Tensor.zeros(2, 1), null);
    // b = 0: mean(-(R - 0) log p) = mean(2 * 1, 4 * 2) = 5
    assertEquals(5f, reinforce.loss(Tensor.of(new float[] {2f, 4f}), sample).item(), 1e-6f);
    assertEquals(0.3, reinforce.baseline(), 1e-9);
    // b = 0.3: mean(1.7 * 1, 3.7 * 2) = 4.55; b <- 0.9 * 0.3 + 0.1 * 3 = 0.57
    assertEquals(4.55f, reinforce.loss(Tensor.of(new float[] {2f, 4f}), sample).item(), 1e-5f);
    assertEquals(0.57, reinforce.baseline(), 1e-9);
  }

  @Test
  void surrogate_entropyBonus_lowersTheLoss() {
    Tensor logProb = Tensor.of(new float[] {-1f}, 1, 1);
    Tensor entropy = Tensor.of(new float[] {0.5f}, 1, 1);
    assertEquals(1f - 0.2f * 0.5f, Reinforce.surrogate(Tensor.of(new float[] {1f}), 0, logProb, entropy, 0.2).item(), 1e-6f);
  }

  @Test
  void surrogate_rewardsOfWrongShape_throws() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> Reinforce.surrogate(Tensor.zeros(3), 0, Tensor.zeros(2, 4), Tensor.zeros(2, 4), 0.1));
    assertEquals("Reinforce: rewards [3] must be (B) = [2] or the logProb shape [2, 4]", e.getMessage());
  }

  @Test
  void reinforce_decayOutOfRange_throws() {
    var e = assertThrows(IllegalArgumentException.class, () -> new Reinforce(1.0, 0, 0));
    assertEquals("Reinforce: decay must be in [0, 1), got 1.0", e.getMessage());
  }

  @Test
  void evaluate_maskedPosition_throws() {
    var e = assertThrows(IllegalArgumentException.class, () -> new StochasticHard().evaluate(
        Tensor.zeros(1, 4), Tensor.of(ALLOWED, 1, 4), IntTensor.of(new int[] {3}, 1)));
    assertEquals("StochasticHard.evaluate: position 3 of row 0 is not an allowed key of 4", e.getMessage());
  }
}
