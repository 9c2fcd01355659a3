package org.attention4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.attention4j.autograd.GradMode;
import org.attention4j.data.bible.BibleCorpus;
import org.attention4j.data.bible.BundledBible;
import org.attention4j.data.bible.VersePair;
import org.attention4j.io.Checkpoint;
import org.attention4j.models.lm.GruLanguageModel;
import org.attention4j.tensor.IntTensor;
import org.attention4j.text.CharVocabulary;
import org.attention4j.train.LanguageModelTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code attn demo lm}: trains a character-level GRU language model on the English side of the
 * bundled King James Bible for a fixed time, reports the held-out loss, and prints samples.
 */
@Command(name = "lm", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Trains a character GRU language model on the bundled KJV text (public domain)",
        "for a fixed time, then prints the test-book loss and generated samples."})
final class DemoLmCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--minutes", description = "Training time (default: ${DEFAULT-VALUE}).", defaultValue = "1.0")
  double minutes;

  @Option(names = "--seed", description = "Seed of initialisation, batches and sampling (default: ${DEFAULT-VALUE}).", defaultValue = "42")
  long seed;

  @Option(names = "--hidden", description = "GRU state width (default: ${DEFAULT-VALUE}).", defaultValue = "256")
  int hidden;

  @Option(names = "--layers", description = "GRU layers (default: ${DEFAULT-VALUE}).", defaultValue = "1")
  int layers;

  @Option(names = "--batch", description = "Windows per step (default: ${DEFAULT-VALUE}).", defaultValue = "32")
  int batch;

  @Option(names = "--window", description = "Characters per window (default: ${DEFAULT-VALUE}).", defaultValue = "64")
  int window;

  @Option(names = "--lr", description = "Adam learning rate (default: ${DEFAULT-VALUE}).", defaultValue = "0.003")
  double lr;

  @Option(names = "--temperature", description = "Sampling temperature, 0 = greedy (default: ${DEFAULT-VALUE}).", defaultValue = "0.6")
  double temperature;

  @Option(names = "--out", paramLabel = "DIR", description = "Also save the trained model as a checkpoint directory.")
  Path out;

  private static final String[] PROMPTS = {"In the beginning ", "And Jesus said unto them, ", "The LORD is "};

  @Override
  public Integer call() throws Exception {
    validate();
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    BibleCorpus corpus = BundledBible.load();
    String train = join(corpus.train());
    String test = join(corpus.test());
    CharVocabulary vocab = CharVocabulary.build(List.of(train));
    int[] trainIds = vocab.encode(train);
    int[] testIds = vocab.encode(test);
    o.printf(Locale.ROOT, "corpus: King James Bible (bundled), %,d training characters, %,d test characters, %d symbols%n",
        trainIds.length, testIds.length, vocab.size());

    var rng = new SplittableRandom(seed);
    var config = new GruLanguageModel.Config(vocab.size(), 64, hidden, layers, 0.1);
    var model = new GruLanguageModel(config, rng);
    o.printf(Locale.ROOT, "model: GRU language model, %d layer(s) x %d units, %,d parameters; training for %.1f min%n",
        layers, hidden, model.parameterCount(), minutes);
    o.flush();

    var trainerConfig = new LanguageModelTrainer.Config(batch, window, lr, 1.0, Integer.MAX_VALUE, minutes * 60, seed);
    double budget = minutes * 60;
    LanguageModelTrainer.Result result;
    try (ProgressBar bar = ProgressBar.to(err, "training")) {
      float[] smooth = {Float.NaN};
      result = LanguageModelTrainer.train(model, trainIds, trainerConfig, (step, max, loss, tps, elapsed) -> {
        smooth[0] = Float.isNaN(smooth[0]) ? loss : 0.95f * smooth[0] + 0.05f * loss;
        bar.update(elapsed / budget, elapsed, String.format(Locale.ROOT, "step %d loss %.3f %,.0f chars/s", step, smooth[0], tps),
            elapsed >= budget);
      });
    }
    List<Float> losses = result.losses();
    o.printf(Locale.ROOT, "trained %d steps in %.0f s (%,.0f characters/s); training loss %.3f -> %.3f%n", losses.size(),
        result.seconds(), result.tokensPerSecond(), mean(losses.subList(0, Math.min(10, losses.size()))),
        mean(losses.subList(Math.max(0, losses.size() - 20), losses.size())));
    double testLoss = heldOutLoss(model, testIds);
    o.printf(Locale.ROOT, "test books (%s): %.3f nats/char = %.2f bits/char (a uniform guess: %.2f bits/char)%n",
        "Ruth, Ecclesiastes, ...", testLoss, testLoss / Math.log(2), Math.log(vocab.size()) / Math.log(2));
    o.println();
    var sampler = new SplittableRandom(seed + 1);
    for (String prompt : PROMPTS) {
      int[] gen = model.generate(vocab.encode(prompt), 160, temperature, sampler);
      o.println("  " + prompt + vocab.decode(gen).replace('\n', ' '));
    }
    if (out != null) {
      save(model, vocab, losses.size());
      o.println();
      o.println("checkpoint written to " + out);
    }
    o.flush();
    return Main.EXIT_OK;
  }

  private void validate() {
    if (!(minutes > 0)) throw new ParameterException(spec.commandLine(), "--minutes must be > 0, got " + minutes);
    if (hidden < 1 || layers < 1 || batch < 1 || window < 2) {
      throw new ParameterException(spec.commandLine(), "--hidden, --layers and --batch must be >= 1 and --window >= 2");
    }
    if (!(lr > 0)) throw new ParameterException(spec.commandLine(), "--lr must be > 0, got " + lr);
    if (!(temperature >= 0)) throw new ParameterException(spec.commandLine(), "--temperature must be >= 0, got " + temperature);
  }

  private static String join(List<VersePair> verses) {
    StringBuilder sb = new StringBuilder();
    for (VersePair v : verses) sb.append(v.source()).append('\n');
    return sb.toString();
  }

  private static double mean(List<Float> xs) {
    double s = 0;
    for (float x : xs) s += x;
    return xs.isEmpty() ? Double.NaN : s / xs.size();
  }

  /** Mean next-character loss over the test text, in consecutive windows. */
  private double heldOutLoss(GruLanguageModel model, int[] ids) {
    model.eval();
    int w = 256;
    int windows = Math.min(64, (ids.length - 1) / w);
    double total = 0;
    try (var _ = GradMode.noGrad()) {
      for (int start = 0; start < windows; start += 16) {
        int b = Math.min(16, windows - start);
        int[] in = new int[b * w];
        int[] target = new int[b * w];
        for (int i = 0; i < b; i++) {
          System.arraycopy(ids, (start + i) * w, in, i * w, w);
          System.arraycopy(ids, (start + i) * w + 1, target, i * w, w);
        }
        var logits = model.forward(IntTensor.of(in, b, w), null).logits().reshape(-1, model.config().vocab());
        total += logits.crossEntropy(IntTensor.of(target)).item() * b;
      }
    }
    return total / windows;
  }

  private void save(GruLanguageModel model, CharVocabulary vocab, int steps) throws java.io.IOException {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("model_type", "gru_lm");
    GruLanguageModel.Config c = model.config();
    config.put("vocab", c.vocab());
    config.put("embed_dim", c.embedDim());
    config.put("hidden_dim", c.hiddenDim());
    config.put("layers", c.layers());
    config.put("dropout", c.dropout());
    List<Object> codePoints = new ArrayList<>();
    for (int cp : vocab.codePoints()) codePoints.add((long) cp);
    config.put("code_points", codePoints);
    Map<String, Object> trainer = new LinkedHashMap<>();
    trainer.put("step", (long) steps);
    trainer.put("seed", seed);
    Checkpoint.save(out, new Checkpoint(model.stateDict(), config, Map.of(), trainer, null));
  }
}
