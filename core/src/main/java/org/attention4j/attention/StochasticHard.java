package org.attention4j.attention;

import java.util.Objects;
import java.util.random.RandomGenerator;
import org.attention4j.autograd.GradMode;
import org.attention4j.tensor.IntTensor;
import org.attention4j.tensor.Tensor;

/**
 * Stochastic hard attention of Xu et al. (2015), section 4.1: each query attends to exactly one
 * key, sampled from the (masked) softmax of its scores, {@code s_t ~ Multinoulli({alpha_i})}.
 *
 * <p>The one-hot weights have no gradient; the model is trained with the REINFORCE estimator,
 * which needs {@code log p(s_t)} and, for the entropy bonus, the entropy of the distribution:
 * both come back in the {@link HardSample}, and {@link Reinforce} builds the surrogate loss from
 * them.
 *
 * <p>Randomness is explicit: {@link #sample} draws exactly one {@code nextDouble()} from the
 * given generator per row that has an allowed key, in row-major order (inverse-CDF sampling in
 * double precision).
 */
public final class StochasticHard {
  private static final Tensor NEG_INF = Tensor.scalar(Float.NEGATIVE_INFINITY);
  private static final Tensor ZERO = Tensor.scalar(0f);

  /** The sampler (stateless). */
  public StochasticHard() {}

  /**
   * Samples one allowed key per query.
   *
   * @param scores {@code (..., Tk)}, usually {@code (B, Tq, Tk)}
   * @param allowed 0/1 broadcastable to the scores, or {@code null}
   * @param rng the source of the draws
   * @throws IllegalArgumentException if {@code allowed} does not broadcast to the scores
   */
  public HardSample sample(Tensor scores, Tensor allowed, RandomGenerator rng) {
    Objects.requireNonNull(rng, "StochasticHard: rng is null");
    Distribution d = distribution("StochasticHard.sample", scores, allowed);
    int n = scores.dim(-1);
    int rows = d.has.length;
    float[] p;
    try (var _ = GradMode.noGrad()) {
      p = d.probabilities.toArray();
    }
    int[] positions = new int[rows];
    for (int r = 0; r < rows; r++) {
      if (d.has[r] == 0f) {
        positions[r] = -1;
        continue;
      }
      double u = rng.nextDouble();
      double cumulative = 0;
      int pick = -1;
      for (int j = 0; j < n; j++) {
        float pj = p[r * n + j];
        if (pj <= 0f) continue;
        pick = j; // the last positive entry catches rounding (cumulative sum just below 1)
        cumulative += pj;
        if (u < cumulative) break;
      }
      positions[r] = pick;
    }
    return finish(scores, d, positions);
  }

  /**
   * The {@link HardSample} for given positions (no drawing): the log-probability and entropy of
   * a sample taken earlier, for example to rescore it after a parameter update.
   *
   * @param positions one key per row of the scores, shape {@code scores.shape[:-1]}; -1 only
   *     for rows with nothing allowed
   * @throws IllegalArgumentException if the shapes differ or a position is out of range or masked
   */
  public HardSample evaluate(Tensor scores, Tensor allowed, IntTensor positions) {
    Distribution d = distribution("StochasticHard.evaluate", scores, allowed);
    int[] rowShape = rowShape(scores);
    if (!positions.shape().equals(org.attention4j.tensor.Shape.of(rowShape))) {
      throw new IllegalArgumentException(
          "StochasticHard.evaluate: positions " + positions.shape() + " must have the scores' shape without the last dim, "
              + java.util.Arrays.toString(rowShape));
    }
    int[] pos = positions.toArray();
    int n = scores.dim(-1);
    for (int r = 0; r < pos.length; r++) {
      boolean ok = d.has[r] == 0f ? pos[r] == -1 : pos[r] >= 0 && pos[r] < n && d.allowed[r * n + pos[r]] != 0f;
      if (!ok) {
        throw new IllegalArgumentException(
            "StochasticHard.evaluate: position " + pos[r] + " of row " + r + " is not an allowed key"
                + (d.has[r] == 0f ? " (the row allows none: use -1)" : " of " + n));
      }
    }
    return finish(scores, d, pos);
  }

  /** The masked distribution of every row and which rows allow anything. */
  private record Distribution(float[] allowed, float[] has, Tensor logProbs, Tensor probabilities, Tensor hasTensor) {}

  private static Distribution distribution(String op, Tensor scores, Tensor allowed) {
    Shapes.allowed(op, allowed, scores);
    if (scores.rank() == 0) throw new IllegalArgumentException(op + ": scores must have at least 1 dim, got a scalar");
    int n = scores.dim(-1);
    float[] a = Shapes.expandedAllowed(allowed, scores);
    int rows = n == 0 ? 0 : a.length / n;
    float[] has = new float[rows];
    // A row with nothing allowed is treated as all-allowed so that its log-softmax stays finite;
    // its results are multiplied by has = 0 afterwards (zero values, zero gradients, no NaN).
    float[] effective = a.clone();
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < n && has[r] == 0f; j++) if (a[r * n + j] != 0f) has[r] = 1f;
      if (has[r] == 0f) java.util.Arrays.fill(effective, r * n, r * n + n, 1f);
    }
    Tensor eff = Tensor.wrap(effective, scores.shape().toArray());
    Tensor logp = Tensor.where(eff, Tensor.where(eff, scores, NEG_INF).logSoftmax(-1), ZERO); // masked: 0, not -inf
    Tensor hasT = Tensor.wrap(has, rowShape(scores));
    Tensor p = Tensor.where(eff, logp.exp(), ZERO).mul(hasT.unsqueeze(-1));
    return new Distribution(a, has, logp, p, hasT);
  }

  private static HardSample finish(Tensor scores, Distribution d, int[] positions) {
    int n = scores.dim(-1);
    int[] rowShape = rowShape(scores);
    float[] oneHot = new float[positions.length * n];
    int[] index = new int[positions.length];
    for (int r = 0; r < positions.length; r++) {
      if (positions[r] >= 0) oneHot[r * n + positions[r]] = 1f;
      index[r] = Math.max(positions[r], 0);
    }
    int[] indexShape = scores.shape().toArray();
    indexShape[indexShape.length - 1] = 1;
    Tensor logProb = d.logProbs.gather(-1, IntTensor.of(index, indexShape)).squeeze(-1).mul(d.hasTensor);
    Tensor entropy = d.probabilities.mul(d.logProbs).sum(-1).neg(); // rows without keys: p = 0 there
    return new HardSample(Tensor.wrap(oneHot, scores.shape().toArray()), IntTensor.of(positions, rowShape),
        logProb, entropy, d.probabilities);
  }

  private static int[] rowShape(Tensor scores) {
    int[] s = scores.shape().toArray();
    return java.util.Arrays.copyOf(s, s.length - 1);
  }

  @Override
  public String toString() {
    return "StochasticHard";
  }
}
