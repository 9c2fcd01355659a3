package org.attention4j.cli.experiment;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.attention4j.cli.Main;
import org.attention4j.io.Json;
import org.attention4j.models.registry.Seq2SeqCheckpoints;
import org.attention4j.models.registry.Seq2SeqModels;
import org.attention4j.kernel.Parallel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code attn experiment length-curve}: Bahdanau et al. (2015), Fig. 2 — BLEU by source sentence
 * length for an encoder-decoder without attention and one with, trained under an equal budget
 * ({@link LengthCurve}).
 */
@Command(name = "length-curve", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Trains an encoder-decoder without attention (plain, Cho et al. 2014) and one",
        "with attention (bahdanau by default) with equal budgets on the same data and",
        "tokenizers, translates the test split with both, and prints and plots BLEU",
        "by source length (Bahdanau et al. 2015, Fig. 2). Buckets count source words",
        "with sacreBLEU's 13a tokenizer: 0-10, 10-20, ..., 60+."})
public final class LengthCurveCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin TrainingOptions options;

  @Option(names = "--attention", paramLabel = "MODEL", order = 1, defaultValue = "bahdanau",
      description = "The model with attention: bahdanau, luong-dot, luong-general, luong-concat, luong-location,"
          + " local-m, local-p or transformer (default: ${DEFAULT-VALUE}).")
  String attention;

  @Option(names = "--minutes", paramLabel = "M", order = 2, defaultValue = "5",
      description = "Training time of the attention model; with --budget time, of each (default: ${DEFAULT-VALUE}).")
  double minutes;

  @Option(names = "--out", paramLabel = "DIR", order = 3, defaultValue = "length-curve-out",
      description = "Where the checkpoints (DIR/<model>), length-curve.svg, length-curve.png and results.json go"
          + " (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--json", order = 4, description = "Print results.json as one line instead of the table.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    Budget budget;
    TranslationSetup.TokenizerKind kind;
    try {
      Seq2SeqModels.checkType(attention);
      if (attention.equals(LengthCurve.BASELINE)) {
        throw new IllegalArgumentException("--attention must name a model with attention, not the baseline 'plain'");
      }
      options.checkSizes();
      kind = options.tokenizerKind();
      budget = options.budget(minutes);
      options.settings();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter log = json ? null : o;
    long start = System.nanoTime();
    var corpus = TranslationSetup.loadCorpus(options.corpus);
    TranslationSetup setup = TranslationSetup.prepare(options.corpus, corpus, kind, options.vocab, options.maxLength);
    if (log != null) {
      log.printf(Locale.ROOT, "corpus: %s (%s -> %s), %,d training pairs (<= %d tokens), %,d test pairs; tokenizer: %s%n",
          setup.name(), corpus.info().sourceLang(), corpus.info().targetLang(), setup.data().train().size(),
          options.maxLength, setup.test().size(), setup.tokenizer());
      log.printf(Locale.ROOT, "models: %s (no attention) vs %s; budget: %s; %d threads%n", LengthCurve.BASELINE,
          attention, budget.describe(), Parallel.threads());
      log.flush();
    }
    LengthCurve.Result r = LengthCurve.run(setup, attention,
        ModelTraining.sizes(attention, options.embed, options.hidden),
        ModelTraining.sizes(LengthCurve.BASELINE, options.embed, options.hidden), options.settings(), budget,
        TestScores.LengthRule.DEFAULT, json ? null : err);
    Files.createDirectories(out);
    for (LengthCurve.ModelResult m : List.of(r.attention(), r.baseline())) {
      Map<String, Object> state = new LinkedHashMap<>();
      state.put("step", m.training().report().steps());
      state.put("experiment", "length-curve");
      Seq2SeqCheckpoints.save(out.resolve(m.type()), m.model(), setup.sourceTokenizer(), setup.targetTokenizer(), null,
          state);
    }
    CurvePlot plot = CurvePlot.of(r);
    plot.writeSvg(out.resolve("length-curve.svg"));
    plot.writePng(out.resolve("length-curve.png"));
    Map<String, Object> results = r.toMap();
    results.put("wallSeconds", (System.nanoTime() - start) / 1e9);
    results.put("threads", Parallel.threads());
    Files.writeString(out.resolve("results.json"), Json.write(results, true) + "\n", StandardCharsets.UTF_8);
    if (json) {
      o.println(Json.write(results, false));
    } else {
      o.println();
      o.println(LengthCurve.trainingLine(r.baseline()));
      o.println(LengthCurve.trainingLine(r.attention()));
      o.println();
      for (String line : LengthCurve.table(r)) o.println(line);
      o.println();
      o.println(LengthCurve.verdict(r));
      o.printf(Locale.ROOT, "written: %s (checkpoints %s/, %s/), length-curve.svg, length-curve.png, results.json;"
          + " %s in all%n", out, r.attention().type(), r.baseline().type(),
          Budget.minutes((System.nanoTime() - start) / 1e9));
    }
    o.flush();
    return Main.EXIT_OK;
  }
}
