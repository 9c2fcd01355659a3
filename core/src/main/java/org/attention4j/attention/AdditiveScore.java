package org.attention4j.attention;

import java.util.Objects;
import java.util.random.RandomGenerator;
import org.attention4j.nn.Linear;
import org.attention4j.nn.Module;
import org.attention4j.tensor.Tensor;

/**
 * Additive score of Bahdanau, Cho &amp; Bengio (2015), eq. (6) and appendix A.1.2:
 * {@code e_ij = v_a^T tanh(W_a s_{i-1} + U_a h_j [+ b])}, where the queries are the decoder
 * states {@code s_{i-1}} and the keys the annotations {@code h_j}.
 *
 * <p>Parameters (PyTorch layout, state-dict keys in brackets): {@code W_a} is the bias-free
 * {@link Linear}{@code (dq, dAttn)} child {@code wq} [{@code wq.weight}], {@code U_a} the
 * {@link Linear}{@code (dk, dAttn)} child {@code wk} [{@code wk.weight}, and {@code wk.bias}
 * when a bias is asked for], {@code v_a} the bias-free {@link Linear}{@code (dAttn, 1)} child
 * {@code v} [{@code v.weight}].
 *
 * <p>The paper notes that {@code U_a h_j} does not depend on the decoder step and can be
 * precomputed: {@link #projectKeys} does that once per sequence, and
 * {@link #scores(Tensor, ProjectedKeys)} reuses it at every step. The tanh over all
 * {@code (i, j)} pairs is one recorded op that never materialises the {@code (B, Tq, Tk, dAttn)}
 * tensor.
 *
 * <p>Shapes: queries {@code (B, Tq, dq)}, keys {@code (B, Tk, dk)}, scores {@code (B, Tq, Tk)}.
 */
public final class AdditiveScore extends Module implements Score {
  private final int queryDim;
  private final int keyDim;
  private final int attnDim;
  private final Linear wq;
  private final Linear wk;
  private final Linear v;

  /**
   * @param queryDim {@code dq}, the decoder state size
   * @param keyDim {@code dk}, the annotation size
   * @param attnDim {@code dAttn}, the size of the hidden layer of the alignment model
   * @param bias whether {@code U_a} has a bias (the paper has none)
   * @param rng draws the initial parameters (PyTorch's default Linear initialisation)
   * @throws IllegalArgumentException if a size is not positive
   */
  public AdditiveScore(int queryDim, int keyDim, int attnDim, boolean bias, RandomGenerator rng) {
    if (queryDim <= 0 || keyDim <= 0 || attnDim <= 0) {
      throw new IllegalArgumentException(
          "AdditiveScore: dims must be positive, got dq " + queryDim + ", dk " + keyDim + ", dAttn " + attnDim);
    }
    Objects.requireNonNull(rng, "AdditiveScore: rng is null");
    this.queryDim = queryDim;
    this.keyDim = keyDim;
    this.attnDim = attnDim;
    this.wq = child("wq", new Linear(queryDim, attnDim, false, rng));
    this.wk = child("wk", new Linear(keyDim, attnDim, bias, rng));
    this.v = child("v", new Linear(attnDim, 1, false, rng));
  }

  /**
   * @throws IllegalArgumentException if the shapes are not {@code (B, Tq, dq)} and {@code (B, Tk, dk)}
   */
  @Override
  public Tensor scores(Tensor queries, Tensor keys) {
    return scores(queries, projectKeys(keys));
  }

  /**
   * {@code U_a h_j (+ b)} for every key: {@code (B, Tk, dk) -> (B, Tk, dAttn)}.
   *
   * @throws IllegalArgumentException if the keys are not {@code (B, Tk, dk)}
   */
  @Override
  public ProjectedKeys projectKeys(Tensor keys) {
    Shapes.lastDim("AdditiveScore", "keys", keys, keyDim);
    return new ProjectedKeys(this, keys, wk.forward(keys));
  }

  @Override
  public Tensor scores(Tensor queries, ProjectedKeys keys) {
    keys.checkOwner(this);
    Shapes.queriesKeys("AdditiveScore", queries, keys.keys(), false);
    Shapes.lastDim("AdditiveScore", "queries", queries, queryDim);
    Tensor qp = wq.forward(queries); // (B, Tq, dq) -> (B, Tq, dAttn)
    Tensor va = v.weight().reshape(attnDim); // (1, dAttn) -> (dAttn)
    return AdditiveScoreOp.apply("AdditiveScore", qp, keys.projected(), va);
  }

  @Override
  public String toString() {
    return "AdditiveScore(dq=" + queryDim + ", dk=" + keyDim + ", dAttn=" + attnDim + ")";
  }
}
