package org.attention4j.attention;

import org.attention4j.tensor.Tensor;

/**
 * An alignment score function: how well each query matches each key, before normalisation.
 *
 * <p>Shapes: queries {@code (B, Tq, dq)}, keys {@code (B, Tk, dk)}, scores {@code (B, Tq, Tk)}.
 *
 * <p>Implementations: {@link DotScore} and {@link ScaledDotScore} (no parameters),
 * {@link GeneralScore}, {@link AdditiveScore}, {@link ConcatScore}, {@link LocationScore}
 * (modules with parameters) and {@link CosineScore} (content addressing with a sharpness).
 *
 * <p>Scores that transform the keys (additive, concat, general) let a decoder project them once
 * per sequence with {@link #projectKeys} and reuse them at every step with
 * {@link #scores(Tensor, ProjectedKeys)}.
 */
public interface Score {
  /**
   * The scores of every query against every key.
   *
   * @param queries {@code (B, Tq, dq)}
   * @param keys {@code (B, Tk, dk)}
   * @return {@code (B, Tq, Tk)}
   * @throws IllegalArgumentException if the shapes do not fit this score
   */
  Tensor scores(Tensor queries, Tensor keys);

  /**
   * Prepares the keys of one sequence for repeated scoring; the default does nothing.
   *
   * @param keys {@code (B, Tk, dk)}
   * @throws IllegalArgumentException if the keys do not fit this score
   */
  default ProjectedKeys projectKeys(Tensor keys) {
    return new ProjectedKeys(this, keys, keys);
  }

  /**
   * The scores against keys prepared by {@link #projectKeys} of this same score; equal to
   * {@code scores(queries, keys.keys())}.
   *
   * @throws IllegalArgumentException if the keys were prepared by another score, or the shapes
   *     do not fit
   */
  default Tensor scores(Tensor queries, ProjectedKeys keys) {
    keys.checkOwner(this);
    return scores(queries, keys.keys());
  }
}
