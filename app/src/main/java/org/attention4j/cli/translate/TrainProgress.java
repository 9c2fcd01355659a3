package org.attention4j.cli.translate;

import java.io.PrintWriter;
import java.util.Locale;
import org.attention4j.cli.ProgressBar;
import org.attention4j.train.EpochResult;
import org.attention4j.train.StepProgress;
import org.attention4j.train.TrainingListener;

/**
 * What {@code attn train translate} shows while it trains: a progress bar on stderr with the
 * step, the epoch, the loss (smoothed), tokens per second and the time left; one line per
 * finished epoch with its losses and dev BLEU on {@code lines} (stdout, or stderr under {@code
 * --json}).
 */
final class TrainProgress implements TrainingListener, AutoCloseable {
  private final ProgressBar bar;
  private final PrintWriter lines;
  private float smoothLoss = Float.NaN;
  private StepProgress last;

  TrainProgress(PrintWriter err, PrintWriter lines) {
    this.bar = ProgressBar.to(err, "training").clearWhenDone();
    this.lines = lines;
  }

  @Override
  public void onStep(StepProgress p) {
    last = p;
    smoothLoss = Float.isNaN(smoothLoss) ? p.loss() : 0.9f * smoothLoss + 0.1f * p.loss();
    String status = String.format(Locale.ROOT, "step %d/%d epoch %d/%d loss %.3f %,.0f tok/s", p.step(), p.totalSteps(),
        p.epoch(), p.epochs(), smoothLoss, p.tokensPerSecond());
    bar.update(p.fraction(), p.elapsedSeconds(), p.etaSeconds(), status, false);
  }

  @Override
  public void onDecoding(int done, int total) {
    if (last == null) return;
    bar.update(last.fraction(), last.elapsedSeconds(),
        String.format(Locale.ROOT, "epoch %d: decoding dev %d/%d", last.epoch(), done, total), false);
  }

  @Override
  public void onEpochEnd(EpochResult r) {
    bar.println(lines, epochLine(r));
  }

  /** {@code epoch 3  step 27  train loss 4.321  dev loss 4.012  dev BLEU 1.23 (best)  12.3 s}. */
  static String epochLine(EpochResult r) {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "epoch %d  step %d", r.epoch(), r.step()));
    if (!Double.isNaN(r.trainLoss())) sb.append(String.format(Locale.ROOT, "  train loss %.3f", r.trainLoss()));
    if (!Double.isNaN(r.devLoss())) sb.append(String.format(Locale.ROOT, "  dev loss %.3f", r.devLoss()));
    if (!Double.isNaN(r.devBleu())) {
      sb.append(String.format(Locale.ROOT, "  dev BLEU %.2f", r.devBleu())).append(r.improved() ? " (best)" : "");
    }
    return sb.append(String.format(Locale.ROOT, "  %.1f s", r.seconds())).toString();
  }

  @Override
  public void close() {
    bar.close();
  }
}
