package org.attention4j.train;

import java.nio.file.Path;
import java.util.List;

/**
 * Several {@link TrainingListener}s as one ({@link Seq2SeqTrainer#listener} takes one): each call
 * goes to every listener in the given order, e.g. a progress bar and {@link AttentionSnapshots}.
 */
public final class TrainingListeners implements TrainingListener {
  private final List<TrainingListener> listeners;

  private TrainingListeners(List<TrainingListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  /** A listener that passes every call to each of {@code listeners}, in order. */
  public static TrainingListener of(TrainingListener... listeners) {
    return new TrainingListeners(List.of(listeners));
  }

  @Override
  public void onStart(TrainingPlan plan) {
    for (TrainingListener l : listeners) l.onStart(plan);
  }

  @Override
  public void onStep(StepProgress progress) {
    for (TrainingListener l : listeners) l.onStep(progress);
  }

  @Override
  public void onDecoding(int done, int total) {
    for (TrainingListener l : listeners) l.onDecoding(done, total);
  }

  @Override
  public void onEpochEnd(EpochResult result) {
    for (TrainingListener l : listeners) l.onEpochEnd(result);
  }

  @Override
  public void onCheckpoint(Path dir, boolean best) {
    for (TrainingListener l : listeners) l.onCheckpoint(dir, best);
  }
}
