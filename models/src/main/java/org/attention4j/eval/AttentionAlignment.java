package org.attention4j.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Word alignments read off an attention matrix, the way attention-based translation models are
 * evaluated against gold alignments (Bahdanau et al. 2015, Fig. 3; Luong et al. 2015, §4.6 with
 * AER; Koehn and Knowles 2017, §3.5).
 *
 * <p>The matrix is {@code weights[j][i]}: one row per target position {@code j} (the decoder step,
 * the attention query) and one column per source position {@code i} (the attended key), as
 * attention weights {@code (Tq, Tk)} come out of a decoder. A row whose weights are all zero (a
 * padded step) gives no link.
 */
public final class AttentionAlignment {
  private AttentionAlignment() {}

  /**
   * For each target position, a link to the source position it attends to most (the first one on
   * ties).
   *
   * @throws IllegalArgumentException if rows differ in length or a weight is NaN
   */
  public static Alignment argmax(float[][] weights) {
    check(weights, "argmax");
    List<Link> links = new ArrayList<>();
    for (int j = 0; j < weights.length; j++) {
      int best = -1;
      for (int i = 0; i < weights[j].length; i++) {
        if (weights[j][i] != 0 && (best < 0 || weights[j][i] > weights[j][best])) best = i;
      }
      if (best >= 0) links.add(new Link(best, j));
    }
    return Alignment.of(links);
  }

  /**
   * A link wherever the weight is at least {@code threshold}; a target position may get several
   * links or none.
   *
   * @throws IllegalArgumentException if {@code threshold} is not positive, rows differ in length,
   *     or a weight is NaN
   */
  public static Alignment threshold(float[][] weights, double threshold) {
    if (!(threshold > 0)) {
      throw new IllegalArgumentException("AttentionAlignment.threshold: threshold must be > 0, got "
          + threshold);
    }
    check(weights, "threshold");
    List<Link> links = new ArrayList<>();
    for (int j = 0; j < weights.length; j++) {
      for (int i = 0; i < weights[j].length; i++) {
        if (weights[j][i] >= threshold) links.add(new Link(i, j));
      }
    }
    return Alignment.of(links);
  }

  /**
   * Subword links to word links: link {@code (i, j)} becomes {@code (sourceWord[i],
   * targetWord[j])}; a position mapped to -1 (a special token such as {@code </s>}) drops its
   * links. Sure links stay sure, possible links possible.
   *
   * @throws IllegalArgumentException if a link points past the end of a map
   */
  public static Alignment toWords(Alignment a, int[] sourceWord, int[] targetWord) {
    List<Link> sure = new ArrayList<>(), possible = new ArrayList<>();
    for (Link l : a.possible()) {
      if (l.source() >= sourceWord.length || l.target() >= targetWord.length) {
        throw new IllegalArgumentException("AttentionAlignment.toWords: link " + l + " is outside "
            + "the maps (" + sourceWord.length + " source, " + targetWord.length + " target positions)");
      }
      int s = sourceWord[l.source()], t = targetWord[l.target()];
      if (s < 0 || t < 0) continue;
      (a.sure().contains(l) ? sure : possible).add(new Link(s, t));
    }
    return new Alignment(new java.util.TreeSet<>(sure), new java.util.TreeSet<>(possible));
  }

  private static void check(float[][] w, String op) {
    for (int j = 0; j < w.length; j++) {
      if (w[j].length != w[0].length) {
        throw new IllegalArgumentException("AttentionAlignment." + op + ": row " + j + " has "
            + w[j].length + " weights, row 0 has " + w[0].length);
      }
      for (int i = 0; i < w[j].length; i++) {
        if (Float.isNaN(w[j][i])) {
          throw new IllegalArgumentException("AttentionAlignment." + op + ": weight [" + j + "]["
              + i + "] is NaN");
        }
      }
    }
  }
}
