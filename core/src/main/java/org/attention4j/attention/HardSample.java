package org.attention4j.attention;

import org.attention4j.tensor.IntTensor;
import org.attention4j.tensor.Tensor;

/**
 * One draw of stochastic hard attention ({@link StochasticHard}) with what its REINFORCE
 * training needs. With scores of shape {@code (B, Tq, Tk)}:
 *
 * @param weights one-hot rows at the sampled keys, {@code (B, Tq, Tk)}; not recorded (no gradient)
 * @param positions the sampled key per query, {@code (B, Tq)}; -1 for a row with nothing allowed
 * @param logProb {@code log p(sample)}, {@code (B, Tq)}, differentiable w.r.t. the scores; 0 for
 *     a row with nothing allowed
 * @param entropy the entropy {@code -sum_j p_j log p_j} of each row's distribution,
 *     {@code (B, Tq)}, differentiable; 0 for a row with nothing allowed
 * @param probabilities the (masked softmax) distribution the sample was drawn from,
 *     {@code (B, Tq, Tk)}, differentiable; zeros for a row with nothing allowed
 */
public record HardSample(Tensor weights, IntTensor positions, Tensor logProb, Tensor entropy, Tensor probabilities) {}
