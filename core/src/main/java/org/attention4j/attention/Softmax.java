package org.attention4j.attention;

import org.attention4j.tensor.Tensor;

/**
 * The softmax over keys (Bahdanau et al. 2015, eq. (6); Luong et al. 2015, eq. (7)):
 * {@code a_j = exp(e_j) / sum_k exp(e_k)} over allowed keys, computed with the row maximum
 * subtracted. Masked scores become {@code -inf} before the softmax; a row with every key masked
 * comes out as zeros (the row kernel's rule), and its gradient is zero.
 */
public final class Softmax implements Normaliser {
  private static final Tensor NEG_INF = Tensor.scalar(Float.NEGATIVE_INFINITY);

  /** The softmax normaliser (stateless). */
  public Softmax() {}

  @Override
  public Tensor weights(Tensor scores, Tensor allowed) {
    Shapes.allowed("Softmax", allowed, scores);
    Tensor masked = allowed == null ? scores : Tensor.where(allowed, scores, NEG_INF);
    return masked.softmax(-1);
  }

  @Override
  public String toString() {
    return "Softmax";
  }
}
