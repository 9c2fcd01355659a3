package org.attention4j.eval;

/**
 * A chrF result.
 *
 * @param score chrF on a 0–100 scale
 * @param charOrder the longest character n-gram
 * @param wordOrder the longest word n-gram (0 for chrF, 2 for chrF++)
 * @param beta the weight of recall against precision
 */
public record ChrfScore(double score, int charOrder, int wordOrder, int beta) {
  /** sacreBLEU's name: {@code chrF2}, {@code chrF2++}. */
  public String name() {
    return "chrF" + beta + "+".repeat(wordOrder);
  }

  /** sacreBLEU's text form: {@code chrF2 = 45.67}. */
  @Override
  public String toString() {
    return name() + " = " + PythonText.fixed(score, 2);
  }
}
