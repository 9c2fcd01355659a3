package org.attention4j.attention;

import java.util.Objects;
import org.attention4j.autograd.GradMode;
import org.attention4j.tensor.Tensor;

/**
 * The REINFORCE surrogate loss for stochastic hard attention (Williams 1992; Xu et al. 2015,
 * section 4.1, eq. (11)-(12)), with a moving-average baseline and an entropy bonus:
 *
 * <pre>
 *   L = mean_b sum_t [ -(R - b) log p(s_t) - lambda H(alpha_t) ]
 *   b &lt;- beta b + (1 - beta) mean(R)
 * </pre>
 *
 * Minimising {@code L} follows an unbiased estimate of {@code grad E[R]} (the baseline reduces
 * its variance without biasing it) while the entropy term keeps the distribution from
 * collapsing too early. {@code R} is treated as a constant (never differentiated).
 *
 * <p><b>State:</b> the baseline {@code b} is the only state. It starts at the value given to the
 * constructor; {@link #loss} reads it and then updates it (documented on the method);
 * {@link #surrogate} is the pure function for callers who keep the baseline themselves. There is
 * no randomness here (the sample comes from {@link StochasticHard#sample} with the caller's
 * generator). Not thread-safe.
 */
public final class Reinforce {
  private final double decay;
  private final double entropyWeight;
  private double baseline;

  /**
   * @param decay {@code beta} in {@code [0, 1)}: how much of the old baseline is kept per update
   *     (0.9 is common)
   * @param entropyWeight {@code lambda >= 0}
   * @param initialBaseline the baseline before the first update (0 if rewards are unknown)
   * @throws IllegalArgumentException if a value is out of range
   */
  public Reinforce(double decay, double entropyWeight, double initialBaseline) {
    if (!(decay >= 0 && decay < 1)) throw new IllegalArgumentException("Reinforce: decay must be in [0, 1), got " + decay);
    if (!(entropyWeight >= 0) || Double.isInfinite(entropyWeight)) {
      throw new IllegalArgumentException("Reinforce: entropyWeight must be finite and >= 0, got " + entropyWeight);
    }
    if (!Double.isFinite(initialBaseline)) {
      throw new IllegalArgumentException("Reinforce: initialBaseline must be finite, got " + initialBaseline);
    }
    this.decay = decay;
    this.entropyWeight = entropyWeight;
    this.baseline = initialBaseline;
  }

  /** The current baseline {@code b}. */
  public double baseline() {
    return baseline;
  }

  /**
   * The surrogate loss with the current baseline; <b>then updates the baseline</b> with the mean
   * of {@code rewards}, so the next call uses the new value.
   *
   * @param rewards {@code (B)} (one reward per sequence, shared by its queries) or the shape of
   *     {@code sample.logProb()} (one per query)
   * @return a scalar
   * @throws IllegalArgumentException if the rewards' shape fits neither
   */
  public Tensor loss(Tensor rewards, HardSample sample) {
    Objects.requireNonNull(sample, "Reinforce: sample is null");
    Tensor loss = surrogate(rewards, baseline, sample.logProb(), sample.entropy(), entropyWeight);
    update(rewards);
    return loss;
  }

  /**
   * Moves the baseline towards the mean reward: {@code b <- beta b + (1 - beta) mean(R)}; returns
   * the new baseline.
   */
  public double update(Tensor rewards) {
    double mean;
    try (var _ = GradMode.noGrad()) {
      mean = rewards.mean().item();
    }
    baseline = decay * baseline + (1 - decay) * mean;
    return baseline;
  }

  /**
   * The pure surrogate {@code mean_b sum_t [-(R - b) log p - lambda H]}.
   *
   * @param rewards {@code (B)} or the shape of {@code logProb}; detached
   * @param baseline {@code b}
   * @param logProb {@code (B, ...)}: log-probability of each sampled position
   * @param entropy same shape as {@code logProb}, or {@code null} when {@code entropyWeight} is 0
   * @return a scalar
   * @throws IllegalArgumentException if the shapes do not fit
   */
  public static Tensor surrogate(Tensor rewards, double baseline, Tensor logProb, Tensor entropy, double entropyWeight) {
    if (logProb.rank() == 0) throw new IllegalArgumentException("Reinforce: logProb must be (B, ...), got a scalar");
    Tensor r = rewards.detach();
    if (r.shape().equals(logProb.shape())) {
      // one reward per sampled position
    } else if (r.rank() == 1 && r.dim(0) == logProb.dim(0)) {
      while (r.rank() < logProb.rank()) r = r.unsqueeze(-1); // (B) -> (B, 1, ...)
    } else {
      throw new IllegalArgumentException(
          "Reinforce: rewards " + rewards.shape() + " must be (B) = [" + logProb.dim(0) + "] or the logProb shape " + logProb.shape());
    }
    Tensor perPosition = r.sub((float) baseline).mul(logProb).neg(); // -(R - b) log p
    if (entropyWeight != 0) {
      if (entropy == null || !entropy.shape().equals(logProb.shape())) {
        throw new IllegalArgumentException(
            "Reinforce: entropy " + (entropy == null ? "null" : entropy.shape().toString()) + " must have the logProb shape " + logProb.shape());
      }
      perPosition = perPosition.sub(entropy.mul((float) entropyWeight));
    }
    Tensor perSequence = perPosition.rank() == 1 ? perPosition : perPosition.flatten(1, perPosition.rank() - 1).sum(1);
    return perSequence.mean();
  }

  @Override
  public String toString() {
    return "Reinforce(decay=" + decay + ", entropyWeight=" + entropyWeight + ", baseline=" + baseline + ")";
  }
}
