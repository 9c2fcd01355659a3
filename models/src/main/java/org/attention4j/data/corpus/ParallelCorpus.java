package org.attention4j.data.corpus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A sentence-aligned parallel corpus in three splits: what every importer in
 * {@code org.attention4j.data} produces and what the trainer reads. On disk it is a directory
 * ({@link ParallelCorpusFiles}).
 *
 * <p>Invariants, checked here: ids are unique across all three splits, and no training pair
 * equals (same source and target) a dev or test pair.
 *
 * @param info languages, origin, license, build command and stats
 * @param train training pairs, in corpus order
 * @param dev development (validation) pairs
 * @param test test pairs
 */
public record ParallelCorpus(CorpusInfo info, List<SentencePair> train, List<SentencePair> dev,
    List<SentencePair> test) {

  public ParallelCorpus {
    train = List.copyOf(train);
    dev = List.copyOf(dev);
    test = List.copyOf(test);
    Map<String, Split> ids = new HashMap<>();
    for (Split s : Split.values()) {
      for (SentencePair p : pairsOf(s, train, dev, test)) {
        Split before = ids.putIfAbsent(p.id(), s);
        if (before != null) {
          throw new IllegalArgumentException("ParallelCorpus: id '" + p.id() + "' appears twice"
              + (before == s ? " in " + s.label() : " (in " + before.label() + " and "
              + s.label() + ")"));
        }
      }
    }
    Map<String, String> heldOut = new HashMap<>();
    for (Split s : List.of(Split.DEV, Split.TEST)) {
      for (SentencePair p : pairsOf(s, train, dev, test)) {
        heldOut.putIfAbsent(key(p), s.label() + " pair " + p.id());
      }
    }
    for (SentencePair p : train) {
      String other = heldOut.get(key(p));
      if (other != null) {
        throw new IllegalArgumentException("ParallelCorpus: train pair " + p.id() + " equals "
            + other + " (a training pair must never equal a dev or test pair)");
      }
    }
  }

  private static List<SentencePair> pairsOf(Split s, List<SentencePair> train,
      List<SentencePair> dev, List<SentencePair> test) {
    return switch (s) {
      case TRAIN -> train;
      case DEV -> dev;
      case TEST -> test;
    };
  }

  static String key(SentencePair p) {
    return p.source() + '\t' + p.target();
  }

  /** The pairs of one split. */
  public List<SentencePair> split(Split split) {
    return pairsOf(split, train, dev, test);
  }

  /** All pairs: train, then dev, then test. */
  public List<SentencePair> all() {
    List<SentencePair> out = new ArrayList<>(size());
    out.addAll(train);
    out.addAll(dev);
    out.addAll(test);
    return out;
  }

  /** Pairs in all splits. */
  public int size() {
    return train.size() + dev.size() + test.size();
  }
}
