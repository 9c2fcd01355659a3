package org.attention4j.attention;

import org.attention4j.tensor.Tensor;

/**
 * Everything one call of {@link Attention#attendDetailed} computed, for training signals and
 * plots. Shapes for queries {@code (B, Tq, dq)}, keys {@code (B, Tk, dk)}, values
 * {@code (B, Tk, dv)}:
 *
 * @param context {@code (B, Tq, dv)}
 * @param weights {@code (B, Tq, Tk)}, after the window's factor
 * @param scores the raw scores {@code (B, Tq, Tk)}
 * @param allowed the combined 0/1 mask (caller's mask and window), broadcastable to
 *     {@code (B, Tq, Tk)}, or {@code null} when nothing was masked
 * @param centres the window centres {@code p_t} {@code (B, Tq)}, or {@code null} for the global
 *     window
 * @param sample the draw, for stochastic hard attention; otherwise {@code null}
 */
public record AttentionDetails(Tensor context, Tensor weights, Tensor scores, Tensor allowed, Tensor centres, HardSample sample) {
  /** The context and weights as the common result type. */
  public AttentionResult result() {
    return new AttentionResult(context, weights);
  }
}
