package org.attention4j.attention;

import java.util.random.RandomGenerator;

/** The four score functions of Luong, Pham &amp; Manning (2015), eq. (8). */
public enum LuongScore {
  /** {@code h_t . h_s} ({@link DotScore}); needs {@code dq == dk}. */
  DOT,
  /** {@code h_t^T W_a h_s} ({@link GeneralScore}). */
  GENERAL,
  /** {@code v_a^T tanh(W_a [h_t; h_s])} ({@link ConcatScore}); {@code size} is {@code dAttn}. */
  CONCAT,
  /** {@code W_a h_t} ({@link LocationScore}); {@code size} is the maximum source length. */
  LOCATION;

  /**
   * A new score of this kind.
   *
   * @param queryDim {@code dq}
   * @param keyDim {@code dk}
   * @param size {@code dAttn} for {@link #CONCAT}, the maximum source length for
   *     {@link #LOCATION}; ignored for {@link #DOT} and {@link #GENERAL}
   * @param rng draws the initial parameters (unused by {@link #DOT})
   * @throws IllegalArgumentException if a size does not fit the kind
   */
  public Score create(int queryDim, int keyDim, int size, RandomGenerator rng) {
    return switch (this) {
      case DOT -> {
        if (queryDim != keyDim) {
          throw new IllegalArgumentException(
              "LuongScore.DOT: query dim " + queryDim + " differs from key dim " + keyDim + " (use GENERAL or CONCAT)");
        }
        yield new DotScore();
      }
      case GENERAL -> new GeneralScore(queryDim, keyDim, rng);
      case CONCAT -> new ConcatScore(queryDim, keyDim, size, rng);
      case LOCATION -> new LocationScore(queryDim, size, rng);
    };
  }
}
