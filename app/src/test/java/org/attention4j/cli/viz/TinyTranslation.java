package org.attention4j.cli.viz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.attention4j.data.corpus.HashSplit;
import org.attention4j.data.corpus.SentencePair;
import org.attention4j.data.corpus.Split;
import org.attention4j.data.synthetic.AlignedPair;
import org.attention4j.eval.Alignment;
import org.attention4j.eval.Pharaoh;
import org.attention4j.train.AttentionSnapshots;
import org.attention4j.data.synthetic.ReorderingGrammar;
import org.attention4j.data.synthetic.SyntheticImporter;
import org.attention4j.models.registry.Seq2SeqModels;
import org.attention4j.models.seq2seq.Seq2SeqModel;
import org.attention4j.tensor.Tensor;
import org.attention4j.text.WordTokenizer;
import org.attention4j.train.BatchingOptions;
import org.attention4j.train.LengthPolicy;
import org.attention4j.train.Seq2SeqTrainer;
import org.attention4j.train.StepRandom;
import org.attention4j.train.TrainerConfig;
import org.attention4j.train.TrainingListener;
import org.attention4j.train.TranslationData;

/**
 * Tiny real translation models for the viz tests, trained in the test in seconds on the synthetic
 * SVO -> SOV reordering task ({@link SyntheticImporter}): one clause, at most one adjective and
 * one prepositional phrase (sources of 3..11 words), 20 nouns, 10 verbs.
 */
final class TinyTranslation {
  static final ReorderingGrammar.Config GRAMMAR = new ReorderingGrammar.Config(20, 10, 10, 4, 1, 1, 1, 1);
  static final SyntheticImporter.Result TASK =
      SyntheticImporter.generate(new SyntheticImporter.Options(GRAMMAR, 7, 1200, new HashSplit(100, 100), null));
  static final WordTokenizer TOKENIZER = tokenizer();

  private TinyTranslation() {}

  private static WordTokenizer tokenizer() {
    List<String> texts = new ArrayList<>();
    for (SentencePair p : TASK.corpus().all()) {
      texts.add(p.source());
      texts.add(p.target());
    }
    return WordTokenizer.build(texts, 1, 10_000);
  }

  static TranslationData data() {
    return TranslationData.encode("synthetic", TASK.corpus(), TOKENIZER, TOKENIZER, LengthPolicy.maxTokens(0));
  }

  /** A fresh model of {@code type}: Bahdanau with hidden 32, or a 2-layer, 2-head Transformer with d 32. */
  static Seq2SeqModel model(String type, StepRandom rng) {
    Map<String, Object> sizes = type.equals(Seq2SeqModels.TRANSFORMER)
        ? Map.of("dModel", 32, "heads", 2, "encoderLayers", 2, "decoderLayers", 2, "ffDim", 64, "dropout", 0.0,
            "attentionDropout", 0.0, "activationDropout", 0.0, "maxLength", 64)
        : Map.of("embedDim", 16, "hiddenDim", 32, "attentionDim", 32, "dropout", 0.0);
    return Seq2SeqModels.create(type, TOKENIZER.vocabSize(), TOKENIZER.vocabSize(), TOKENIZER.padId(), sizes, rng);
  }

  /**
   * Trains {@code model} for {@code steps} steps (batches of 32 sentences, Adam 5e-3, no dev BLEU)
   * with checkpoints in {@code runDir} ({@code runDir/last}).
   */
  static void train(Seq2SeqModel model, StepRandom rng, int steps, Path runDir, TrainingListener listener) throws IOException {
    TrainerConfig config = TrainerConfig.builder().epochs(1000).maxSteps(steps).batching(BatchingOptions.sentences(32))
        .lr(5e-3).devBleu(false).restoreBest(false).seed(1).build();
    Seq2SeqTrainer trainer = new Seq2SeqTrainer(model, rng, TOKENIZER, TOKENIZER, data(), config);
    if (listener != null) trainer.listener(listener);
    trainer.train(runDir);
  }

  /** Stops the attention parameters (names {@code attention.*}) from learning: they stay at their initial values. */
  static int freezeAttention(Seq2SeqModel model) {
    int n = 0;
    for (Map.Entry<String, Tensor> e : model.namedParameters().entrySet()) {
      if (e.getKey().startsWith("attention.")) {
        e.getValue().requiresGrad(false);
        n++;
      }
    }
    return n;
  }

  /** The gold alignment of a pair of the task (by its id), or null. */
  static Alignment gold(SentencePair pair) {
    for (Split split : Split.values()) {
      List<SentencePair> pairs = switch (split) {
        case TRAIN -> TASK.corpus().train();
        case DEV -> TASK.corpus().dev();
        case TEST -> TASK.corpus().test();
      };
      for (int i = 0; i < pairs.size(); i++) {
        if (pairs.get(i).id().equals(pair.id())) {
          AlignedPair a = TASK.aligned().get(split).get(i);
          return Pharaoh.parse(a.surePharaoh(), a.possiblePharaoh());
        }
      }
    }
    return null;
  }

  /** The first {@code n} test pairs as a TSV file of source<TAB>target<TAB>gold links lines. */
  static Path testTsv(Path dir, int n) throws IOException {
    StringBuilder b = new StringBuilder();
    List<SentencePair> test = TASK.corpus().test();
    for (int i = 0; i < Math.min(n, test.size()); i++) {
      SentencePair p = test.get(i);
      b.append(p.source()).append('\t').append(p.target()).append('\t').append(Pharaoh.format(gold(p))).append('\n');
    }
    Path f = dir.resolve("test.tsv");
    Files.writeString(f, b.toString(), StandardCharsets.UTF_8);
    return f;
  }

  /** The first {@code n} test sources, one per line (the doctor then translates them). */
  static Path testSources(Path dir, int n) throws IOException {
    StringBuilder b = new StringBuilder();
    List<SentencePair> test = TASK.corpus().test();
    for (int i = 0; i < Math.min(n, test.size()); i++) b.append(test.get(i).source()).append('\n');
    Path f = dir.resolve("test-sources.txt");
    Files.writeString(f, b.toString(), StandardCharsets.UTF_8);
    return f;
  }

  private static final Map<String, Path> TRAINED = new HashMap<>();
  private static Path root;

  /**
   * A checkpoint of {@code type} trained for 300 steps (seconds), once per test JVM: {@code
   * bahdanau} or {@code transformer}. The run directory (holding {@code last/} and the
   * attention-over-training page of three dev sentences, every 25 steps) is deleted when the JVM
   * exits.
   */
  static synchronized Path trained(String type) throws IOException {
    Path done = TRAINED.get(type);
    if (done != null) return done;
    if (root == null) {
      root = Files.createTempDirectory("attn-viz-models-");
      Path r = root;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(r)));
    }
    StepRandom rng = new StepRandom(1);
    Seq2SeqModel m = model(type, rng);
    Path run = root.resolve(type);
    train(m, rng, 300, run, AttentionOverTraining.listener(m, TOKENIZER, TOKENIZER,
        AttentionSnapshots.pick(data(), 3, 12), 25, p -> gold(p.pair())));
    TRAINED.put(type, run);
    return run;
  }

  static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp dir left behind is harmless
    }
  }
}
