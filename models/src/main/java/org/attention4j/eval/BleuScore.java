package org.attention4j.eval;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A BLEU result with sacreBLEU's fields.
 *
 * @param score BLEU on a 0–100 scale
 * @param counts matched n-grams per order, {@code counts.get(n - 1)} for n-grams of length n
 *     (clipped by the reference counts)
 * @param totals hypothesis n-grams per order
 * @param precisions the (possibly smoothed) n-gram precisions, 0–100
 * @param bp the brevity penalty
 * @param ratio hypothesis length / reference length (0 when the reference length is 0)
 * @param hypLen hypothesis tokens
 * @param refLen reference tokens (with several references, the closest length per segment)
 */
public record BleuScore(double score, List<Long> counts, List<Long> totals,
    List<Double> precisions, double bp, double ratio, long hypLen, long refLen) {

  public BleuScore {
    counts = List.copyOf(counts);
    totals = List.copyOf(totals);
    precisions = List.copyOf(precisions);
  }

  /**
   * sacreBLEU's text form: {@code BLEU = 27.35 61.5/33.3/20.0/12.5 (BP = 1.000 ratio = 1.083
   * hyp_len = 13 ref_len = 12)}; numbers are rounded as Python's format does (half to even on the
   * exact binary value).
   */
  @Override
  public String toString() {
    String prec = precisions.stream().map(p -> PythonText.fixed(p, 1)).collect(Collectors.joining("/"));
    return "BLEU = " + PythonText.fixed(score, 2) + " " + prec + " (BP = " + PythonText.fixed(bp, 3)
        + " ratio = " + PythonText.fixed(ratio, 3) + " hyp_len = " + hypLen + " ref_len = " + refLen
        + ")";
  }
}
