package org.attention4j.attention;

import java.util.Objects;
import java.util.random.RandomGenerator;
import org.attention4j.nn.Linear;
import org.attention4j.nn.Module;
import org.attention4j.tensor.Tensor;

/**
 * Luong et al. (2015) "location" score, eq. (8): {@code a_t = softmax(W_a h_t)}; the scores
 * depend only on the query (the target state), not on the keys' content.
 *
 * <p>{@code W_a (maxSourceLength, dq)} is the weight of the bias-free
 * {@link Linear}{@code (dq, maxSourceLength)} child {@code wa}. The scores are the first
 * {@code Tk} entries of {@code W_a h_t}; the normaliser then runs over those {@code Tk} (the
 * softmax over a prefix, as implementations of the paper do for shorter sentences).
 *
 * <p>Shapes: queries {@code (B, Tq, dq)}, keys {@code (B, Tk, any)} (only {@code B} and
 * {@code Tk} are read), scores {@code (B, Tq, Tk)}.
 */
public final class LocationScore extends Module implements Score {
  private final int queryDim;
  private final int maxSourceLength;
  private final Linear wa;

  /**
   * @param queryDim {@code dq}
   * @param maxSourceLength the largest number of keys this score can rank
   * @param rng draws the initial {@code W_a} (PyTorch's default Linear initialisation)
   * @throws IllegalArgumentException if a size is not positive
   */
  public LocationScore(int queryDim, int maxSourceLength, RandomGenerator rng) {
    if (queryDim <= 0 || maxSourceLength <= 0) {
      throw new IllegalArgumentException(
          "LocationScore: dq and maxSourceLength must be positive, got " + queryDim + " and " + maxSourceLength);
    }
    Objects.requireNonNull(rng, "LocationScore: rng is null");
    this.queryDim = queryDim;
    this.maxSourceLength = maxSourceLength;
    this.wa = child("wa", new Linear(queryDim, maxSourceLength, false, rng));
  }

  /**
   * @throws IllegalArgumentException if the queries are not {@code (B, Tq, dq)}, the batch sizes
   *     differ, or there are more keys than {@code maxSourceLength}
   */
  @Override
  public Tensor scores(Tensor queries, Tensor keys) {
    Shapes.queriesKeys("LocationScore", queries, keys, false);
    Shapes.lastDim("LocationScore", "queries", queries, queryDim);
    int tk = keys.dim(1);
    if (tk > maxSourceLength) {
      throw new IllegalArgumentException(
          "LocationScore: " + tk + " keys exceed maxSourceLength " + maxSourceLength + " (keys " + keys.shape() + ")");
    }
    return wa.forward(queries).narrow(2, 0, tk); // (B, Tq, dq) -> (B, Tq, maxSourceLength) -> (B, Tq, Tk)
  }

  public int maxSourceLength() {
    return maxSourceLength;
  }

  @Override
  public String toString() {
    return "LocationScore(dq=" + queryDim + ", maxSourceLength=" + maxSourceLength + ")";
  }
}
