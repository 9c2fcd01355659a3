package org.attention4j.attention;

import org.attention4j.tensor.Tensor;

/**
 * What every attention call returns: the context vectors and, when they were asked for, the
 * attention weights that produced them. Nothing is stashed inside the layer for later digging.
 *
 * @param context the attended values: {@code (B, Tq, Dv)} or {@code (B, H, Tq, Dv)}
 * @param weights the attention distribution over keys: {@code (B, Tq, Tk)} for single-head or
 *     averaged weights, {@code (B, H, Tq, Tk)} per head; {@code null} when not requested
 */
public record AttentionResult(Tensor context, Tensor weights) {
  /**
   * The attention weights.
   *
   * @throws IllegalStateException if they were not requested
   */
  @Override
  public Tensor weights() {
    if (weights == null) {
      throw new IllegalStateException(
          "attention weights were not requested; pass Weights.PER_HEAD or Weights.AVERAGED to get them");
    }
    return weights;
  }

  /** Whether weights were requested and returned. */
  public boolean hasWeights() {
    return weights != null;
  }
}
