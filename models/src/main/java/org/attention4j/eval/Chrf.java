package org.attention4j.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * chrF (Popović 2015, "chrF: character n-gram F-score for automatic MT evaluation") and chrF++
 * (Popović 2017, with word unigrams and bigrams), computed as sacreBLEU 2.x does: character
 * n-grams of orders 1–6 over the text with whitespace removed, n-gram counts summed over the
 * corpus, precision and recall averaged over the orders that have n-grams on both sides, then
 *
 * <pre>
 *   chrF_β = (1 + β²) · P · R / (β² · P + R)     (β = 2: recall weighs twice as much)
 * </pre>
 *
 * With several references, each segment uses the reference that gives it the best score. For
 * chrF++ words are whitespace-separated, with one punctuation mark split off the end (or else
 * the start) of each word longer than one character.
 */
public final class Chrf {
  private Chrf() {}

  private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

  /**
   * How chrF is computed.
   *
   * @param charOrder longest character n-gram (sacreBLEU: 6)
   * @param wordOrder longest word n-gram (0: chrF, 2: chrF++)
   * @param beta recall weight (sacreBLEU: 2)
   * @param lowercase whether to lower-case first
   * @param whitespace whether character n-grams span whitespace (sacreBLEU: no, it is removed)
   * @param epsSmoothing average the F-scores of all orders, as chrF++.py, NLTK and Moses do, instead
   *     of sacreBLEU's default (F of the averaged precision and recall over effective orders)
   */
  public record Options(int charOrder, int wordOrder, int beta, boolean lowercase,
      boolean whitespace, boolean epsSmoothing) {
    /** chrF with sacreBLEU's defaults. */
    public static final Options CHRF = new Options(6, 0, 2, false, false, false);
    /** chrF++: sacreBLEU's defaults with word order 2. */
    public static final Options CHRF_PLUS_PLUS = new Options(6, 2, 2, false, false, false);

    public Options {
      if (charOrder < 0 || wordOrder < 0 || charOrder + wordOrder == 0) {
        throw new IllegalArgumentException("Chrf.Options: orders must be >= 0 and not both 0, got"
            + " charOrder " + charOrder + ", wordOrder " + wordOrder);
      }
      if (beta < 0) throw new IllegalArgumentException("Chrf.Options: beta must be >= 0, got " + beta);
    }
  }

  /** Corpus chrF with one reference per hypothesis and sacreBLEU's defaults. */
  public static ChrfScore corpus(List<String> hypotheses, List<String> references) {
    return corpus(hypotheses, references, Options.CHRF);
  }

  /** Corpus chrF with one reference per hypothesis. */
  public static ChrfScore corpus(List<String> hypotheses, List<String> references, Options o) {
    return corpusMultiReference(hypotheses, List.of(references), o);
  }

  /**
   * Corpus chrF with reference streams laid out as in {@link Bleu#corpusMultiReference}.
   *
   * @throws IllegalArgumentException if there are no hypotheses, a stream's length differs, or a
   *     segment has no reference
   */
  public static ChrfScore corpusMultiReference(List<String> hypotheses,
      List<List<String>> referenceStreams, Options o) {
    if (hypotheses.isEmpty()) throw new IllegalArgumentException("Chrf.corpus: no hypotheses");
    if (referenceStreams.isEmpty()) throw new IllegalArgumentException("Chrf.corpus: no references");
    for (int k = 0; k < referenceStreams.size(); k++) {
      if (referenceStreams.get(k).size() != hypotheses.size()) {
        throw new IllegalArgumentException("Chrf.corpus: " + hypotheses.size()
            + " hypotheses but reference stream " + k + " has " + referenceStreams.get(k).size()
            + " lines");
      }
    }
    long[] sum = new long[3 * (o.charOrder() + o.wordOrder())];
    for (int i = 0; i < hypotheses.size(); i++) {
      List<String> refs = new ArrayList<>();
      for (List<String> stream : referenceStreams) {
        if (stream.get(i) != null) refs.add(stream.get(i));
      }
      if (refs.isEmpty()) throw new IllegalArgumentException("Chrf.corpus: segment " + i + " has no reference");
      long[] s = segmentStatistics(hypotheses.get(i), refs, o);
      for (int j = 0; j < sum.length; j++) sum[j] += s[j];
    }
    return new ChrfScore(fScore(sum, o), o.charOrder(), o.wordOrder(), o.beta());
  }

  /** Sentence chrF with sacreBLEU's defaults. */
  public static ChrfScore sentence(String hypothesis, List<String> references) {
    return sentence(hypothesis, references, Options.CHRF);
  }

  /**
   * chrF of one hypothesis against one or more references (the best one counts).
   *
   * @throws IllegalArgumentException if there is no reference
   */
  public static ChrfScore sentence(String hypothesis, List<String> references, Options o) {
    if (references.isEmpty()) throw new IllegalArgumentException("Chrf.sentence: no references");
    return new ChrfScore(fScore(segmentStatistics(hypothesis, references, o), o), o.charOrder(),
        o.wordOrder(), o.beta());
  }

  /** {@code [hyp, ref, match]} per order (characters 1..charOrder, then words), best reference. */
  static long[] segmentStatistics(String hypothesis, List<String> references, Options o) {
    List<Map<String, Integer>> hyp = ngrams(preprocess(hypothesis, o), o);
    long[] best = null;
    double bestF = -1.0;
    for (String ref : references) {
      List<Map<String, Integer>> r = ngrams(preprocess(ref, o), o);
      long[] stats = new long[3 * hyp.size()];
      for (int i = 0; i < hyp.size(); i++) {
        long hypCount = 0, refCount = 0, match = 0;
        for (Map.Entry<String, Integer> e : hyp.get(i).entrySet()) {
          hypCount += e.getValue();
          Integer rc = r.get(i).get(e.getKey());
          if (rc != null) match += Math.min(e.getValue(), rc);
        }
        for (int c : r.get(i).values()) refCount += c;
        stats[3 * i] = r.get(i).isEmpty() ? 0 : hypCount;
        stats[3 * i + 1] = refCount;
        stats[3 * i + 2] = match;
      }
      double f = fScore(stats, o);
      if (f > bestF) {
        bestF = f;
        best = stats;
      }
    }
    return best;
  }

  private static String preprocess(String s, Options o) {
    return o.lowercase() ? s.toLowerCase(Locale.ROOT) : s;
  }

  private static List<Map<String, Integer>> ngrams(String line, Options o) {
    List<Map<String, Integer>> out = new ArrayList<>();
    String chars = o.whitespace() ? line : String.join("", PythonText.split(line));
    int[] cps = chars.codePoints().toArray();
    for (int n = 1; n <= o.charOrder(); n++) {
      Map<String, Integer> m = new HashMap<>();
      for (int i = 0; i + n <= cps.length; i++) m.merge(new String(cps, i, n), 1, Integer::sum);
      out.add(m);
    }
    if (o.wordOrder() > 0) {
      List<String> words = words(line);
      for (int n = 1; n <= o.wordOrder(); n++) {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i + n <= words.size(); i++) {
          m.merge(String.join(" ", words.subList(i, i + n)), 1, Integer::sum);
        }
        out.add(m);
      }
    }
    return out;
  }

  /** sacreBLEU's {@code _remove_punctuation}: one punctuation mark off the end, else the start. */
  private static List<String> words(String line) {
    List<String> out = new ArrayList<>();
    for (String w : PythonText.split(line)) {
      int len = w.codePointCount(0, w.length());
      int last = w.codePointBefore(w.length()), first = w.codePointAt(0);
      if (len == 1) {
        out.add(w);
      } else if (isPunct(last)) {
        out.add(w.substring(0, w.length() - Character.charCount(last)));
        out.add(Character.toString(last));
      } else if (isPunct(first)) {
        out.add(Character.toString(first));
        out.add(w.substring(Character.charCount(first)));
      } else {
        out.add(w);
      }
    }
    return out;
  }

  private static boolean isPunct(int cp) {
    return cp < 128 && PUNCTUATION.indexOf(cp) >= 0;
  }

  /** sacreBLEU's {@code _compute_f_score}. */
  static double fScore(long[] stats, Options o) {
    double eps = 1e-16, score = 0.0, avgPrec = 0.0, avgRec = 0.0;
    int effectiveOrder = 0, order = stats.length / 3;
    double factor = (double) o.beta() * o.beta();
    for (int i = 0; i < order; i++) {
      long nHyp = stats[3 * i], nRef = stats[3 * i + 1], nMatch = stats[3 * i + 2];
      double prec = nHyp > 0 ? (double) nMatch / nHyp : eps;
      double rec = nRef > 0 ? (double) nMatch / nRef : eps;
      double denom = factor * prec + rec;
      score += denom > 0 ? (1 + factor) * prec * rec / denom : eps;
      if (nHyp > 0 && nRef > 0) {
        avgPrec += prec;
        avgRec += rec;
        effectiveOrder++;
      }
    }
    if (o.epsSmoothing()) return 100 * score / order;
    if (effectiveOrder == 0) {
      avgPrec = avgRec = 0.0;
    } else {
      avgPrec /= effectiveOrder;
      avgRec /= effectiveOrder;
    }
    if (avgPrec + avgRec == 0) return 0.0;
    return 100 * ((1 + factor) * avgPrec * avgRec / (factor * avgPrec + avgRec));
  }
}
