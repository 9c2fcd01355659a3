package org.attention4j.cli.experiment;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attention4j.models.registry.Seq2SeqModels;
import org.attention4j.models.seq2seq.Seq2SeqModel;
import org.attention4j.train.Batcher;
import org.attention4j.train.BatchingOptions;
import org.attention4j.train.EncodedPair;
import org.attention4j.train.Seq2SeqTrainer;
import org.attention4j.train.StepRandom;
import org.attention4j.train.TrainerConfig;
import org.attention4j.train.TrainingListener;
import org.attention4j.train.TrainingReport;

/**
 * Trains one model of an experiment with {@link Seq2SeqTrainer} under a {@link Budget.Limit}: no
 * dev BLEU, no checkpoints, no early stopping (a few minutes never finish an epoch of the Bible;
 * the test split is what is scored), a constant learning rate.
 */
final class ModelTraining {
  private ModelTraining() {}

  /**
   * Settings shared by every model of an experiment.
   *
   * @param batchTokens padded positions per batch ({@link BatchingOptions#maxTokens})
   * @param lr Adam's learning rate
   * @param labelSmoothing of the training loss
   * @param seed initial weights and batch order
   * @param warmupSteps linear learning-rate warm-up, then constant (0: none)
   */
  record Settings(int batchTokens, double lr, double labelSmoothing, long seed, int warmupSteps) {
    Settings {
      if (warmupSteps < 0) throw new IllegalArgumentException("--warmup must be >= 0, got " + warmupSteps);
      if (batchTokens < 1) throw new IllegalArgumentException("--batch-tokens must be >= 1, got " + batchTokens);
      if (!(lr > 0)) throw new IllegalArgumentException("--lr must be > 0, got " + lr);
      if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
        throw new IllegalArgumentException("--label-smoothing must be in [0, 1), got " + labelSmoothing);
      }
    }

    BatchingOptions batching() {
      return new BatchingOptions(batchTokens, 256, BatchingOptions.DEFAULTS.poolSize());
    }
  }

  /**
   * One trained model with what its training did.
   *
   * @param model the model, trained in place
   * @param report the trainer's report (steps, seconds, losses)
   * @param sourceTokens real source tokens in the batches it trained on
   * @param targetTokens real target tokens (EOS included) in those batches
   */
  record Trained(Seq2SeqModel model, TrainingReport report, long sourceTokens, long targetTokens) {
    /** Mean training loss of the last {@code n} steps (label-smoothed), NaN without steps. */
    double finalLoss(int n) {
      List<Float> losses = report.losses();
      if (losses.isEmpty()) return Double.NaN;
      double sum = 0;
      List<Float> tail = losses.subList(Math.max(0, losses.size() - n), losses.size());
      for (float l : tail) sum += l;
      return sum / tail.size();
    }
  }

  /**
   * A new model of {@code type} for the setup's vocabularies, initialised from {@code seed}.
   *
   * @param overrides config keys of the model's family ({@code hiddenDim}, {@code dModel}...)
   * @throws IllegalArgumentException if the type is unknown or the family rejects a key
   */
  static Seq2SeqModel create(String type, TranslationSetup setup, Map<String, Object> overrides, StepRandom rng) {
    return Seq2SeqModels.create(type, setup.sourceTokenizer().vocabSize(), setup.targetTokenizer().vocabSize(),
        setup.sourceTokenizer().padId(), overrides, rng);
  }

  /** Trains {@code model} (created with {@code rng}) within {@code limit}. */
  static Trained train(Seq2SeqModel model, StepRandom rng, TranslationSetup setup, Settings settings,
      Budget.Limit limit, TrainingListener listener) throws IOException {
    TrainerConfig config = TrainerConfig.builder()
        .epochs(10_000) // the limit ends the run
        .maxSeconds(limit.seconds())
        .maxSteps(limit.steps())
        .batching(settings.batching())
        .lr(settings.lr())
        .schedule(TrainerConfig.ScheduleKind.CONSTANT, settings.warmupSteps(), 0)
        .labelSmoothing(settings.labelSmoothing())
        .devBleu(false)
        .restoreBest(false)
        .seed(settings.seed())
        .build();
    var trainer = new Seq2SeqTrainer(model, rng, setup.sourceTokenizer(), setup.targetTokenizer(), setup.data(), config);
    TrainingReport report = trainer.listener(listener).train(null);
    long[] tokens = tokensSeen(setup, settings, report.steps());
    return new Trained(model, report, tokens[0], tokens[1]);
  }

  /**
   * The real source and target tokens (EOS counted) of the first {@code steps} batches the
   * trainer draws, recomputed from the same batch order ({@link Batcher#epochOrder}).
   */
  static long[] tokensSeen(TranslationSetup setup, Settings settings, int steps) {
    List<EncodedPair> pairs = setup.data().train().pairs();
    var batcher = new Batcher(pairs, settings.batching(), setup.sourceTokenizer().padId(),
        setup.targetTokenizer().bosId(), setup.targetTokenizer().eosId());
    long source = 0;
    long target = 0;
    int done = 0;
    epochs:
    for (int epoch = 0; done < steps; epoch++) {
      for (int[] batch : batcher.epochOrder(settings.seed(), epoch)) {
        if (done == steps) break epochs;
        done++;
        for (int i : batch) {
          source += pairs.get(i).source().length;
          target += pairs.get(i).target().length + 1;
        }
      }
    }
    return new long[] {source, target};
  }

  /** The overrides that set an RNN's widths, or a Transformer's ({@code dModel = hidden}). */
  static Map<String, Object> sizes(String type, int embed, int hidden) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (type.equals(Seq2SeqModels.TRANSFORMER)) {
      m.put("dModel", hidden);
      m.put("ffDim", 4 * hidden);
    } else {
      m.put("embedDim", embed);
      m.put("hiddenDim", hidden);
      m.put("attentionDim", hidden);
    }
    return m;
  }
}
