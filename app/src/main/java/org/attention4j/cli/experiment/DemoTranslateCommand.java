package org.attention4j.cli.experiment;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.attention4j.cli.Main;
import org.attention4j.decode.Hypothesis;
import org.attention4j.eval.Chrf;
import org.attention4j.io.Json;
import org.attention4j.kernel.Parallel;
import org.attention4j.models.registry.Seq2SeqCheckpoints;
import org.attention4j.train.EncodedPair;
import org.attention4j.viz.AttentionExplorer;
import org.attention4j.viz.AttentionKind;
import org.attention4j.viz.AttentionView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code attn demo translate}, the project's main demo: a few minutes of training of RNNsearch
 * (Bahdanau et al. 2015) on the bundled KJV → Reina-Valera 1909 Bible, and of the same
 * encoder-decoder without attention on the same tokens; then BLEU and chrF of both on the test
 * books, BLEU by source length, sample translations, and one offline attention explorer page with
 * the alignment of every sample.
 */
@Command(name = "translate", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Trains a small attention model (bahdanau) on the bundled English -> Spanish",
        "Bible for a few minutes, and the same encoder-decoder without attention on",
        "the same training tokens; prints sample translations of test verses,",
        "BLEU/chrF on the test books (Ruth, Ecclesiastes, ...) and BLEU by source",
        "length for both, and writes one offline HTML page (the attention explorer)",
        "with the alignment of every sample."})
public final class DemoTranslateCommand implements Callable<Integer> {
  /** The attention model of the demo. */
  static final String MODEL = "bahdanau";

  @Spec CommandSpec spec;

  @Mixin TrainingOptions options;

  @Option(names = "--minutes", paramLabel = "M", order = 1, defaultValue = "2.5",
      description = "Training time of the attention model; the baseline then trains on the same tokens, which"
          + " takes it about half as long (default: ${DEFAULT-VALUE}).")
  double minutes;

  @Option(names = "--no-baseline", order = 2,
      description = "Train only the attention model (no comparison table).")
  boolean noBaseline;

  @Option(names = "--samples", paramLabel = "N", order = 3, defaultValue = "5",
      description = "Test verses to show, spread from short to long (default: ${DEFAULT-VALUE}).")
  int samples;

  @Option(names = "--out", paramLabel = "DIR", order = 4, defaultValue = "demo-out",
      description = "Where demo.html, results.json and the checkpoint go (default: ${DEFAULT-VALUE}).")
  Path out;

  @Override
  public Integer call() throws IOException {
    Budget budget;
    TranslationSetup.TokenizerKind kind;
    try {
      options.checkSizes();
      kind = options.tokenizerKind();
      budget = options.budget(minutes);
      options.settings();
      if (samples < 1) throw new IllegalArgumentException("--samples must be >= 1, got " + samples);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    long start = System.nanoTime();
    var corpus = TranslationSetup.loadCorpus(options.corpus);
    TranslationSetup setup = TranslationSetup.prepare(options.corpus, corpus, kind, options.vocab, options.maxLength);
    o.printf(Locale.ROOT, "corpus: %s (%s -> %s), %,d training verses, %,d test verses; tokenizer: %s%n", setup.name(),
        corpus.info().sourceLang(), corpus.info().targetLang(), setup.data().train().size(), setup.test().size(),
        setup.tokenizer());
    String plan = !noBaseline ? " and plain (no attention); " + budget.describe()
        : budget.kind() == Budget.Kind.STEPS ? " for " + budget.steps() + " steps"
        : " for " + Budget.minutes(budget.seconds());
    o.printf(Locale.ROOT, "training %s (attention)%s; %d threads%n", MODEL, plan, Parallel.threads());
    o.flush();

    var settings = options.settings();
    var rule = TestScores.LengthRule.DEFAULT;
    LengthCurve.ModelResult attention = LengthCurve.trainAndScore("attention", MODEL,
        ModelTraining.sizes(MODEL, options.embed, options.hidden), setup, settings, budget.first(), rule, err);
    o.println(LengthCurve.trainingLine(attention));
    o.flush();
    LengthCurve.Result comparison = null;
    if (!noBaseline) {
      LengthCurve.ModelResult baseline = LengthCurve.trainAndScore("baseline", LengthCurve.BASELINE,
          ModelTraining.sizes(LengthCurve.BASELINE, options.embed, options.hidden), setup, settings,
          budget.second(attention.training().report().steps()), rule, err);
      o.println(LengthCurve.trainingLine(baseline));
      comparison = new LengthCurve.Result(setup, budget, settings, rule, attention, baseline,
          (System.nanoTime() - start) / 1e9);
    }

    List<Integer> picked = pickSamples(setup, samples);
    o.println();
    o.println("sample translations of test verses (greedy decoding):");
    for (int i : picked) {
      EncodedPair p = setup.test().pairs().get(i);
      o.println();
      o.printf(Locale.ROOT, "  %s (%d words)%n", p.pair().id(), TranslationSetup.sourceWords(p.pair().source()));
      o.println("    source:       " + p.pair().source());
      o.println("    reference:    " + p.pair().target());
      o.println("    attention:    " + attention.test().texts().get(i));
      if (comparison != null) o.println("    no attention: " + comparison.baseline().test().texts().get(i));
    }
    o.println();
    o.printf(Locale.ROOT, "test books, %d verses: %s BLEU %.2f, chrF %.2f%n", setup.test().size(), MODEL,
        attention.test().bleu().score(), attention.test().chrf());
    if (comparison != null) {
      o.println();
      o.println("BLEU by source length (the claim of Bahdanau et al. 2015, Fig. 2: without attention, long");
      o.println("sentences suffer, because the whole source must pass through one fixed-length vector):");
      for (String line : LengthCurve.table(comparison)) o.println("  " + line);
    }

    Files.createDirectories(out);
    Path page = out.resolve("demo.html");
    writePage(page, setup, attention, picked);
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("step", attention.training().report().steps());
    state.put("experiment", "demo translate");
    Seq2SeqCheckpoints.save(out.resolve(MODEL), attention.model(), setup.sourceTokenizer(), setup.targetTokenizer(), null,
        state);
    Map<String, Object> results = comparison != null ? comparison.toMap() : soloMap(setup, attention, budget);
    results.put("experiment", "demo translate");
    results.put("samples", picked.stream().map(i -> setup.test().pairs().get(i).pair().id()).toList());
    results.put("page", page.toString());
    results.put("wallSeconds", (System.nanoTime() - start) / 1e9);
    results.put("threads", Parallel.threads());
    Files.writeString(out.resolve("results.json"), Json.write(results, true) + "\n", StandardCharsets.UTF_8);
    o.println();
    o.println("attention explorer with the alignment of each sample: " + page.toAbsolutePath());
    o.printf(Locale.ROOT, "also written: %s (checkpoint), %s; %s in all%n", out.resolve(MODEL), out.resolve("results.json"),
        Budget.minutes((System.nanoTime() - start) / 1e9));
    o.flush();
    return Main.EXIT_OK;
  }

  /**
   * {@code n} test pairs spread over the range of source lengths: sorted by length (ties in test
   * order), the pair at the middle of each of {@code n} equal slices. A fixed rule, so the samples
   * are not picked for looking good.
   */
  static List<Integer> pickSamples(TranslationSetup setup, int n) {
    List<Integer> words = setup.testSourceWords();
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) order.add(i);
    order.sort(Comparator.comparingInt(words::get));
    int k = Math.min(n, order.size());
    List<Integer> out = new ArrayList<>();
    for (int s = 0; s < k; s++) out.add(order.get((int) ((s + 0.5) * order.size() / k)));
    return out;
  }

  /** One explorer page, one example per sample: the attention of each generated word over the source. */
  static void writePage(Path file, TranslationSetup setup, LengthCurve.ModelResult m, List<Integer> picked)
      throws IOException {
    List<AttentionView> views = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (int i : picked) {
      EncodedPair p = setup.test().pairs().get(i);
      views.add(view(setup, m, p, m.test().hypotheses().get(i)));
      labels.add(p.pair().id() + " (" + TranslationSetup.sourceWords(p.pair().source()) + " words)");
    }
    AttentionExplorer.page(views).labels(labels)
        .title("attention4j demo: " + m.type() + " attention, English -> Spanish (KJV -> Reina-Valera 1909)")
        .write(file);
  }

  /** The view of one greedy translation: source tokens as keys, generated tokens (and EOS) as queries. */
  static AttentionView view(TranslationSetup setup, LengthCurve.ModelResult m, EncodedPair p, Hypothesis h) {
    var src = setup.sourceTokenizer();
    var tgt = setup.targetTokenizer();
    List<String> source = src.tokens(p.pair().source()); // unknown words keep their spelling
    if (source.size() != p.source().length) { // a tokenizer whose display tokens differ: fall back to ids
      source = new ArrayList<>();
      for (int id : p.source()) source.add(src.vocabulary().token(id));
    }
    List<String> target = new ArrayList<>();
    for (int id : h.tokens()) target.add(tgt.vocabulary().token(id));
    if (h.finished()) target.add("</s>");
    String hypothesis = tgt.decode(h.tokens());
    return AttentionView.builder(source, target)
        .matrix(AttentionKind.CROSS, 0, 0, h.attention())
        .meta(AttentionView.MODEL, m.type())
        .meta(AttentionView.SENTENCE, p.pair().id())
        .meta("source", p.pair().source())
        .meta("reference", p.pair().target())
        .meta("translation", hypothesis)
        .meta("chrF", String.format(Locale.ROOT, "%.1f", Chrf.sentence(hypothesis, List.of(p.pair().target())).score()))
        .build();
  }

  private static Map<String, Object> soloMap(TranslationSetup setup, LengthCurve.ModelResult m, Budget budget) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("corpus", setup.name());
    r.put("tokenizer", setup.tokenizer());
    r.put("budget", budget.describe());
    r.put("models", List.of(m.toMap()));
    return r;
  }
}
