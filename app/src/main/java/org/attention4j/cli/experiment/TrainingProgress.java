package org.attention4j.cli.experiment;

import java.io.PrintWriter;
import java.util.Locale;
import org.attention4j.cli.ProgressBar;
import org.attention4j.train.StepProgress;
import org.attention4j.train.TrainingListener;

/**
 * Progress of one model's training run in an experiment, on a {@link ProgressBar}: the step, the
 * loss (smoothed), tokens per second and the time left. The bar's last state stays on screen, so
 * that the models of an experiment leave one line each.
 */
final class TrainingProgress implements TrainingListener, AutoCloseable {
  private final ProgressBar bar;
  private float smoothLoss = Float.NaN;

  /** Progress labelled {@code label} on {@code err}, or nothing when {@code err} is null. */
  TrainingProgress(PrintWriter err, String label) {
    this.bar = ProgressBar.to(err, label);
  }

  @Override
  public void onStep(StepProgress p) {
    smoothLoss = Float.isNaN(smoothLoss) ? p.loss() : 0.95f * smoothLoss + 0.05f * p.loss();
    bar.update(p.fraction(), p.elapsedSeconds(), p.etaSeconds(), String.format(Locale.ROOT,
        "step %d loss %.2f %,.0f tok/s", p.step(), smoothLoss, p.tokensPerSecond()), false);
  }

  @Override
  public void close() {
    bar.close();
  }
}
