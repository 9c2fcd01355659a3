package org.attention4j.models.registry;

import java.util.Map;
import org.attention4j.io.Checkpoint;
import org.attention4j.models.seq2seq.Seq2SeqModel;
import org.attention4j.text.Tokenizer;

/**
 * A loaded translation checkpoint (see {@link Seq2SeqCheckpoints}).
 *
 * @param model the model with the checkpoint's weights, in evaluation mode
 * @param sourceTokenizer the source tokenizer
 * @param targetTokenizer the target tokenizer (the same object as the source's when shared)
 * @param raw the checkpoint as read: optimizer tensors and trainer state for resuming
 */
public record Seq2SeqCheckpoint(Seq2SeqModel model, Tokenizer sourceTokenizer, Tokenizer targetTokenizer,
    Checkpoint raw) {

  /** The training step the checkpoint was saved at. */
  public long step() {
    return raw.step();
  }

  /** The trainer state ({@code trainer.json}). */
  public Map<String, Object> trainerState() {
    return raw.trainer();
  }

  /**
   * The optimizer state saved with the checkpoint, for {@code optimizer.loadState(s.tensors(),
   * s.meta())}; {@code null} when it was saved without one.
   */
  public OptimizerState optimizerState() {
    if (!(raw.trainer().get(Seq2SeqCheckpoints.OPTIMIZER_KEY) instanceof Map<?, ?> meta)) return null;
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) meta;
    return new OptimizerState(raw.optimizer(), m);
  }

  /** Whether one tokenizer serves both languages ({@code tokenizer.json}). */
  public boolean sharedTokenizer() {
    return sourceTokenizer == targetTokenizer;
  }
}
