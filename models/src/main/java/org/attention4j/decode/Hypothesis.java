package org.attention4j.decode;

/**
 * One decoded target sentence.
 *
 * <p>Arrays are shared, not copied: treat them as read-only. (Records compare arrays by identity;
 * compare {@code tokens()} with {@link java.util.Arrays#equals(int[], int[])}.)
 *
 * @param tokens the generated ids, without BOS and without the final EOS
 * @param finished whether the hypothesis ended with EOS (false: cut at the maximum length)
 * @param logProb {@code log P(Y | X)}: the sum of the step log-probabilities of every generated
 *     token, EOS included
 * @param score the ranking score: for beam search {@code logProb / lp(|Y|) + cp(X; Y)} (see {@link
 *     Penalties}), for greedy decoding {@code logProb}
 * @param attention one row per generated token (EOS included), each the model's attention over
 *     the source's real positions at that step, for alignment display; {@code null} when the model
 *     returns no attention
 */
public record Hypothesis(int[] tokens, boolean finished, double logProb, double score, float[][] attention) {
  /** Number of generated tokens, {@code |Y|}: the tokens plus the EOS when finished. */
  public int length() {
    return tokens.length + (finished ? 1 : 0);
  }
}
