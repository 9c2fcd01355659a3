package org.attention4j.data.bible;

import java.util.List;

/**
 * A verse-aligned corpus: the pairs in canonical verse order, each labelled with its
 * split, and the header comment of the file it came from.
 *
 * @param header the file's comment lines without the leading {@code "# "}
 * @param pairs all pairs in canonical order
 */
public record BibleCorpus(List<String> header, List<VersePair> pairs) {

  public BibleCorpus {
    header = List.copyOf(header);
    pairs = List.copyOf(pairs);
  }

  /** The pairs of one split, in canonical order. */
  public List<VersePair> split(BibleSplit split) {
    return pairs.stream().filter(p -> p.split() == split).toList();
  }

  /** The training pairs. */
  public List<VersePair> train() {
    return split(BibleSplit.TRAIN);
  }

  /** The development (validation) pairs. */
  public List<VersePair> dev() {
    return split(BibleSplit.DEV);
  }

  /** The test pairs. */
  public List<VersePair> test() {
    return split(BibleSplit.TEST);
  }
}
