package org.attention4j.attention;

import org.attention4j.tensor.Tensor;

/**
 * Luong et al. (2015) "dot" score, eq. (8): {@code score(h_t, h_s) = h_t . h_s}.
 *
 * <p>Shapes: queries {@code (B, Tq, d)}, keys {@code (B, Tk, d)}, scores {@code (B, Tq, Tk)}.
 */
public final class DotScore implements Score {
  /** The dot score (stateless). */
  public DotScore() {}

  /**
   * @throws IllegalArgumentException if the ranks, batch sizes or feature dims differ
   */
  @Override
  public Tensor scores(Tensor queries, Tensor keys) {
    Shapes.queriesKeys("DotScore", queries, keys, true);
    return queries.matmul(keys.transpose(1, 2)); // (B, Tq, d) @ (B, d, Tk) -> (B, Tq, Tk)
  }

  @Override
  public String toString() {
    return "DotScore";
  }
}
