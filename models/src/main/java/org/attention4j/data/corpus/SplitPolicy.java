package org.attention4j.data.corpus;

/**
 * Decides the split of a (cleaned) pair. Implementations must be deterministic: the same pair
 * always gets the same split.
 */
@FunctionalInterface
public interface SplitPolicy {

  /** The split of {@code pair}. */
  Split of(SentencePair pair);
}
