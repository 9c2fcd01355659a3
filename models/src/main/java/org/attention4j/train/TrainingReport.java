package org.attention4j.train;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What a {@link Seq2SeqTrainer} session did.
 *
 * @param stop why it stopped
 * @param steps steps done in all (earlier sessions included)
 * @param epochsCompleted epochs finished in all
 * @param history every finished epoch, earlier sessions included
 * @param bestEpoch the epoch with the best dev BLEU, from 1; 0 when none was measured
 * @param bestBleu its BLEU, NaN when none
 * @param bestCheckpoint where the best weights were saved, or {@code null}
 * @param lastCheckpoint the checkpoint to resume from, or {@code null} without a checkpoint directory
 * @param firstStep the step this session started after (0 for a fresh run)
 * @param losses the loss of each step of this session, in order (step {@code firstStep + 1} first)
 * @param seconds wall time of this session
 * @param tokensPerSecond real source and target tokens per second in this session
 */
public record TrainingReport(StopReason stop, int steps, int epochsCompleted, List<EpochResult> history, int bestEpoch,
    double bestBleu, Path bestCheckpoint, Path lastCheckpoint, int firstStep, List<Float> losses, double seconds,
    double tokensPerSecond) {

  /** Why training stopped. */
  public enum StopReason {
    /** All epochs done. */
    COMPLETED,
    /** Dev BLEU did not improve for {@code patience} epochs. */
    EARLY_STOPPED,
    /** The step limit was reached. */
    MAX_STEPS,
    /** The session's time limit was reached. */
    TIME_LIMIT,
    /** {@link Seq2SeqTrainer#requestStop()} was called. */
    INTERRUPTED
  }

  public TrainingReport {
    history = List.copyOf(history);
    losses = List.copyOf(losses);
  }

  /** One line for logs: {@code completed after 1200 steps (10 epochs); best dev BLEU 23.41 at epoch 8}. */
  public String summary() {
    String why = stop.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    String best = bestEpoch > 0 ? String.format(Locale.ROOT, "; best dev BLEU %.2f at epoch %d", bestBleu, bestEpoch) : "";
    return why + " after " + steps + " steps (" + epochsCompleted + " epochs)" + best;
  }
}
