package org.attention4j.train;

import org.attention4j.data.corpus.SentencePair;

/**
 * A sentence pair as token ids.
 *
 * <p>Arrays are shared, not copied: treat them as read-only.
 *
 * @param pair the text pair (its target is the reference for BLEU)
 * @param source the source ids, without BOS/EOS, at least one
 * @param target the target ids {@code y}, without BOS/EOS (the trainer feeds {@code BOS + y} and
 *     predicts {@code y + EOS})
 */
public record EncodedPair(SentencePair pair, int[] source, int[] target) {
  public EncodedPair {
    if (source.length == 0) {
      throw new IllegalArgumentException("EncodedPair: pair " + pair.id() + " has an empty source");
    }
  }
}
