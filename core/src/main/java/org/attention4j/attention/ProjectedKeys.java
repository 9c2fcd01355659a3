package org.attention4j.attention;

import org.attention4j.tensor.Tensor;

/**
 * Keys prepared once per source sequence by {@link Score#projectKeys}, for scores that transform
 * the keys before comparing them with the queries ({@link AdditiveScore}, {@link ConcatScore},
 * {@link GeneralScore}). An RNN decoder calls its attention once per step with new queries but
 * the same keys; projecting them once saves {@code Tk x dk x dAttn} work per step.
 *
 * @param score the score that projected the keys (only it may use them)
 * @param keys the raw keys {@code (B, Tk, dk)}
 * @param projected the projected keys (the raw keys for scores that need no projection)
 */
public record ProjectedKeys(Score score, Tensor keys, Tensor projected) {
  /** Number of keys {@code Tk}. */
  public int length() {
    return keys.dim(1);
  }

  /** Batch size {@code B}. */
  public int batch() {
    return keys.dim(0);
  }

  /**
   * Checks that {@code user} is the score these keys were projected by.
   *
   * @throws IllegalArgumentException otherwise
   */
  void checkOwner(Score user) {
    if (score != user) {
      throw new IllegalArgumentException(
          user.getClass().getSimpleName() + ": keys were projected by another score ("
              + score.getClass().getSimpleName() + "); call projectKeys on this score");
    }
  }
}
