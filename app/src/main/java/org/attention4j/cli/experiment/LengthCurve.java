package org.attention4j.cli.experiment;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.attention4j.cli.ProgressBar;
import org.attention4j.eval.BleuScore;
import org.attention4j.eval.BucketedBleu;
import org.attention4j.models.seq2seq.Seq2SeqModel;
import org.attention4j.train.StepRandom;

/**
 * The experiment of Bahdanau, Cho &amp; Bengio (2015), Fig. 2: an encoder-decoder without
 * attention (RNNencdec, Cho et al. 2014: {@code plain}) and one with attention (RNNsearch:
 * {@code bahdanau}, or any other model type) are trained on the same data with the same
 * tokenizers under an equal {@link Budget}, then both translate the test split, and BLEU is
 * compared per source-length bucket. The paper's finding: without attention BLEU falls steeply
 * as sentences grow, because the whole source has to pass through one fixed-length vector; with
 * attention it holds up.
 *
 * <p>The attention model trains first (under {@link Budget#TOKENS} it sets the step count), then
 * the baseline. Each starts from weights drawn from the same seed.
 */
final class LengthCurve {
  /** The no-attention baseline: Cho et al.'s RNN Encoder-Decoder. */
  static final String BASELINE = "plain";
  /** Buckets whose BLEU the headline claim compares: sources of 30 words and more. */
  static final List<String> LONG_BUCKETS = List.of("30-40", "40-50", "50-60", "60+");

  private LengthCurve() {}

  /**
   * One trained and scored model.
   *
   * @param role {@code "attention"} or {@code "baseline"}
   * @param type the model type ({@code bahdanau}, {@code plain}...)
   * @param model the trained model
   * @param training what its training did
   * @param test its test translations and scores
   */
  record ModelResult(String role, String type, Seq2SeqModel model, ModelTraining.Trained training, TestScores test) {
    Map<String, Object> toMap() {
      var r = training.report();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("role", role);
      m.put("model", type);
      m.put("parameters", model.parameterCount());
      m.put("config", model.configMap());
      m.put("steps", r.steps());
      m.put("trainSeconds", r.seconds());
      m.put("stop", r.stop().name().toLowerCase(Locale.ROOT).replace('_', '-'));
      m.put("sourceTokens", training.sourceTokens());
      m.put("targetTokens", training.targetTokens());
      m.put("tokensPerSecond", r.tokensPerSecond());
      m.put("finalTrainLoss", finite(training.finalLoss(50)));
      m.put("test", test.toMap());
      return m;
    }
  }

  /**
   * Both models and the setting they were compared in.
   *
   * @param setup the data and tokenizers
   * @param budget the budget rule
   * @param settings training settings shared by both
   * @param rule the decoding length rule
   * @param attention the attention model
   * @param baseline the model without attention
   * @param seconds wall time of the whole experiment (data preparation excluded)
   */
  record Result(TranslationSetup setup, Budget budget, ModelTraining.Settings settings, TestScores.LengthRule rule,
      ModelResult attention, ModelResult baseline, double seconds) {

    /** Whether attention has the higher BLEU overall and in every non-empty bucket of {@link #LONG_BUCKETS}. */
    boolean attentionWinsLong() {
      if (!(attention.test().bleu().score() > baseline.test().bleu().score())) return false;
      for (String label : LONG_BUCKETS) {
        double a = attention.test().bucketBleu(label);
        double b = baseline.test().bucketBleu(label);
        if (Double.isNaN(a) && Double.isNaN(b)) continue; // no test sentence that long
        if (!(a > b)) return false;
      }
      return true;
    }

    Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("experiment", "length-curve");
      m.put("corpus", setup.name());
      m.put("languages", setup.corpus().info().sourceLang() + "-" + setup.corpus().info().targetLang());
      m.put("tokenizer", setup.tokenizer());
      m.put("trainPairs", setup.data().train().size());
      m.put("testPairs", setup.test().size());
      m.put("bucketBy", "source words (sacreBLEU 13a tokenizer)");
      m.put("bleuTokenizer", setup.bleuTokenizer().signature());
      Map<String, Object> b = new LinkedHashMap<>();
      b.put("kind", budget.kind().label());
      b.put("seconds", budget.kind() == Budget.Kind.STEPS ? null : budget.seconds());
      b.put("steps", budget.kind() == Budget.Kind.STEPS ? budget.steps() : null);
      b.put("description", budget.describe());
      m.put("budget", b);
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("batchTokens", settings.batchTokens());
      s.put("lr", settings.lr());
      s.put("labelSmoothing", settings.labelSmoothing());
      s.put("seed", settings.seed());
      s.put("decodeMaxLength", rule.ratio() + " * sourceLength + " + rule.offset());
      m.put("settings", s);
      m.put("models", List.of(baseline.toMap(), attention.toMap()));
      m.put("attentionWinsOverallAndAbove30", attentionWinsLong());
      m.put("seconds", seconds);
      return m;
    }
  }

  /**
   * Trains and scores both models.
   *
   * @param attentionType the model with attention ({@code bahdanau}, {@code luong-general}, ...)
   * @param attentionSizes config overrides of the attention model
   * @param baselineSizes config overrides of the baseline
   * @param err where progress goes, or {@code null} for none
   */
  static Result run(TranslationSetup setup, String attentionType, Map<String, Object> attentionSizes,
      Map<String, Object> baselineSizes, ModelTraining.Settings settings, Budget budget, TestScores.LengthRule rule,
      PrintWriter err) throws IOException {
    long start = System.nanoTime();
    ModelResult attention = trainAndScore("attention", attentionType, attentionSizes, setup, settings, budget.first(),
        rule, err);
    ModelResult baseline = trainAndScore("baseline", BASELINE, baselineSizes, setup, settings,
        budget.second(attention.training().report().steps()), rule, err);
    return new Result(setup, budget, settings, rule, attention, baseline, (System.nanoTime() - start) / 1e9);
  }

  static ModelResult trainAndScore(String role, String type, Map<String, Object> sizes, TranslationSetup setup,
      ModelTraining.Settings settings, Budget.Limit limit, TestScores.LengthRule rule, PrintWriter err)
      throws IOException {
    StepRandom rng = new StepRandom(settings.seed());
    Seq2SeqModel model = ModelTraining.create(type, setup, sizes, rng);
    ModelTraining.Trained trained;
    try (TrainingProgress progress = new TrainingProgress(err, pad(type))) {
      trained = ModelTraining.train(model, rng, setup, settings, limit, progress);
    }
    TestScores scores;
    try (ProgressBar bar = ProgressBar.to(err, pad(type))) {
      int total = setup.test().size();
      scores = TestScores.evaluate(model, setup, rule, done -> bar.update(total == 0 ? 1 : (double) done / total,
          bar.elapsedSeconds(), String.format(Locale.ROOT, "translating test %d/%d", done, total), done == total));
    }
    return new ModelResult(role, type, model, trained, scores);
  }

  private static String pad(String label) {
    return String.format(Locale.ROOT, "%-9s", label);
  }

  // ---------------------------------------------------------------- the table

  /**
   * The comparison as a text table: one row per bucket with its sentence count and both BLEU
   * scores, then the corpus BLEU and chrF.
   */
  static List<String> table(Result r) {
    List<String> lines = new ArrayList<>();
    String a = r.attention().type();
    String b = r.baseline().type();
    int w = Math.max(10, Math.max(a.length(), b.length()) + 2);
    String fmt = "%-14s %9s %" + w + "s %" + w + "s %8s";
    lines.add(String.format(Locale.ROOT, fmt, "source words", "sentences", b + " BLEU", a + " BLEU", "gain"));
    List<BucketedBleu.Bucket> ba = r.attention().test().buckets();
    List<BucketedBleu.Bucket> bb = r.baseline().test().buckets();
    for (int i = 0; i < ba.size(); i++) {
      double x = score(bb.get(i));
      double y = score(ba.get(i));
      lines.add(String.format(Locale.ROOT, fmt, ba.get(i).label(), ba.get(i).sentences(), num(x), num(y),
          Double.isNaN(x) || Double.isNaN(y) ? "" : String.format(Locale.ROOT, "%+.2f", y - x)));
    }
    TestScores ta = r.attention().test();
    TestScores tb = r.baseline().test();
    lines.add(String.format(Locale.ROOT, fmt, "all (BLEU)", r.setup().test().size(), num(tb.bleu().score()),
        num(ta.bleu().score()), String.format(Locale.ROOT, "%+.2f", ta.bleu().score() - tb.bleu().score())));
    lines.add(String.format(Locale.ROOT, fmt, "all (chrF)", r.setup().test().size(), num(tb.chrf()), num(ta.chrf()),
        String.format(Locale.ROOT, "%+.2f", ta.chrf() - tb.chrf())));
    return lines;
  }

  /** One sentence on the headline claim: does attention win overall and in every bucket of 30+ words? */
  static String verdict(Result r) {
    long longBuckets = r.attention().test().buckets().stream()
        .filter(b -> LONG_BUCKETS.contains(b.label()) && b.sentences() > 0).count();
    String a = r.attention().type();
    String scope = longBuckets == 0 ? "overall (the test split has no source of 30 words or more)"
        : "overall and in every bucket of 30+ source words (" + longBuckets + " non-empty)";
    return r.attentionWinsLong() ? a + " (attention) beats plain (no attention) " + scope
        : a + " (attention) does not beat plain (no attention) " + scope;
  }

  /** One line per model: steps, time, tokens, speed and final training loss. */
  static String trainingLine(ModelResult m) {
    var r = m.training().report();
    return String.format(Locale.ROOT, "%-9s %,d parameters; %d steps in %s (%,.0f tokens/s); %,d target tokens seen;"
        + " final training loss %.3f; test decoded in %.0f s", m.type(), m.model().parameterCount(), r.steps(),
        Budget.minutes(r.seconds()), r.tokensPerSecond(), m.training().targetTokens(), m.training().finalLoss(50),
        m.test().seconds());
  }

  static double score(BucketedBleu.Bucket b) {
    return b.bleu().map(BleuScore::score).orElse(Double.NaN);
  }

  static String num(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
  }

  static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
