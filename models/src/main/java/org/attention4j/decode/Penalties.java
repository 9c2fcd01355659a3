package org.attention4j.decode;

/**
 * The GNMT scoring of finished hypotheses (Wu et al. 2016, sec. 7, eq. 14):
 *
 * <pre>
 * s(Y, X)  = log P(Y | X) / lp(Y) + cp(X; Y)
 * lp(Y)    = (5 + |Y|)^alpha / (5 + 1)^alpha
 * cp(X; Y) = beta * sum_i log(min(sum_j p_ij, 1.0))
 * </pre>
 *
 * where {@code |Y|} counts the generated tokens (EOS included), {@code p_ij} is the attention of
 * target step {@code j} on source position {@code i}, and {@code i} runs over the source's real
 * (unpadded) positions. {@code alpha = 0} and {@code beta = 0} give plain log-probability.
 * A source position that received no attention at all has {@code log(0) = -infinity}: with
 * {@code beta > 0} such a hypothesis scores {@code -infinity}, as the formula says.
 */
public final class Penalties {
  private Penalties() {}

  /**
   * {@code lp(Y) = ((5 + length) / 6)^alpha}.
   *
   * @throws IllegalArgumentException if {@code length < 0} or {@code alpha} is negative or not finite
   */
  public static double lengthPenalty(int length, double alpha) {
    if (length < 0) throw new IllegalArgumentException("lengthPenalty: length must be >= 0, got " + length);
    checkWeight("lengthPenalty: alpha", alpha);
    return alpha == 0 ? 1.0 : Math.pow((5.0 + length) / 6.0, alpha);
  }

  /**
   * {@code cp = beta * sum_i log(min(coverage[i], 1))}; 0 when {@code beta = 0}, whatever the
   * coverage.
   *
   * @param coverage {@code sum_j p_ij} for each real source position {@code i}
   * @throws IllegalArgumentException if {@code beta} is negative or not finite
   */
  public static double coveragePenalty(double[] coverage, double beta) {
    checkWeight("coveragePenalty: beta", beta);
    if (beta == 0) return 0;
    double s = 0;
    for (double c : coverage) s += Math.log(Math.min(c, 1.0));
    return beta * s;
  }

  /**
   * {@code s(Y, X) = logProb / lp(length) + cp(coverage)}.
   *
   * @param coverage may be null when {@code beta = 0}
   */
  public static double score(double logProb, int length, double[] coverage, double alpha, double beta) {
    return logProb / lengthPenalty(length, alpha) + (beta == 0 ? 0 : coveragePenalty(coverage, beta));
  }

  static void checkWeight(String what, double w) {
    if (!(w >= 0) || Double.isInfinite(w)) throw new IllegalArgumentException(what + " must be finite and >= 0, got " + w);
  }
}
