package org.attention4j.attention;

import org.attention4j.tensor.Tensor;

/**
 * Content-addressing score of the Neural Turing Machine (Graves, Wayne &amp; Danihelka 2014,
 * eq. (5)-(6)): {@code beta * K[q, k]} with the cosine similarity
 * {@code K[u, v] = u . v / (||u|| ||v||)}. The key strength {@code beta >= 0} sharpens
 * ({@code beta > 1}) or flattens the distribution the softmax then makes of it.
 *
 * <p>Norms are made safe at zero as {@code sqrt(||u||^2 + eps^2)}, so a zero vector has cosine 0
 * with everything and finite gradients; for vectors much longer than {@code eps} this is the
 * plain cosine.
 *
 * <p>Shapes: queries {@code (B, Tq, d)}, keys {@code (B, Tk, d)}, scores {@code (B, Tq, Tk)};
 * a per-query strength is {@code (B, Tq)}.
 */
public final class CosineScore implements Score {
  /** The default {@code eps} of the norms. */
  public static final float DEFAULT_EPS = 1e-6f;

  private final float beta;
  private final float eps;

  /**
   * A score with a constant strength.
   *
   * @throws IllegalArgumentException if {@code beta} is negative or not finite, or {@code eps}
   *     is not positive
   */
  public CosineScore(float beta, float eps) {
    if (!(beta >= 0) || Float.isInfinite(beta)) {
      throw new IllegalArgumentException("CosineScore: beta must be finite and >= 0, got " + beta);
    }
    if (!(eps > 0) || Float.isInfinite(eps)) {
      throw new IllegalArgumentException("CosineScore: eps must be finite and > 0, got " + eps);
    }
    this.beta = beta;
    this.eps = eps;
  }

  /** A score with strength {@code beta} and the default {@code eps}. */
  public CosineScore(float beta) {
    this(beta, DEFAULT_EPS);
  }

  /**
   * {@code beta * cos(q, k)} with this score's constant strength.
   *
   * @throws IllegalArgumentException if the ranks, batch sizes or feature dims differ
   */
  @Override
  public Tensor scores(Tensor queries, Tensor keys) {
    return cosine(queries, keys, eps).mul(beta);
  }

  /**
   * {@code beta[b, i] * cos(q_bi, k_bj)} with a strength per query (as the NTM's controller emits
   * one per head and step); this score's constant strength is not used.
   *
   * @param beta {@code (B, Tq)}
   * @throws IllegalArgumentException if the shapes do not fit
   */
  public Tensor scores(Tensor queries, Tensor keys, Tensor beta) {
    Tensor cos = cosine(queries, keys, eps);
    if (beta.rank() != 2 || beta.dim(0) != queries.dim(0) || beta.dim(1) != queries.dim(1)) {
      throw new IllegalArgumentException(
          "CosineScore: beta " + beta.shape() + " must be (B, Tq) = [" + queries.dim(0) + ", " + queries.dim(1) + "]");
    }
    return cos.mul(beta.unsqueeze(2)); // (B, Tq, Tk) * (B, Tq, 1)
  }

  /**
   * The cosine similarity of every query with every key, {@code (B, Tq, d), (B, Tk, d) -> (B, Tq, Tk)},
   * with norms {@code sqrt(||x||^2 + eps^2)}.
   *
   * @throws IllegalArgumentException if the ranks, batch sizes or feature dims differ
   */
  public static Tensor cosine(Tensor queries, Tensor keys, float eps) {
    Shapes.queriesKeys("CosineScore", queries, keys, true);
    Tensor qn = queries.mul(queries.square().sum(2, true).add(eps * eps).rsqrt()); // (B, Tq, d) / (B, Tq, 1)
    Tensor kn = keys.mul(keys.square().sum(2, true).add(eps * eps).rsqrt()); // (B, Tk, d) / (B, Tk, 1)
    return qn.matmul(kn.transpose(1, 2)); // (B, Tq, d) @ (B, d, Tk) -> (B, Tq, Tk)
  }

  public float beta() {
    return beta;
  }

  @Override
  public String toString() {
    return "CosineScore(beta=" + beta + ")";
  }
}
