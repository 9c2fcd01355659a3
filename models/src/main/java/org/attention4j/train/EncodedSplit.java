package org.attention4j.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.attention4j.data.corpus.SentencePair;
import org.attention4j.text.Tokenizer;

/**
 * One split of a corpus as ids, after the {@link LengthPolicy}.
 *
 * @param pairs the pairs kept, in corpus order
 * @param input pairs given
 * @param tooLong left out by the length filter
 * @param empty left out because a side encodes to no tokens
 * @param truncated kept but cut to the model's limit
 */
public record EncodedSplit(List<EncodedPair> pairs, int input, int tooLong, int empty, int truncated) {
  public EncodedSplit {
    pairs = List.copyOf(pairs);
  }

  /**
   * Encodes {@code pairs} and applies {@code policy}.
   *
   * @param where the corpus, for messages ({@code "corpus data/bible"})
   * @throws IllegalArgumentException if a pair exceeds the model's limit and the policy does not
   *     truncate: {@code corpus DIR: pair Gen.1.1 has 300 source tokens, more than the 256 of
   *     transformer maxLength 256 (filter with a lower max length, or truncate)}
   */
  public static EncodedSplit encode(String where, List<SentencePair> pairs, Tokenizer source, Tokenizer target,
      LengthPolicy policy) {
    List<EncodedPair> kept = new ArrayList<>(pairs.size());
    int tooLong = 0;
    int empty = 0;
    int truncated = 0;
    int max = policy.maxTokens();
    for (SentencePair p : pairs) {
      int[] s = source.encode(p.source());
      int[] t = target.encode(p.target());
      if (s.length == 0 || t.length == 0) {
        empty++;
        continue;
      }
      if (max > 0 && (s.length > max || t.length > max)) {
        tooLong++;
        continue;
      }
      int limitS = policy.limits().maxSource();
      int limitT = policy.limits().maxTarget();
      if (s.length > limitS || t.length > limitT) {
        if (!policy.truncate()) {
          boolean src = s.length > limitS;
          throw new IllegalArgumentException(where + ": pair " + p.id() + " has " + (src ? s.length : t.length) + " "
              + (src ? "source" : "target") + " tokens, more than the " + (src ? limitS : limitT) + " of "
              + policy.limits().reason() + " (filter with a lower max length, or truncate)");
        }
        s = Arrays.copyOf(s, Math.min(s.length, limitS));
        t = Arrays.copyOf(t, Math.min(t.length, limitT));
        truncated++;
      }
      kept.add(new EncodedPair(p, s, t));
    }
    return new EncodedSplit(kept, pairs.size(), tooLong, empty, truncated);
  }

  /** Pairs kept. */
  public int size() {
    return pairs.size();
  }

  /** The reference translations (the target texts), in pair order. */
  public List<String> references() {
    return pairs.stream().map(p -> p.pair().target()).toList();
  }

  /** Real source plus target tokens (EOS counted once per target). */
  public long tokens() {
    long n = 0;
    for (EncodedPair p : pairs) n += p.source().length + p.target().length + 1;
    return n;
  }

  /**
   * A fingerprint of the pairs' ids and token ids: equal data give equal values. The trainer
   * stores it in its checkpoints and refuses to resume on other data.
   */
  public long fingerprint() {
    long h = 0x9E3779B97F4A7C15L ^ pairs.size();
    for (EncodedPair p : pairs) {
      h = h * 31 + p.pair().id().hashCode();
      h = h * 31 + Arrays.hashCode(p.source());
      h = h * 31 + Arrays.hashCode(p.target());
    }
    return h;
  }

  /** One line: {@code 1234 pairs (12 longer than the filter, 0 empty, 0 truncated)}. */
  public String summary() {
    return size() + " pairs (" + tooLong + " longer than the filter, " + empty + " empty, " + truncated + " truncated)";
  }
}
