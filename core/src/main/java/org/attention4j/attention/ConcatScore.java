package org.attention4j.attention;

import java.util.Objects;
import java.util.random.RandomGenerator;
import org.attention4j.nn.Linear;
import org.attention4j.nn.Module;
import org.attention4j.tensor.Tensor;

/**
 * Luong et al. (2015) "concat" score, eq. (8): {@code score(h_t, h_s) = v_a^T tanh(W_a [h_t; h_s])}.
 *
 * <p>{@code W_a (dAttn, dq + dk)} is the weight of the bias-free {@link Linear}{@code (dq + dk, dAttn)}
 * child {@code wa} and {@code v_a} that of the bias-free {@link Linear}{@code (dAttn, 1)} child
 * {@code va}, as a PyTorch model that concatenates would hold them. The concatenation is never
 * built: {@code W_a [h_t; h_s] = W_q h_t + W_k h_s} with {@code W_q = W_a[:, :dq]} and
 * {@code W_k = W_a[:, dq:]} (views of the one parameter), so the {@code Tq x Tk} pairs cost one
 * recorded op and no {@code (B, Tq, Tk, dq + dk)} tensor.
 *
 * <p>Shapes: queries {@code (B, Tq, dq)}, keys {@code (B, Tk, dk)}, scores {@code (B, Tq, Tk)}.
 * {@link #projectKeys} computes {@code W_k h_s} once per sequence for reuse by a decoder.
 */
public final class ConcatScore extends Module implements Score {
  private final int queryDim;
  private final int keyDim;
  private final int attnDim;
  private final Linear wa;
  private final Linear va;

  /**
   * @param queryDim {@code dq}, the target state size
   * @param keyDim {@code dk}, the source state size
   * @param attnDim {@code dAttn}, the rows of {@code W_a}
   * @param rng draws the initial parameters (PyTorch's default Linear initialisation)
   * @throws IllegalArgumentException if a size is not positive
   */
  public ConcatScore(int queryDim, int keyDim, int attnDim, RandomGenerator rng) {
    if (queryDim <= 0 || keyDim <= 0 || attnDim <= 0) {
      throw new IllegalArgumentException(
          "ConcatScore: dims must be positive, got dq " + queryDim + ", dk " + keyDim + ", dAttn " + attnDim);
    }
    Objects.requireNonNull(rng, "ConcatScore: rng is null");
    this.queryDim = queryDim;
    this.keyDim = keyDim;
    this.attnDim = attnDim;
    this.wa = child("wa", new Linear(queryDim + keyDim, attnDim, false, rng));
    this.va = child("va", new Linear(attnDim, 1, false, rng));
  }

  /**
   * @throws IllegalArgumentException if the shapes are not {@code (B, Tq, dq)} and {@code (B, Tk, dk)}
   */
  @Override
  public Tensor scores(Tensor queries, Tensor keys) {
    return scores(queries, projectKeys(keys));
  }

  /**
   * {@code W_k h_s} for every key: {@code (B, Tk, dk) -> (B, Tk, dAttn)}.
   *
   * @throws IllegalArgumentException if the keys are not {@code (B, Tk, dk)}
   */
  @Override
  public ProjectedKeys projectKeys(Tensor keys) {
    Shapes.lastDim("ConcatScore", "keys", keys, keyDim);
    Tensor wk = wa.weight().narrow(1, queryDim, keyDim); // (dAttn, dq + dk) -> (dAttn, dk)
    return new ProjectedKeys(this, keys, keys.matmul(wk.transpose(0, 1))); // (B, Tk, dk) @ (dk, dAttn)
  }

  @Override
  public Tensor scores(Tensor queries, ProjectedKeys keys) {
    keys.checkOwner(this);
    Shapes.queriesKeys("ConcatScore", queries, keys.keys(), false);
    Shapes.lastDim("ConcatScore", "queries", queries, queryDim);
    Tensor wq = wa.weight().narrow(1, 0, queryDim); // (dAttn, dq + dk) -> (dAttn, dq)
    Tensor qp = queries.matmul(wq.transpose(0, 1)); // (B, Tq, dq) @ (dq, dAttn) -> (B, Tq, dAttn)
    Tensor v = va.weight().reshape(attnDim); // (1, dAttn) -> (dAttn)
    return AdditiveScoreOp.apply("ConcatScore", qp, keys.projected(), v);
  }

  @Override
  public String toString() {
    return "ConcatScore(dq=" + queryDim + ", dk=" + keyDim + ", dAttn=" + attnDim + ")";
  }
}
