package org.attention4j.eval;

import java.util.List;

/**
 * Alignment error rate (Och and Ney 2003, "A Systematic Comparison of Various Statistical
 * Alignment Models", §5): for predicted links A, sure gold links S and possible gold links P
 * (S ⊆ P),
 *
 * <pre>
 *   precision = |A ∩ P| / |A|,   recall = |A ∩ S| / |S|,
 *   AER = 1 − (|A ∩ S| + |A ∩ P|) / (|A| + |S|)
 * </pre>
 *
 * Over a corpus the counts are summed first. A is every link of the predicted alignment. A ratio
 * with nothing to count (no predicted links, no sure links) is 1 for precision and recall, and
 * AER is 0 when A and S are both empty.
 */
public final class Aer {
  private Aer() {}

  /**
   * The result with its counts.
   *
   * @param aer alignment error rate, 0 (perfect) to 1
   * @param precision |A ∩ P| / |A|
   * @param recall |A ∩ S| / |S|
   * @param predicted |A|
   * @param sure |S|
   * @param predictedSure |A ∩ S|
   * @param predictedPossible |A ∩ P|
   */
  public record Result(double aer, double precision, double recall, long predicted, long sure,
      long predictedSure, long predictedPossible) {}

  /** AER of one sentence. */
  public static Result sentence(Alignment predicted, Alignment gold) {
    return corpus(List.of(predicted), List.of(gold));
  }

  /**
   * Corpus AER from summed counts.
   *
   * @throws IllegalArgumentException if the lists differ in length
   */
  public static Result corpus(List<Alignment> predicted, List<Alignment> gold) {
    if (predicted.size() != gold.size()) {
      throw new IllegalArgumentException("Aer.corpus: " + predicted.size() + " predicted but "
          + gold.size() + " gold alignments");
    }
    long a = 0, s = 0, as = 0, ap = 0;
    for (int k = 0; k < predicted.size(); k++) {
      Alignment p = predicted.get(k), g = gold.get(k);
      a += p.possible().size();
      s += g.sure().size();
      for (Link l : p.possible()) {
        if (g.sure().contains(l)) as++;
        if (g.possible().contains(l)) ap++;
      }
    }
    double aer = a + s == 0 ? 0.0 : 1.0 - (double) (as + ap) / (a + s);
    double precision = a == 0 ? 1.0 : (double) ap / a;
    double recall = s == 0 ? 1.0 : (double) as / s;
    return new Result(aer, precision, recall, a, s, as, ap);
  }
}
