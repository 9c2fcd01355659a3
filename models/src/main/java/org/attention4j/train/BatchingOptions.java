package org.attention4j.train;

/**
 * How pairs are grouped into batches (see {@link Batcher}).
 *
 * @param maxTokens budget of a batch in padded positions, {@code rows * max(S, T)} with {@code S}
 *     the longest source and {@code T} the longest target input ({@code BOS + y}) of the batch;
 *     0 for no budget. Default 4096
 * @param maxSentences most rows of a batch; 0 for no limit. Default 128
 * @param poolSize pairs sorted by length together: each epoch shuffles all pairs, sorts each
 *     pool of this many by length, cuts batches, and shuffles the batches. Larger pools pad
 *     less, smaller ones mix lengths more. Default 4096
 */
public record BatchingOptions(int maxTokens, int maxSentences, int poolSize) {
  /** 4096 tokens, 128 sentences, pools of 4096 pairs. */
  public static final BatchingOptions DEFAULTS = new BatchingOptions(4096, 128, 4096);

  public BatchingOptions {
    if (maxTokens < 0 || maxSentences < 0) {
      throw new IllegalArgumentException("BatchingOptions: maxTokens and maxSentences must be >= 0, got " + maxTokens
          + " and " + maxSentences);
    }
    if (maxTokens == 0 && maxSentences == 0) {
      throw new IllegalArgumentException("BatchingOptions: give a token budget (maxTokens) or a sentence limit"
          + " (maxSentences), or both");
    }
    if (poolSize < 1) throw new IllegalArgumentException("BatchingOptions: poolSize must be >= 1, got " + poolSize);
  }

  /** These options with a sentence limit and no token budget. */
  public static BatchingOptions sentences(int maxSentences) {
    return new BatchingOptions(0, maxSentences, DEFAULTS.poolSize);
  }
}
