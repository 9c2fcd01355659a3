package org.attention4j.cli.translate;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.attention4j.cli.Main;
import org.attention4j.cli.viz.AttentionOverTraining;
import org.attention4j.cli.viz.AttentionWatchOptions;
import org.attention4j.io.Json;
import org.attention4j.models.registry.Seq2SeqCheckpoint;
import org.attention4j.models.registry.Seq2SeqCheckpoints;
import org.attention4j.models.registry.Seq2SeqModels;
import org.attention4j.models.seq2seq.Seq2SeqModel;
import org.attention4j.text.Tokenizer;
import org.attention4j.train.EpochResult;
import org.attention4j.train.LengthPolicy;
import org.attention4j.train.Seq2SeqTrainer;
import org.attention4j.train.StepRandom;
import org.attention4j.train.TrainerConfig;
import org.attention4j.train.TrainingReport;
import org.attention4j.train.TranslationData;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code attn train translate}: builds tokenizers from the training split, a model of any
 * registered type, and trains it with {@link Seq2SeqTrainer}, writing {@code OUT/last} (resumable)
 * and {@code OUT/best} (best dev BLEU) checkpoints and {@code OUT/run.json} ({@link RunFile}).
 *
 * <p>With {@link AttentionWatchOptions} ({@code --attention-every N}, on by default) it records
 * the cross-attention of a few dev sentences every N steps and writes {@code
 * OUT/attention-over-training.html} ({@link AttentionOverTraining}) at every {@code OUT/last}
 * checkpoint, the end of the run included: an explorer page with a training-step slider. A
 * resumed run's page starts at the step it resumes from.
 *
 * <p>The model is built with the trainer's {@link StepRandom}, so that a resumed run ({@code
 * --resume}, or after Ctrl-C, which saves {@code OUT/last} through a shutdown hook) continues
 * bit for bit as if it had never stopped.
 */
@Command(name = "translate", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Trains a translation model on a corpus directory (attn data import ...)",
        "or on bundled:bible. Writes OUT/last (resumable: Ctrl-C saves it; continue",
        "with --resume), OUT/best (best dev BLEU) and OUT/run.json.",
        "Every --attention-every steps it records the attention of a few dev sentences",
        "and writes OUT/" + AttentionOverTraining.FILE + ", a page with a slider over",
        "the training steps (after --resume, from the step it resumes from).",
        "Model types: plain, bahdanau, luong-dot, luong-general, luong-concat,",
        "luong-location, local-m, local-p, transformer."})
final class TrainTranslateCommand implements Callable<Integer> {
  static final int DEFAULT_MAX_TOKENS = 100;
  private static final Pattern PLAIN_ARG = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

  @Spec CommandSpec spec;

  @Option(names = "--corpus", paramLabel = "DIR", order = 1,
      description = "A corpus directory, or " + CorpusSource.BUNDLED_BIBLE + " (required unless --resume).")
  String corpus;

  @Option(names = "--model", paramLabel = "TYPE", order = 2,
      description = "The model type (required unless --resume, which checks it against the checkpoint).")
  String model;

  @Option(names = "--out", paramLabel = "DIR", required = true, order = 3,
      description = "Where the checkpoints go.")
  Path out;

  @Mixin TokenizerOptions tokenizers;

  @Option(names = "--max-tokens", paramLabel = "N", order = 13,
      description = "Leave out pairs with more tokens on either side; 0 = none (default: " + DEFAULT_MAX_TOKENS + ").")
  Integer maxTokens;

  @Option(names = "--truncate", negatable = true, order = 14,
      description = "Cut pairs over the model's length limit instead of failing (default: off).")
  Boolean truncate;

  @Mixin TrainerOptions trainer;

  @Mixin ModelOptions sizes;

  @Option(names = "--resume", order = 60, description = "Continue the run in OUT from OUT/last; options given override the saved ones. "
      + "A linear or cosine schedule keeps the first run's length: extra epochs or steps run at its final rate.")
  boolean resume;

  @Option(names = "--json", order = 61,
      description = "Print one JSON line with the report at the end (epoch lines go to stderr).")
  boolean json;

  @Mixin AttentionWatchOptions attention;

  /** Everything a session needs, ready. */
  private record Setup(CorpusSource corpus, Tokenizer source, Tokenizer target, Seq2SeqModel model, StepRandom rng,
      TrainerConfig config, TranslationData data, String tokenizerLine) {}

  @Override
  public Integer call() throws IOException {
    CommandLine cl = spec.commandLine();
    if (maxTokens != null && maxTokens < 0) throw new ParameterException(cl, "--max-tokens must be >= 0, got " + maxTokens);
    try {
      attention.check();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(cl, e.getMessage(), e);
    }
    Setup s = resume ? prepareResume(cl) : prepareFresh(cl);
    PrintWriter stdout = cl.getOut();
    PrintWriter lines = json ? cl.getErr() : stdout;
    header(lines, s);

    Seq2SeqTrainer t = new Seq2SeqTrainer(s.model(), s.rng(), s.source(), s.target(), s.data(), s.config());
    CountDownLatch reported = new CountDownLatch(1);
    Thread hook = stopHook(t, reported);
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      TrainingReport report;
      try (TrainProgress progress = new TrainProgress(cl.getErr(), lines)) {
        t.listener(attention.wrap(progress, s.model(), s.source(), s.target(), s.data()));
        report = resume ? t.resume(out) : t.train(out);
      }
      if (json) {
        stdout.println(Json.write(toJson(report, s), false));
      } else {
        footer(stdout, report);
      }
      stdout.flush();
    } finally {
      reported.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is exiting (Ctrl-C): the hook asked for the stop and returns now
      }
    }
    return Main.EXIT_OK;
  }

  // ---------------------------------------------------------------- fresh run

  private Setup prepareFresh(CommandLine cl) throws IOException {
    if (model == null) {
      throw new ParameterException(cl, "--model is required; one of: " + String.join(", ", Seq2SeqModels.modelTypes()));
    }
    String type = checkType(cl, model);
    if (corpus == null) throw new ParameterException(cl, "--corpus is required (a corpus directory or " + CorpusSource.BUNDLED_BIBLE + ")");
    tokenizers.check(cl);
    Map<String, Object> settings = trainer.apply(TrainerOptions.freshDefaults(), true, cl);
    Map<String, Object> overrides = sizes.overrides(type, tokenizers.shared, cl);
    checkModelOptions(cl, type, overrides);
    build(cl, settings);
    if (Files.isDirectory(out.resolve(Seq2SeqTrainer.LAST))) {
      throw new ParameterException(cl, out + " already holds a training run (" + Seq2SeqTrainer.LAST
          + "/); add --resume to continue it, or choose another --out");
    }

    CorpusSource c = CorpusSource.read(corpus);
    long start = System.nanoTime();
    Tokenizer[] tok = tokenizers.build(c.corpus().train());
    String tokenizerLine = String.format(Locale.ROOT, "tokenizers: %s, %,d source ids, %,d target ids%s (built in %.1f s)",
        tokenizers.kind(), tok[0].vocabSize(), tok[1].vocabSize(), tokenizers.shared ? " (shared)" : "",
        (System.nanoTime() - start) / 1e9);
    settings.put("bleuTokenizer", c.bleuTokenizer().name());
    long seed = trainer.seed(settings);
    StepRandom rng = new StepRandom(seed);
    Seq2SeqModel m = Seq2SeqModels.create(type, tok[0].vocabSize(), tok[1].vocabSize(), tok[0].padId(), overrides, rng);
    int filter = maxTokens != null ? maxTokens : DEFAULT_MAX_TOKENS;
    boolean cut = truncate != null && truncate;
    TranslationData data = TranslationData.encode(c.where(), c.corpus(), tok[0], tok[1],
        new LengthPolicy(filter, Seq2SeqModels.limits(m), cut));
    new RunFile(corpus, type, tokenizers.kind(), tokenizers.vocab(), tokenizers.shared, filter, cut, commandLine()).write(out);
    return new Setup(c, tok[0], tok[1], m, rng, build(cl, settings), data, tokenizerLine);
  }

  /** Builds a model with the overrides over tiny vocabularies, so that bad sizes fail before the corpus is read. */
  private static void checkModelOptions(CommandLine cl, String type, Map<String, Object> overrides) {
    try {
      Seq2SeqModels.create(type, 8, 8, 0, overrides, new SplittableRandom(0));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(cl, "model options: " + e.getMessage(), e);
    }
  }

  // ---------------------------------------------------------------- resumed run

  private Setup prepareResume(CommandLine cl) throws IOException {
    String fixed = tokenizers.given() ? "--tokenizer/--vocab/--shared-vocab" : sizes.firstGiven();
    if (fixed != null) {
      throw new ParameterException(cl, "--resume continues with the checkpoint's model and tokenizers; leave out " + fixed);
    }
    String type = model == null ? null : checkType(cl, model);
    trainer.apply(TrainerOptions.freshDefaults(), false, cl); // option values out of range are usage errors first
    Path last = out.resolve(Seq2SeqTrainer.LAST);
    if (!Files.isDirectory(last)) {
      throw new IllegalArgumentException("nothing to resume: " + out + " has no " + Seq2SeqTrainer.LAST
          + "/ checkpoint (train without --resume first)");
    }
    RunFile run = RunFile.read(out).orElse(null);
    String corpusSpec = corpus != null ? corpus : run != null ? run.corpus() : null;
    if (corpusSpec == null) {
      throw new ParameterException(cl, "--corpus is required: " + out.resolve(RunFile.FILE) + ", which names it, is missing");
    }
    int filter = maxTokens != null ? maxTokens : run != null ? run.maxTokens() : DEFAULT_MAX_TOKENS;
    boolean cut = truncate != null ? truncate : run != null && run.truncate();

    Seq2SeqCheckpoints.modelType(last);
    StepRandom rng = new StepRandom(0); // reseeded before every step; the initial weights are replaced
    Seq2SeqCheckpoint ck = Seq2SeqCheckpoints.load(last, type, rng);
    if (!(ck.trainerState().get("config") instanceof Map<?, ?> saved)) {
      throw new IllegalArgumentException("checkpoint " + last + " holds no trainer settings (trainer.json has no 'config');"
          + " it was not written by attn train translate");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> base = (Map<String, Object>) saved;
    Map<String, Object> settings = trainer.apply(base, false, cl);
    TrainerConfig config = build(cl, settings);
    CorpusSource c = CorpusSource.read(corpusSpec);
    TranslationData data = TranslationData.encode(c.where(), c.corpus(), ck.sourceTokenizer(), ck.targetTokenizer(),
        new LengthPolicy(filter, Seq2SeqModels.limits(ck.model()), cut));
    String tokenizerLine = String.format(Locale.ROOT, "resuming from %s at step %d: tokenizers %,d source ids, %,d target ids",
        last, ck.step(), ck.sourceTokenizer().vocabSize(), ck.targetTokenizer().vocabSize());
    return new Setup(c, ck.sourceTokenizer(), ck.targetTokenizer(), ck.model(), rng, config, data, tokenizerLine);
  }

  // ---------------------------------------------------------------- helpers

  private static String checkType(CommandLine cl, String type) {
    try {
      return Seq2SeqModels.checkType(type);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(cl, e.getMessage(), e);
    }
  }

  private static TrainerConfig build(CommandLine cl, Map<String, Object> settings) {
    try {
      return TrainerConfig.fromMap(settings).build();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(cl, e.getMessage(), e);
    }
  }

  /**
   * A shutdown hook (Ctrl-C, SIGTERM) that asks the trainer to stop before its next step and
   * waits until {@code OUT/last} is saved and the report printed ({@code done}), so that the run
   * can be resumed.
   */
  private static Thread stopHook(Seq2SeqTrainer t, CountDownLatch done) {
    return new Thread(() -> {
      t.requestStop();
      try {
        done.await(2, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "attn-train-stop");
  }

  private void header(PrintWriter o, Setup s) {
    var info = s.corpus().corpus().info();
    o.printf(Locale.ROOT, "%s (%s -> %s): train %s; dev %,d pairs%n", s.corpus().where(), info.sourceLang(),
        info.targetLang(), s.data().train().summary(), s.data().dev().size());
    o.println(s.tokenizerLine());
    TrainerConfig c = s.config();
    o.printf(Locale.ROOT, "model: %s, %,d parameters; seed %d, lr %s (%s), batches of %d tokens, %d epochs%s%n",
        s.model().modelType(), s.model().parameterCount(), c.seed(), c.lr(), c.schedule().label(),
        c.batching().maxTokens(), c.epochs(), c.maxSteps() > 0 ? ", at most " + c.maxSteps() + " steps" : "");
    o.flush();
  }

  private void footer(PrintWriter o, TrainingReport r) {
    o.println(r.summary());
    if (!r.losses().isEmpty()) {
      o.printf(Locale.ROOT, "this session: %d steps, final loss %.4f, %,.0f tokens/s, %.1f s%n", r.losses().size(),
          r.losses().getLast(), r.tokensPerSecond(), r.seconds());
    }
    String best = r.bestCheckpoint() != null ? r.bestCheckpoint() + " (best dev BLEU), " : "";
    o.println("checkpoints: " + best + r.lastCheckpoint() + " (continue with: attn train translate --out " + out
        + " --resume)");
    if (r.stop() == TrainingReport.StopReason.INTERRUPTED) o.println("interrupted: " + r.lastCheckpoint() + " was saved");
  }

  private Map<String, Object> toJson(TrainingReport r, Setup s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("stop", r.stop().name().toLowerCase(Locale.ROOT));
    m.put("summary", r.summary());
    m.put("model", s.model().modelType());
    m.put("parameters", s.model().parameterCount());
    m.put("sourceVocab", s.source().vocabSize());
    m.put("targetVocab", s.target().vocabSize());
    m.put("trainPairs", s.data().train().size());
    m.put("devPairs", s.data().dev().size());
    m.put("steps", r.steps());
    m.put("firstStep", r.firstStep());
    m.put("epochs", r.epochsCompleted());
    m.put("finalLoss", r.losses().isEmpty() ? null : (double) r.losses().getLast());
    m.put("bestEpoch", r.bestEpoch());
    m.put("bestBleu", finite(r.bestBleu()));
    m.put("seconds", r.seconds());
    m.put("tokensPerSecond", r.tokensPerSecond());
    m.put("out", out.toString());
    m.put("best", r.bestCheckpoint() == null ? null : r.bestCheckpoint().toString());
    m.put("last", r.lastCheckpoint() == null ? null : r.lastCheckpoint().toString());
    List<Object> history = new ArrayList<>();
    for (EpochResult e : r.history()) {
      Map<String, Object> h = new LinkedHashMap<>();
      h.put("epoch", e.epoch());
      h.put("step", e.step());
      h.put("trainLoss", finite(e.trainLoss()));
      h.put("devLoss", finite(e.devLoss()));
      h.put("devBleu", finite(e.devBleu()));
      history.add(h);
    }
    m.put("history", history);
    return m;
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  /** The command line as typed (arguments quoted for a POSIX shell where needed), for run.json. */
  private String commandLine() {
    StringBuilder sb = new StringBuilder("attn");
    for (String a : spec.commandLine().getParseResult().originalArgs()) {
      sb.append(' ').append(PLAIN_ARG.matcher(a).matches() ? a : "'" + a.replace("'", "'\\''") + "'");
    }
    return sb.toString();
  }
}
