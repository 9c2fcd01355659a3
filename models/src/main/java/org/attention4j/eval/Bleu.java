package org.attention4j.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * BLEU (Papineni et al. 2002, "BLEU: a Method for Automatic Evaluation of Machine Translation")
 * computed exactly as sacreBLEU 2.x computes it (Post 2018), so that scores can be reported next
 * to published ones:
 *
 * <pre>
 *   BLEU = BP · exp( Σ_{n=1..N} log p_n / N ),   BP = 1 if c &gt; r else exp(1 − r/c)
 * </pre>
 *
 * with p_n the corpus-level clipped n-gram precisions (N = 4), c the hypothesis length and r the
 * reference length (per segment the reference closest in length, the shorter on ties). Defaults
 * are sacreBLEU's: {@code corpus_bleu} tokenizes with {@link BleuTokenizer#THIRTEEN_A}, keeps
 * case, and uses the {@code exp} smoothing of mteval-v13a (an order with no match gets precision
 * 100 / (2^k · total), k counting such orders), which only matters when a count is zero;
 * {@code sentence_bleu} adds the effective order (orders with no n-grams at all are left out).
 *
 * <pre>{@code
 * BleuScore s = Bleu.corpus(hypotheses, references);
 * s.score();     // 27.35
 * s.toString();  // BLEU = 27.35 61.5/33.3/20.0/12.5 (BP = 1.000 ratio = 1.083 hyp_len = 13 ref_len = 12)
 * Bleu.corpus(zhHyps, zhRefs, Bleu.Options.CORPUS.withTokenizer(BleuTokenizer.ZH));
 * }</pre>
 *
 * <p>Unlike sacreBLEU, which silently stops at the shorter of the hypothesis and reference lists,
 * lists of different lengths are an error.
 */
public final class Bleu {
  private Bleu() {}

  /** sacreBLEU's smoothing methods (Chen and Cherry 2014), with their default values. */
  public enum Smoothing {
    /** No smoothing: an order with no match makes BLEU 0. */
    NONE(Double.NaN),
    /** Method 1: a zero count becomes {@code value} (default 0.1). */
    FLOOR(0.1),
    /** Method 2: add {@code value} (default 1) to counts and totals of orders 2 and up. */
    ADD_K(1),
    /** Method 3, the NIST smoothing of mteval-v13a (sacreBLEU's default). */
    EXP(Double.NaN);

    private final double defaultValue;

    Smoothing(double defaultValue) {
      this.defaultValue = defaultValue;
    }

    /** The value used when {@link Options#smoothValue} is NaN. */
    public double defaultValue() {
      return defaultValue;
    }
  }

  /**
   * How BLEU is computed.
   *
   * @param tokenizer the tokenization of hypotheses and references
   * @param lowercase whether to lower-case both first
   * @param smoothing the smoothing method
   * @param smoothValue the value of {@link Smoothing#FLOOR} and {@link Smoothing#ADD_K}; NaN for the
   *     method's default
   * @param maxOrder the longest n-gram, at least 1 (4 in sacreBLEU)
   * @param effectiveOrder whether orders without any hypothesis n-gram are left out of the mean
   */
  public record Options(BleuTokenizer tokenizer, boolean lowercase, Smoothing smoothing,
      double smoothValue, int maxOrder, boolean effectiveOrder) {
    /** sacreBLEU's {@code corpus_bleu} defaults: 13a, cased, exp smoothing, 4-grams. */
    public static final Options CORPUS =
        new Options(BleuTokenizer.THIRTEEN_A, false, Smoothing.EXP, Double.NaN, 4, false);
    /** sacreBLEU's {@code sentence_bleu} defaults: as {@link #CORPUS} with the effective order. */
    public static final Options SENTENCE = CORPUS.withEffectiveOrder(true);

    public Options {
      Objects.requireNonNull(tokenizer, "Bleu.Options: tokenizer");
      Objects.requireNonNull(smoothing, "Bleu.Options: smoothing");
      if (maxOrder < 1) {
        throw new IllegalArgumentException("Bleu.Options: maxOrder must be >= 1, got " + maxOrder);
      }
      if (Double.isNaN(smoothValue)) smoothValue = smoothing.defaultValue();
    }

    public Options withTokenizer(BleuTokenizer t) {
      return new Options(t, lowercase, smoothing, smoothValue, maxOrder, effectiveOrder);
    }

    public Options withLowercase(boolean lc) {
      return new Options(tokenizer, lc, smoothing, smoothValue, maxOrder, effectiveOrder);
    }

    /** Another smoothing; {@code value} NaN for its default. */
    public Options withSmoothing(Smoothing s, double value) {
      return new Options(tokenizer, lowercase, s, value, maxOrder, effectiveOrder);
    }

    public Options withEffectiveOrder(boolean eff) {
      return new Options(tokenizer, lowercase, smoothing, smoothValue, maxOrder, eff);
    }

    public Options withMaxOrder(int n) {
      return new Options(tokenizer, lowercase, smoothing, smoothValue, n, effectiveOrder);
    }
  }

  /** Corpus BLEU with one reference per hypothesis and sacreBLEU's defaults. */
  public static BleuScore corpus(List<String> hypotheses, List<String> references) {
    return corpus(hypotheses, references, Options.CORPUS);
  }

  /** Corpus BLEU with one reference per hypothesis. */
  public static BleuScore corpus(List<String> hypotheses, List<String> references, Options options) {
    return corpusMultiReference(hypotheses, List.of(references), options);
  }

  /**
   * Corpus BLEU with several references, laid out as in sacreBLEU: {@code referenceStreams.get(k)}
   * holds the k-th reference of every segment; a {@code null} line means the segment has no k-th
   * reference.
   *
   * @throws IllegalArgumentException if there are no hypotheses or no streams, a stream's length
   *     differs from the hypotheses', or a segment has no reference at all
   */
  public static BleuScore corpusMultiReference(List<String> hypotheses,
      List<List<String>> referenceStreams, Options options) {
    if (hypotheses.isEmpty()) throw new IllegalArgumentException("Bleu.corpus: no hypotheses");
    if (referenceStreams.isEmpty()) throw new IllegalArgumentException("Bleu.corpus: no references");
    for (int k = 0; k < referenceStreams.size(); k++) {
      if (referenceStreams.get(k).size() != hypotheses.size()) {
        throw new IllegalArgumentException("Bleu.corpus: " + hypotheses.size()
            + " hypotheses but reference stream " + k + " has " + referenceStreams.get(k).size()
            + " lines");
      }
    }
    long[] sum = new long[2 + 2 * options.maxOrder()];
    for (int i = 0; i < hypotheses.size(); i++) {
      List<String> refs = new ArrayList<>();
      for (List<String> stream : referenceStreams) {
        if (stream.get(i) != null) refs.add(stream.get(i));
      }
      if (refs.isEmpty()) {
        throw new IllegalArgumentException("Bleu.corpus: segment " + i + " has no reference");
      }
      if (hypotheses.get(i) == null) {
        throw new IllegalArgumentException("Bleu.corpus: hypothesis " + i + " is null");
      }
      long[] s = segmentStatistics(hypotheses.get(i), refs, options);
      for (int j = 0; j < sum.length; j++) sum[j] += s[j];
    }
    return fromStatistics(sum, options);
  }

  /** Sentence BLEU with sacreBLEU's {@code sentence_bleu} defaults ({@link Options#SENTENCE}). */
  public static BleuScore sentence(String hypothesis, List<String> references) {
    return sentence(hypothesis, references, Options.SENTENCE);
  }

  /**
   * BLEU of one hypothesis against one or more references.
   *
   * @throws IllegalArgumentException if there is no reference
   */
  public static BleuScore sentence(String hypothesis, List<String> references, Options options) {
    if (references.isEmpty()) throw new IllegalArgumentException("Bleu.sentence: no references");
    return fromStatistics(segmentStatistics(hypothesis, references, options), options);
  }

  private static String preprocess(String s, Options o) {
    if (o.lowercase()) s = s.toLowerCase(Locale.ROOT);
    return o.tokenizer().tokenize(PythonText.rstrip(s));
  }

  /** {@code [hypLen, refLen, matches(1..N), totals(1..N)]} of one segment, as sacreBLEU's stats. */
  static long[] segmentStatistics(String hypothesis, List<String> references, Options o) {
    int order = o.maxOrder();
    Map<String, Integer> refNgrams = new HashMap<>();
    List<Integer> refLens = new ArrayList<>();
    for (String ref : references) {
      List<String> tokens = PythonText.split(preprocess(ref, o));
      refLens.add(tokens.size());
      ngrams(tokens, order).forEach((g, c) -> refNgrams.merge(g, c, Math::max));
    }
    List<String> hyp = PythonText.split(preprocess(hypothesis, o));
    long[] stats = new long[2 + 2 * order];
    stats[0] = hyp.size();
    stats[1] = closestLength(hyp.size(), refLens);
    for (Map.Entry<String, Integer> e : ngrams(hyp, order).entrySet()) {
      int n = orderOf(e.getKey());
      stats[2 + order + n - 1] += e.getValue();
      stats[2 + n - 1] += Math.min(e.getValue(), refNgrams.getOrDefault(e.getKey(), 0));
    }
    return stats;
  }

  /** n-grams of 1..order tokens, joined by single spaces (tokens contain no whitespace). */
  private static Map<String, Integer> ngrams(List<String> tokens, int order) {
    Map<String, Integer> out = new HashMap<>();
    for (int n = 1; n <= order; n++) {
      for (int i = 0; i + n <= tokens.size(); i++) {
        out.merge(String.join(" ", tokens.subList(i, i + n)), 1, Integer::sum);
      }
    }
    return out;
  }

  private static int orderOf(String ngram) {
    int n = 1;
    for (int i = 0; i < ngram.length(); i++) if (ngram.charAt(i) == ' ') n++;
    return n;
  }

  private static int closestLength(int hypLen, List<Integer> refLens) {
    int bestDiff = -1, best = -1;
    for (int len : refLens) {
      int diff = Math.abs(hypLen - len);
      if (bestDiff == -1 || diff < bestDiff) {
        bestDiff = diff;
        best = len;
      } else if (diff == bestDiff && len < best) {
        best = len;
      }
    }
    return best;
  }

  /** BLEU from summed statistics: sacreBLEU's {@code compute_bleu}, step for step. */
  static BleuScore fromStatistics(long[] stats, Options o) {
    int order = o.maxOrder();
    long sysLen = stats[0], refLen = stats[1];
    double[] correct = new double[order], total = new double[order];
    List<Long> counts = new ArrayList<>(), totals = new ArrayList<>();
    boolean anyMatch = false;
    for (int n = 0; n < order; n++) {
      correct[n] = stats[2 + n];
      total[n] = stats[2 + order + n];
      counts.add(stats[2 + n]);
      totals.add(stats[2 + order + n]);
      anyMatch |= stats[2 + n] != 0;
    }
    double bp = 1.0;
    if (sysLen < refLen) bp = sysLen > 0 ? Math.exp(1 - (double) refLen / sysLen) : 0.0;
    double ratio = refLen != 0 ? (double) sysLen / refLen : 0;
    double[] precisions = new double[order];
    if (!anyMatch) return score(0.0, counts, totals, precisions, bp, ratio, sysLen, refLen);
    double smoothMteval = 1.0;
    int effOrder = order;
    for (int n = 1; n <= order; n++) {
      if (o.smoothing() == Smoothing.ADD_K && n > 1) {
        correct[n - 1] += o.smoothValue();
        total[n - 1] += o.smoothValue();
      }
      if (total[n - 1] == 0) break;
      if (o.effectiveOrder()) effOrder = n;
      if (correct[n - 1] == 0) {
        if (o.smoothing() == Smoothing.EXP) {
          smoothMteval *= 2;
          precisions[n - 1] = 100. / (smoothMteval * total[n - 1]);
        } else if (o.smoothing() == Smoothing.FLOOR) {
          precisions[n - 1] = 100. * o.smoothValue() / total[n - 1];
        }
      } else {
        precisions[n - 1] = 100. * correct[n - 1] / total[n - 1];
      }
    }
    double logSum = 0;
    for (int n = 0; n < effOrder; n++) logSum += precisions[n] == 0.0 ? -9999999999.0 : Math.log(precisions[n]);
    return score(bp * Math.exp(logSum / effOrder), counts, totals, precisions, bp, ratio, sysLen, refLen);
  }

  private static BleuScore score(double score, List<Long> counts, List<Long> totals, double[] p,
      double bp, double ratio, long sysLen, long refLen) {
    List<Double> precisions = new ArrayList<>();
    for (double x : p) precisions.add(x);
    return new BleuScore(score, counts, totals, precisions, bp, ratio, sysLen, refLen);
  }
}
