package org.attention4j.attention;

import java.util.Objects;
import java.util.random.RandomGenerator;
import org.attention4j.nn.Linear;
import org.attention4j.nn.Module;
import org.attention4j.tensor.Tensor;

/**
 * Luong et al. (2015) "general" (bilinear) score, eq. (8): {@code score(h_t, h_s) = h_t^T W_a h_s}
 * with {@code W_a (dq, dk)}.
 *
 * <p>{@code W_a} is the weight of the child {@code wa}, a bias-free {@link Linear}{@code (dk, dq)}
 * (PyTorch: {@code nn.Linear(dk, dq, bias=False)}, state-dict key {@code wa.weight}), so that
 * {@code wa(h_s) = W_a h_s}.
 *
 * <p>Shapes: queries {@code (B, Tq, dq)}, keys {@code (B, Tk, dk)}, scores {@code (B, Tq, Tk)}.
 * {@link #scores(Tensor, Tensor)} computes {@code q (W_a k^T)} or {@code (q W_a) k^T}, whichever
 * takes fewer multiplications; {@link #projectKeys} always projects the keys, which a decoder
 * then reuses at every step.
 */
public final class GeneralScore extends Module implements Score {
  private final int queryDim;
  private final int keyDim;
  private final Linear wa;

  /**
   * @param queryDim {@code dq}
   * @param keyDim {@code dk}
   * @param rng draws the initial {@code W_a} (PyTorch's default Linear initialisation)
   * @throws IllegalArgumentException if a size is not positive
   */
  public GeneralScore(int queryDim, int keyDim, RandomGenerator rng) {
    if (queryDim <= 0 || keyDim <= 0) {
      throw new IllegalArgumentException("GeneralScore: dims must be positive, got dq " + queryDim + ", dk " + keyDim);
    }
    Objects.requireNonNull(rng, "GeneralScore: rng is null");
    this.queryDim = queryDim;
    this.keyDim = keyDim;
    this.wa = child("wa", new Linear(keyDim, queryDim, false, rng));
  }

  /** {@code W_a}, shape {@code (dq, dk)}. */
  public Tensor weight() {
    return wa.weight();
  }

  /**
   * @throws IllegalArgumentException if the shapes are not {@code (B, Tq, dq)} and {@code (B, Tk, dk)}
   */
  @Override
  public Tensor scores(Tensor queries, Tensor keys) {
    check(queries, keys);
    long b = queries.dim(0);
    long tq = queries.dim(1);
    long tk = keys.dim(1);
    long viaKeys = b * (tk * keyDim * queryDim + tq * tk * queryDim);
    long viaQueries = b * (tq * queryDim * keyDim + tq * tk * keyDim);
    if (viaKeys <= viaQueries) return scoresProjected(queries, wa.forward(keys));
    Tensor qw = queries.matmul(wa.weight()); // (B, Tq, dq) @ (dq, dk) -> (B, Tq, dk)
    return qw.matmul(keys.transpose(1, 2)); // (B, Tq, dk) @ (B, dk, Tk) -> (B, Tq, Tk)
  }

  /**
   * Projects the keys: {@code (B, Tk, dk) -> (B, Tk, dq)}.
   *
   * @throws IllegalArgumentException if the keys are not {@code (B, Tk, dk)}
   */
  @Override
  public ProjectedKeys projectKeys(Tensor keys) {
    Shapes.lastDim("GeneralScore", "keys", keys, keyDim);
    return new ProjectedKeys(this, keys, wa.forward(keys));
  }

  @Override
  public Tensor scores(Tensor queries, ProjectedKeys keys) {
    keys.checkOwner(this);
    check(queries, keys.keys());
    return scoresProjected(queries, keys.projected());
  }

  private static Tensor scoresProjected(Tensor queries, Tensor projectedKeys) {
    return queries.matmul(projectedKeys.transpose(1, 2)); // (B, Tq, dq) @ (B, dq, Tk) -> (B, Tq, Tk)
  }

  private void check(Tensor queries, Tensor keys) {
    Shapes.queriesKeys("GeneralScore", queries, keys, false);
    Shapes.lastDim("GeneralScore", "queries", queries, queryDim);
    Shapes.lastDim("GeneralScore", "keys", keys, keyDim);
  }

  @Override
  public String toString() {
    return "GeneralScore(dq=" + queryDim + ", dk=" + keyDim + ")";
  }
}
