package org.attention4j.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * BLEU per source-length bucket, the analysis of Bahdanau et al. (2015, Fig. 2) and Luong et al.
 * (2015, Fig. 6): how translation quality falls (or not) with longer sentences.
 *
 * <p>Buckets are half-open ranges of source length in tokens, {@code [lo, hi)}, given by their
 * upper bounds; the last bucket is open-ended. The default bounds 10, 20, ..., 60 give buckets
 * {@code 0-10, 10-20, ..., 50-60, 60+}: a 10-token sentence falls in {@code 10-20}.
 *
 * <pre>{@code
 * List<BucketedBleu.Bucket> rows = BucketedBleu.compute(srcLengths, hyps, refs,
 *     BucketedBleu.DEFAULT_BOUNDS, Bleu.Options.CORPUS);
 * rows.get(0).label();  // "0-10"
 * }</pre>
 */
public final class BucketedBleu {
  private BucketedBleu() {}

  /** Upper bounds of the default buckets: 0-10, 10-20, 20-30, 30-40, 40-50, 50-60, 60+. */
  public static final List<Integer> DEFAULT_BOUNDS = List.of(10, 20, 30, 40, 50, 60);

  /**
   * One bucket.
   *
   * @param label {@code "lo-hi"}, or {@code "lo+"} for the open last bucket
   * @param lo the shortest source length in the bucket
   * @param hi one past the longest source length ({@link Integer#MAX_VALUE} for the last bucket)
   * @param sentences how many sentences fall in it
   * @param bleu corpus BLEU of those sentences; empty when there are none
   */
  public record Bucket(String label, int lo, int hi, int sentences, Optional<BleuScore> bleu) {}

  /**
   * BLEU per bucket, in bucket order; empty buckets are listed with no score.
   *
   * @param sourceLengths the source length of each sentence, in tokens
   * @param bounds the buckets' upper bounds, strictly increasing and positive
   * @throws IllegalArgumentException if the lists differ in length, a length is negative, or the
   *     bounds are not strictly increasing positive numbers
   */
  public static List<Bucket> compute(List<Integer> sourceLengths, List<String> hypotheses,
      List<String> references, List<Integer> bounds, Bleu.Options options) {
    if (sourceLengths.size() != hypotheses.size() || references.size() != hypotheses.size()) {
      throw new IllegalArgumentException("BucketedBleu.compute: " + sourceLengths.size()
          + " source lengths, " + hypotheses.size() + " hypotheses and " + references.size()
          + " references; they must be equally many");
    }
    for (int i = 0; i < bounds.size(); i++) {
      if (bounds.get(i) <= (i == 0 ? 0 : bounds.get(i - 1))) {
        throw new IllegalArgumentException("BucketedBleu.compute: bounds must be strictly increasing"
            + " positive numbers, got " + bounds);
      }
    }
    int buckets = bounds.size() + 1;
    List<List<Integer>> members = new ArrayList<>();
    for (int b = 0; b < buckets; b++) members.add(new ArrayList<>());
    for (int i = 0; i < sourceLengths.size(); i++) {
      int len = sourceLengths.get(i);
      if (len < 0) {
        throw new IllegalArgumentException("BucketedBleu.compute: source length " + i + " is "
            + len + ", must be >= 0");
      }
      int b = 0;
      while (b < bounds.size() && len >= bounds.get(b)) b++;
      members.get(b).add(i);
    }
    List<Bucket> out = new ArrayList<>();
    for (int b = 0; b < buckets; b++) {
      int lo = b == 0 ? 0 : bounds.get(b - 1);
      int hi = b < bounds.size() ? bounds.get(b) : Integer.MAX_VALUE;
      String label = hi == Integer.MAX_VALUE ? lo + "+" : lo + "-" + hi;
      List<Integer> idx = members.get(b);
      Optional<BleuScore> bleu = Optional.empty();
      if (!idx.isEmpty()) {
        bleu = Optional.of(Bleu.corpus(idx.stream().map(hypotheses::get).toList(),
            idx.stream().map(references::get).toList(), options));
      }
      out.add(new Bucket(label, lo, hi, idx.size(), bleu));
    }
    return out;
  }

  /** {@link #compute} with {@link #DEFAULT_BOUNDS} and sacreBLEU's corpus defaults. */
  public static List<Bucket> compute(List<Integer> sourceLengths, List<String> hypotheses,
      List<String> references) {
    return compute(sourceLengths, hypotheses, references, DEFAULT_BOUNDS, Bleu.Options.CORPUS);
  }
}
