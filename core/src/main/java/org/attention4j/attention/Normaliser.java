package org.attention4j.attention;

import org.attention4j.tensor.Tensor;

/**
 * Turns alignment scores into attention weights over the keys (the last dim), under an optional
 * mask.
 *
 * <p>{@code allowed} is a 0/1 tensor that broadcasts to the scores' shape ({@code (B, Tq, Tk)}
 * for the composer), or {@code null} for "everything allowed"; 1 means "may attend", as for
 * {@link Mask}. Masked entries get weight 0. A row with nothing allowed gets all-zero weights and
 * zero gradients, never NaN.
 *
 * <p>Deterministic normalisers implement this interface: {@link Softmax}, {@link Sparsemax},
 * {@link HardArgmax} and {@link GumbelSoftmax} (random, but its randomness is reparameterised,
 * so it still returns plain weights). Sampled hard attention, whose training needs the sample's
 * log-probability, is {@link StochasticHard}, which returns a {@link HardSample} instead.
 */
public interface Normaliser {
  /**
   * @param scores {@code (..., Tk)}, usually {@code (B, Tq, Tk)}
   * @param allowed 0/1, broadcastable to the scores' shape, or {@code null}
   * @return weights with the scores' shape
   * @throws IllegalArgumentException if {@code allowed} does not broadcast to the scores
   */
  Tensor weights(Tensor scores, Tensor allowed);
}
