package org.attention4j.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.attention4j.io.Checkpoint;
import org.attention4j.io.Json;
import org.attention4j.models.registry.OptimizerState;
import org.attention4j.models.registry.Seq2SeqCheckpoints;
import org.attention4j.models.seq2seq.Seq2SeqModel;
import org.attention4j.optim.Optimizer;
import org.attention4j.tensor.Tensor;
import org.attention4j.text.Tokenizer;

/**
 * The checkpoints of one {@link Seq2SeqTrainer}: {@code last} (everything a resume needs) and
 * {@code best} (weights and tokenizers), and the checks a resume makes before it changes
 * anything.
 */
final class TrainerCheckpoints {
  private final Seq2SeqModel model;
  private final Tokenizer sourceTokenizer;
  private final Tokenizer targetTokenizer;
  private final Optimizer optimizer;

  TrainerCheckpoints(Seq2SeqModel model, Tokenizer sourceTokenizer, Tokenizer targetTokenizer, Optimizer optimizer) {
    this.model = model;
    this.sourceTokenizer = sourceTokenizer;
    this.targetTokenizer = targetTokenizer;
    this.optimizer = optimizer;
  }

  /**
   * Reads {@code last}, checks that it continues this run (model type and config, the settings
   * that decide the losses, the training data), then loads the weights and the optimizer state.
   *
   * @return the saved counters
   * @throws IllegalArgumentException naming the checkpoint and what differs; nothing is changed then
   */
  TrainerState restore(Path last, TrainerConfig config, long dataFingerprint, String dataWhere) throws IOException {
    Checkpoint c = Checkpoint.load(last);
    String where = "resume: checkpoint " + last;
    Object type = c.config().get("model_type");
    Object savedModel = c.config().get("config");
    if (!model.modelType().equals(type)) {
      throw new IllegalArgumentException("checkpoint " + last + " holds a '" + type + "' model, not '" + model.modelType() + "'");
    }
    if (!jsonValue(model.configMap()).equals(savedModel)) {
      throw new IllegalArgumentException(where + " holds a " + type + " model of another config: "
          + Json.write(savedModel, false));
    }
    TrainerState s = TrainerState.fromMap(c.trainer(), last.resolve(Checkpoint.TRAINER_FILE).toString());
    Map<?, ?> now = (Map<?, ?>) jsonValue(config.toMap());
    for (String key : TrainerConfig.TRAJECTORY_KEYS) {
      if (!Objects.equals(now.get(key), s.config.get(key))) {
        throw new IllegalArgumentException(where + " was trained with " + key + " = " + s.config.get(key)
            + ", this run asks for " + now.get(key) + "; a resumed run must keep the settings that decide its losses");
      }
    }
    if (s.dataFingerprint != dataFingerprint) {
      throw new IllegalArgumentException(where + " was trained on other data than " + dataWhere
          + " (other pairs, tokenizers or length limits)");
    }
    if (!(c.trainer().get(Seq2SeqCheckpoints.OPTIMIZER_KEY) instanceof Map<?, ?> meta)) {
      throw new IllegalArgumentException(where + " holds no optimizer state");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> optimizerMeta = (Map<String, Object>) meta;
    model.loadStateDict(c.model(), true);
    optimizer.loadState(c.optimizer(), optimizerMeta);
    return s;
  }

  /** Writes {@code last}: weights, tokenizers, optimizer and counters ({@code seconds} including this session's). */
  void saveLast(Path last, TrainerState s, double sessionSeconds) throws IOException {
    double before = s.seconds;
    s.seconds = before + sessionSeconds;
    try {
      Seq2SeqCheckpoints.save(last, model, sourceTokenizer, targetTokenizer,
          new OptimizerState(optimizer.stateTensors(), optimizer.stateMeta()), s.toMap());
    } finally {
      s.seconds = before;
    }
  }

  /** Writes {@code best}: weights and tokenizers, and the epoch's scores in {@code trainer.json}. */
  void saveBest(Path best, TrainerState s, EpochResult r) throws IOException {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("step", s.step);
    state.put("epoch", r.epoch());
    state.put("devBleu", EpochResult.finite(r.devBleu()));
    state.put("devLoss", EpochResult.finite(r.devLoss()));
    state.put("bleu", r.bleu());
    Seq2SeqCheckpoints.save(best, model, sourceTokenizer, targetTokenizer, null, state);
  }

  /** Puts the best weights back: from memory when this session saw them, else from {@code best}. */
  void restoreBest(Map<String, Tensor> inMemory, Path best) throws IOException {
    if (inMemory != null) {
      model.loadStateDict(inMemory, true);
    } else if (best != null && Files.isDirectory(best)) {
      model.loadStateDict(Checkpoint.load(best).model(), true);
    }
  }

  /** A copy of the model's weights that later steps do not change. */
  Map<String, Tensor> snapshot() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    model.stateDict().forEach((k, v) -> out.put(k, v.detach().copy()));
    return out;
  }

  /** {@code value} as parsed JSON gives it (Long, Double, ...), for comparisons with a checkpoint. */
  private static Object jsonValue(Object value) {
    return Json.parse(Json.write(value, false), "value");
  }
}
