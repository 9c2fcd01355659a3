package org.attention4j.train;

import org.attention4j.models.registry.ModelLimits;

/**
 * Which encoded pairs take part, by length in tokens (BOS and EOS not counted).
 *
 * <p>Two rules, in this order: the <b>filter</b> leaves out pairs with more than {@code
 * maxTokens} tokens on either side (counted; the usual way to bound memory and time); then the
 * <b>model's limit</b> ({@link ModelLimits}, e.g. a Transformer's position table): a pair that
 * still exceeds it is an error naming the pair and its length, or, with {@code truncate}, is cut
 * to the limit (counted).
 *
 * @param maxTokens the filter; 0 for none
 * @param limits the model's limits
 * @param truncate cut pairs over the model's limit instead of failing
 */
public record LengthPolicy(int maxTokens, ModelLimits limits, boolean truncate) {
  public LengthPolicy {
    if (maxTokens < 0) throw new IllegalArgumentException("LengthPolicy: maxTokens must be >= 0, got " + maxTokens);
    if (limits == null) limits = ModelLimits.NONE;
  }

  /** A filter at {@code maxTokens}, no model limit. */
  public static LengthPolicy maxTokens(int maxTokens) {
    return new LengthPolicy(maxTokens, ModelLimits.NONE, false);
  }
}
