package org.attention4j.attention;

import org.attention4j.tensor.Tensor;

/**
 * Scaled dot-product score (Vaswani et al. 2017, eq. (1)): {@code q . k / sqrt(d)}, which keeps
 * the scores' variance near 1 for unit-variance inputs whatever {@code d} is.
 *
 * <p>Shapes: queries {@code (B, Tq, d)}, keys {@code (B, Tk, d)}, scores {@code (B, Tq, Tk)}.
 */
public final class ScaledDotScore implements Score {
  /** The scaled dot score (stateless). */
  public ScaledDotScore() {}

  /**
   * @throws IllegalArgumentException if the ranks, batch sizes or feature dims differ
   */
  @Override
  public Tensor scores(Tensor queries, Tensor keys) {
    Shapes.queriesKeys("ScaledDotScore", queries, keys, true);
    float scale = (float) (1.0 / Math.sqrt(queries.dim(2)));
    return queries.matmul(keys.transpose(1, 2)).mul(scale); // (B, Tq, d) @ (B, d, Tk) -> (B, Tq, Tk)
  }

  @Override
  public String toString() {
    return "ScaledDotScore";
  }
}
