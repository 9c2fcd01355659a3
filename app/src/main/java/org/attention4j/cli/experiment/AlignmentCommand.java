package org.attention4j.cli.experiment;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.attention4j.cli.Main;
import org.attention4j.data.corpus.ParallelCorpus;
import org.attention4j.data.corpus.ParallelCorpusFiles;
import org.attention4j.data.corpus.Split;
import org.attention4j.data.synthetic.SyntheticImporter;
import org.attention4j.eval.Alignment;
import org.attention4j.eval.Pharaoh;
import org.attention4j.io.Json;
import org.attention4j.kernel.Parallel;
import org.attention4j.models.registry.Seq2SeqCheckpoints;
import org.attention4j.models.registry.Seq2SeqModels;
import org.attention4j.models.seq2seq.Seq2SeqModel;
import org.attention4j.train.EncodedPair;
import org.attention4j.train.EncodedSplit;
import org.attention4j.train.LengthPolicy;
import org.attention4j.train.StepRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code attn experiment alignment}: does attention learn word alignment? Trains a model on the
 * synthetic reordering task ({@link org.attention4j.data.synthetic.ReorderingGrammar}: SVO to
 * SOV, adjectives after nouns, postpositions, one verb to stem + particle), reads alignments off
 * its cross-attention under teacher forcing ({@link AlignmentScores}) and scores them against the
 * gold alignments with AER.
 */
@Command(name = "alignment", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Trains a model with attention on the synthetic reordering task, reads word",
        "alignments off its cross-attention (argmax per target word, teacher forcing)",
        "and prints their alignment error rate (AER) against the gold alignments. For",
        "a Transformer every layer (head average and each head) and both step",
        "positions are scored; the reading with the best dev AER is reported on test."})
public final class AlignmentCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--model", paramLabel = "MODEL", order = 1, defaultValue = "bahdanau",
      description = "bahdanau, luong-*, local-m, local-p or transformer (default: ${DEFAULT-VALUE}).")
  String model;

  @Option(names = "--corpus", paramLabel = "DIR", order = 2,
      description = "A synthetic corpus from 'attn data import synthetic' (with its .sure.txt and .possible.txt"
          + " files); default: generate one into OUT/corpus from --seed and --pairs.")
  Path corpus;

  @Option(names = "--pairs", paramLabel = "N", order = 3, defaultValue = "20000",
      description = "Pairs to generate when no --corpus is given (default: ${DEFAULT-VALUE}).")
  int pairs;

  @Option(names = "--minutes", paramLabel = "M", order = 4, defaultValue = "3",
      description = "Training time (default: ${DEFAULT-VALUE}).")
  double minutes;

  @Option(names = "--steps", paramLabel = "N", order = 5,
      description = "Train exactly N steps instead (reproducible bit for bit).")
  Integer steps;

  @Option(names = "--hidden", paramLabel = "N", order = 10,
      description = "Hidden width of an RNN model, d_model of a Transformer (default: 128).")
  Integer hidden;

  @Option(names = "--embed", paramLabel = "N", order = 11, defaultValue = "64",
      description = "Embedding width of an RNN model (default: ${DEFAULT-VALUE}).")
  int embed;

  @Option(names = "--bidirectional", negatable = true, order = 14,
      description = "Whether an RNN encoder reads both ways or only forward (default: the model's; bahdanau reads"
          + " both ways, as the paper). See docs/experiments.md for what this does to the alignments.")
  Boolean bidirectional;

  @Option(names = "--heads", paramLabel = "N", order = 12, defaultValue = "2",
      description = "Transformer attention heads (default: ${DEFAULT-VALUE}).")
  int heads;

  @Option(names = "--layers", paramLabel = "N", order = 13, defaultValue = "2",
      description = "Transformer encoder and decoder layers (default: ${DEFAULT-VALUE}).")
  int layers;

  @Option(names = "--batch-tokens", paramLabel = "N", order = 20, defaultValue = "1500",
      description = "Padded tokens per batch (default: ${DEFAULT-VALUE}).")
  int batchTokens;

  @Option(names = "--lr", order = 21,
      description = "Adam learning rate (default: 0.003 for RNN models, 0.001 for a Transformer).")
  Double lr;

  @Option(names = "--warmup", paramLabel = "N", order = 22,
      description = "Linear learning-rate warm-up steps (default: 0 for RNN models, 200 for a Transformer).")
  Integer warmup;

  @Option(names = "--seed", order = 23, defaultValue = "42",
      description = "Seed of the generated corpus, the initial weights and the batch order (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", paramLabel = "DIR", order = 30, defaultValue = "alignment-out",
      description = "Where the corpus (unless --corpus), the checkpoint, test.pred.txt (Pharaoh) and results.json"
          + " go (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--json", order = 31, description = "Print results.json as one line instead of the report.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    boolean transformer = Seq2SeqModels.TRANSFORMER.equals(model);
    Budget budget;
    ModelTraining.Settings settings;
    try {
      Seq2SeqModels.checkType(model);
      if (model.equals(LengthCurve.BASELINE)) {
        throw new IllegalArgumentException("--model plain has no attention to read alignments from");
      }
      if (corpus == null && pairs < 100) throw new IllegalArgumentException("--pairs must be >= 100, got " + pairs);
      if (hidden != null && hidden < 2) throw new IllegalArgumentException("--hidden must be >= 2, got " + hidden);
      if (transformer && bidirectional != null) {
        throw new IllegalArgumentException("--[no-]bidirectional applies to RNN encoders, not to the transformer");
      }
      if (embed < 1 || heads < 1 || layers < 1) {
        throw new IllegalArgumentException("--embed, --heads and --layers must be >= 1");
      }
      budget = steps != null ? Budget.steps(steps) : Budget.time(minutes);
      settings = new ModelTraining.Settings(batchTokens, lr != null ? lr : transformer ? 1e-3 : 3e-3, 0, seed,
          warmup != null ? warmup : transformer ? 200 : 0);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = json ? null : spec.commandLine().getErr();
    long start = System.nanoTime();
    Path dir = corpus;
    if (dir == null) {
      dir = out.resolve("corpus");
      var stats = SyntheticImporter.build(new SyntheticImporter.Options(null, seed, pairs, null,
          "attn experiment alignment --seed " + seed + " --pairs " + pairs), dir);
      if (!json) o.println(stats.summary());
    }
    ParallelCorpus data = ParallelCorpusFiles.read(dir);
    // every word of the task, so that token positions are the gold alignment's word positions
    TranslationSetup setup = TranslationSetup.prepare(dir.toString(), data, TranslationSetup.TokenizerKind.WORD,
        1_000_000, 0);
    List<Alignment> devGold = gold(dir, data, Split.DEV);
    List<Alignment> testGold = gold(dir, data, Split.TEST);
    EncodedSplit dev = EncodedSplit.encode(dir.toString(), data.dev(), setup.sourceTokenizer(), setup.targetTokenizer(),
        LengthPolicy.maxTokens(0));
    checkWordPositions(dev, setup);
    checkWordPositions(setup.test(), setup);

    int width = hidden != null ? hidden : 128;
    Map<String, Object> sizes = new LinkedHashMap<>();
    if (transformer) {
      sizes.put("dModel", width);
      sizes.put("heads", heads);
      sizes.put("encoderLayers", layers);
      sizes.put("decoderLayers", layers);
      sizes.put("ffDim", 2 * width);
      sizes.put("norm", "pre");
      sizes.put("maxLength", 128);
    } else {
      sizes.putAll(ModelTraining.sizes(model, embed, width));
      if (bidirectional != null) sizes.put("bidirectional", bidirectional);
    }
    StepRandom rng = new StepRandom(seed);
    Seq2SeqModel m = ModelTraining.create(model, setup, sizes, rng);
    if (!json) {
      o.printf(Locale.ROOT, "model: %s, %,d parameters; %s; %d threads%n", model, m.parameterCount(),
          budget.kind() == Budget.Kind.STEPS ? budget.steps() + " steps" : Budget.minutes(budget.seconds()) + " of training",
          Parallel.threads());
      o.flush();
    }
    ModelTraining.Trained trained;
    try (TrainingProgress progress = new TrainingProgress(err, model)) {
      trained = ModelTraining.train(m, rng, setup, settings, budget.first(), progress);
    }
    var tok = setup.targetTokenizer();
    List<AlignmentScores.Scored> onDev = AlignmentScores.score(m, dev.pairs(), devGold, tok.padId(), tok.bosId(), tok.eosId());
    List<AlignmentScores.Scored> onTest = AlignmentScores.score(m, setup.test().pairs(), testGold, tok.padId(),
        tok.bosId(), tok.eosId());
    AlignmentScores.Reading chosen = AlignmentScores.best(onDev).reading();
    int last = transformer ? layers - 1 : 0;
    AlignmentScores.Reading conventional = new AlignmentScores.Reading(last, transformer ? -1 : 0, false);
    AlignmentScores.Scored test = AlignmentScores.find(onTest, chosen);
    AlignmentScores.Scored testConventional = AlignmentScores.find(onTest, conventional);
    TestScores translation = TestScores.evaluate(m, setup, new TestScores.LengthRule(2, 10), null);
    long exact = 0;
    for (int i = 0; i < translation.texts().size(); i++) {
      if (translation.texts().get(i).equals(setup.test().pairs().get(i).pair().target())) exact++;
    }
    double exactRate = (double) exact / translation.texts().size();

    Files.createDirectories(out);
    Seq2SeqCheckpoints.save(out.resolve(model), m, setup.sourceTokenizer(), setup.targetTokenizer(), null,
        Map.of("step", trained.report().steps(), "experiment", "alignment"));
    Pharaoh.write(out.resolve("test.pred.txt"), test.predicted());
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("experiment", "alignment");
    results.put("model", model);
    results.put("corpus", dir.toString());
    results.put("parameters", m.parameterCount());
    results.put("config", m.configMap());
    results.put("steps", trained.report().steps());
    results.put("trainSeconds", trained.report().seconds());
    results.put("finalTrainLoss", LengthCurve.finite(trained.finalLoss(50)));
    results.put("alignment", "argmax over source words of the cross-attention, teacher-forced on the reference");
    results.put("chosenOnDev", chosen.label());
    results.put("testAer", test.result().aer());
    results.put("testPrecision", test.result().precision());
    results.put("testRecall", test.result().recall());
    results.put("testAerConventional", testConventional.result().aer());
    results.put("conventionalReading", conventional.label());
    results.put("testBleu", translation.bleu().score());
    results.put("testExactMatch", exactRate);
    List<Object> rows = new ArrayList<>();
    for (AlignmentScores.Scored s : onDev) {
      Map<String, Object> row = s.toMap();
      row.put("devAer", row.remove("aer"));
      row.remove("precision");
      row.remove("recall");
      row.put("testAer", AlignmentScores.find(onTest, s.reading()).result().aer());
      rows.add(row);
    }
    results.put("readings", rows);
    results.put("wallSeconds", (System.nanoTime() - start) / 1e9);
    results.put("threads", Parallel.threads());
    Files.writeString(out.resolve("results.json"), Json.write(results, true) + "\n", StandardCharsets.UTF_8);

    if (json) {
      o.println(Json.write(results, false));
    } else {
      var r = trained.report();
      o.printf(Locale.ROOT, "trained %d steps in %s (%,.0f tokens/s), final training loss %.3f%n", r.steps(),
          Budget.minutes(r.seconds()), r.tokensPerSecond(), trained.finalLoss(50));
      o.printf(Locale.ROOT, "test translations: BLEU %.2f, exact match %.1f%% of %d%n", translation.bleu().score(),
          100 * exactRate, translation.texts().size());
      o.println();
      o.println("alignment readings (argmax of cross-attention), dev AER | test AER:");
      for (AlignmentScores.Scored s : onDev) {
        o.printf(Locale.ROOT, "  %-24s %.4f | %.4f%s%n", s.reading().label(), s.result().aer(),
            AlignmentScores.find(onTest, s.reading()).result().aer(), s.reading().equals(chosen) ? "  <- best on dev" : "");
      }
      o.println();
      o.printf(Locale.ROOT, "test AER %.4f (precision %.4f, recall %.4f) with %s, chosen on dev%n", test.result().aer(),
          test.result().precision(), test.result().recall(), chosen.label());
      if (!chosen.equals(conventional)) {
        o.printf(Locale.ROOT, "conventional reading (%s): test AER %.4f%n", conventional.label(),
            testConventional.result().aer());
      }
      o.printf(Locale.ROOT, "written: %s (checkpoint %s/, test.pred.txt, results.json); %s in all%n", out, model,
          Budget.minutes((System.nanoTime() - start) / 1e9));
    }
    o.flush();
    return Main.EXIT_OK;
  }

  private static List<Alignment> gold(Path dir, ParallelCorpus data, Split split) throws IOException {
    var sure = SyntheticImporter.readAlignments(dir, data, split, true);
    var possible = SyntheticImporter.readAlignments(dir, data, split, false);
    List<Alignment> out = new ArrayList<>(sure.size());
    for (int i = 0; i < sure.size(); i++) out.add(AlignmentScores.gold(sure.get(i), possible.get(i)));
    return out;
  }

  /** Checks that the tokenizers keep the task's words whole, so token positions are word positions. */
  private static void checkWordPositions(EncodedSplit split, TranslationSetup setup) {
    if (split.size() != split.input()) {
      throw new IllegalArgumentException("alignment: " + (split.input() - split.size()) + " pairs of the corpus were"
          + " left out when encoded; the gold alignments would no longer line up");
    }
    for (EncodedPair p : split.pairs()) {
      int words = p.pair().source().split(" ").length;
      int targetWords = p.pair().target().split(" ").length;
      if (p.source().length != words || p.target().length != targetWords) {
        throw new IllegalArgumentException("alignment: pair " + p.pair().id() + " has " + words + " source and "
            + targetWords + " target words but " + p.source().length + " and " + p.target().length
            + " tokens; the word tokenizer must keep the task's words whole");
      }
    }
  }
}
