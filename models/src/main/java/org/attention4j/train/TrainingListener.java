package org.attention4j.train;

import java.nio.file.Path;

/**
 * Hears what a {@link Seq2SeqTrainer} does, for progress bars and logs. Every method has an
 * empty default; calls come from the training thread, between steps. A listener may call
 * {@link Seq2SeqTrainer#requestStop()}.
 */
public interface TrainingListener {
  /** Before the first step of this session (also of a resumed one). */
  default void onStart(TrainingPlan plan) {}

  /** After every optimizer step. */
  default void onStep(StepProgress progress) {}

  /** While the dev set is being decoded: {@code done} of {@code total} pairs. */
  default void onDecoding(int done, int total) {}

  /** After each epoch's evaluation and {@code best} checkpoint, before its {@code last} checkpoint. */
  default void onEpochEnd(EpochResult result) {}

  /** After a checkpoint was written; {@code best} for the best-so-far one. */
  default void onCheckpoint(Path dir, boolean best) {}

  /**
   * What a session will do.
   *
   * @param trainPairs training pairs
   * @param devPairs dev pairs (for loss; BLEU may use fewer)
   * @param batchesPerEpoch batches of the first epoch (later ones differ by a few)
   * @param totalSteps the planned steps in all (epochs times batches, or the step limit)
   * @param startStep steps already done (0, or where a resumed run goes on)
   * @param startEpoch the epoch the session starts in, from 1
   * @param epochs epochs in all
   * @param parameters trainable parameters of the model
   */
  record TrainingPlan(int trainPairs, int devPairs, int batchesPerEpoch, int totalSteps, int startStep, int startEpoch,
      int epochs, long parameters) {}
}
