package org.attention4j.eval;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Exact match and token F1 for extractive question answering, as the official SQuAD v1.1
 * evaluation script computes them (Rajpurkar et al. 2016): answers are normalised (lower-cased,
 * ASCII punctuation removed, the articles {@code a an the} removed, whitespace collapsed), a
 * prediction scores the maximum over the gold answers, and corpus scores are means on a 0–100
 * scale.
 */
public final class Squad {
  private Squad() {}

  private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
  private static final Pattern ARTICLES =
      Pattern.compile("\\b(a|an|the)\\b", Pattern.UNICODE_CHARACTER_CLASS);

  /**
   * Corpus scores.
   *
   * @param exactMatch percentage of predictions equal to a gold answer after normalisation
   * @param f1 mean token F1 (best gold answer per question), 0–100
   * @param questions how many questions were scored
   */
  public record Score(double exactMatch, double f1, int questions) {}

  /** The SQuAD normalisation: {@code "The  Eiffel-Tower!"} becomes {@code "eiffeltower"}. */
  public static String normalize(String s) {
    String lower = s.toLowerCase(Locale.ROOT);
    StringBuilder sb = new StringBuilder(lower.length());
    lower.codePoints().filter(cp -> cp >= 128 || PUNCTUATION.indexOf(cp) < 0).forEach(sb::appendCodePoint);
    String noArticles = ARTICLES.matcher(sb).replaceAll(" ");
    return String.join(" ", PythonText.split(noArticles));
  }

  /** Whether the prediction equals one of the gold answers after normalisation. */
  public static boolean exactMatch(String prediction, List<String> golds) {
    String p = normalize(prediction);
    return golds.stream().anyMatch(g -> normalize(g).equals(p));
  }

  /** The best token F1 (0–1) of the prediction against the gold answers. */
  public static double f1(String prediction, List<String> golds) {
    double best = 0;
    for (String g : golds) best = Math.max(best, f1(prediction, g));
    return best;
  }

  private static double f1(String prediction, String gold) {
    List<String> p = PythonText.split(normalize(prediction));
    List<String> g = PythonText.split(normalize(gold));
    Map<String, Integer> counts = new HashMap<>();
    for (String t : g) counts.merge(t, 1, Integer::sum);
    int same = 0;
    for (String t : p) {
      Integer c = counts.get(t);
      if (c != null && c > 0) {
        same++;
        counts.put(t, c - 1);
      }
    }
    if (same == 0) return 0;
    double precision = 1.0 * same / p.size(), recall = 1.0 * same / g.size();
    return 2 * precision * recall / (precision + recall);
  }

  /**
   * Mean exact match and F1 over questions; {@code golds.get(k)} are the gold answers of
   * question k.
   *
   * @throws IllegalArgumentException if the lists differ in length, are empty, or a question has no
   *     gold answer
   */
  public static Score score(List<String> predictions, List<List<String>> golds) {
    if (predictions.size() != golds.size() || predictions.isEmpty()) {
      throw new IllegalArgumentException("Squad.score: need equally many predictions and gold answer"
          + " lists, at least one; got " + predictions.size() + " and " + golds.size());
    }
    double em = 0, f1 = 0;
    for (int k = 0; k < predictions.size(); k++) {
      if (golds.get(k).isEmpty()) {
        throw new IllegalArgumentException("Squad.score: question " + k + " has no gold answer");
      }
      em += exactMatch(predictions.get(k), golds.get(k)) ? 1 : 0;
      f1 += f1(predictions.get(k), golds.get(k));
    }
    return new Score(100.0 * em / predictions.size(), 100.0 * f1 / predictions.size(),
        predictions.size());
  }
}
