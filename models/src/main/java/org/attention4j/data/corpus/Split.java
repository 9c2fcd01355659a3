package org.attention4j.data.corpus;

import java.util.Locale;

/** The three splits of a {@link ParallelCorpus}, each stored as {@code <label>.tsv.gz}. */
public enum Split {
  TRAIN,
  DEV,
  TEST;

  /** The name in files and in {@code corpus.json}: {@code train}, {@code dev}, {@code test}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The split's file in a corpus directory: {@code train.tsv.gz}, ... */
  public String fileName() {
    return label() + ".tsv.gz";
  }

  /**
   * The split with the given label.
   *
   * @throws IllegalArgumentException if the label is not train, dev or test
   */
  public static Split fromLabel(String label) {
    for (Split s : values()) {
      if (s.label().equals(label)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "Split: unknown split '" + label + "' (expected train, dev or test)");
  }
}
