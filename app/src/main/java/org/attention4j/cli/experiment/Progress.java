package org.attention4j.cli.experiment;

import java.io.Console;
import java.io.PrintWriter;
import java.util.Locale;
import org.attention4j.train.StepProgress;
import org.attention4j.train.TrainingListener;

/**
 * Progress of a training run on stderr: a bar redrawn in place on a terminal (at most five times
 * a second), or one plain line every ten seconds when stderr is a file or a pipe, so that logs
 * of long experiments stay readable. {@link #quiet()} shows nothing (for {@code --json} runs
 * inside scripts and for tests).
 */
final class Progress implements TrainingListener, AutoCloseable {
  private static final int WIDTH = 24;

  private final PrintWriter err;
  private final String label;
  private final boolean terminal;
  private final long intervalNs;
  private long lastShown = Long.MIN_VALUE / 2;
  private boolean drawn;
  private float smoothLoss = Float.NaN;

  private Progress(PrintWriter err, String label, boolean terminal) {
    this.err = err;
    this.label = label;
    this.terminal = terminal;
    this.intervalNs = terminal ? 200_000_000L : 10_000_000_000L;
  }

  /** A bar labelled {@code label} on {@code err}, or nothing when {@code err} is null. */
  static Progress to(PrintWriter err, String label) {
    Console console = System.console();
    return new Progress(err, label, console != null && console.isTerminal());
  }

  /** Progress that shows nothing. */
  static Progress quiet() {
    return new Progress(null, "", false);
  }

  @Override
  public void onStep(StepProgress p) {
    smoothLoss = Float.isNaN(smoothLoss) ? p.loss() : 0.95f * smoothLoss + 0.05f * p.loss();
    show(p.fraction(), p.elapsedSeconds(), p.etaSeconds(), String.format(Locale.ROOT,
        "step %d loss %.2f %,.0f tok/s", p.step(), smoothLoss, p.tokensPerSecond()), false);
  }

  /** Shows {@code done} of {@code total} items of a non-training phase (decoding). */
  void items(String what, int done, int total, double elapsedSeconds) {
    double f = total == 0 ? 1 : (double) done / total;
    show(f, elapsedSeconds, f > 0 ? elapsedSeconds * (1 - f) / f : 0,
        String.format(Locale.ROOT, "%s %d/%d", what, done, total), done == total);
  }

  private void show(double fraction, double elapsed, double eta, String status, boolean force) {
    if (err == null) return;
    long now = System.nanoTime();
    if (!force && now - lastShown < intervalNs) return;
    lastShown = now;
    double f = Math.max(0, Math.min(1, fraction));
    int filled = (int) Math.round(f * WIDTH);
    String time = f < 1 ? "ETA " + clock(eta) : clock(elapsed);
    String line = String.format(Locale.ROOT, "%s [%s%s] %3.0f%% %s %s", label, "#".repeat(filled),
        "-".repeat(WIDTH - filled), 100 * f, status, time);
    if (terminal) {
      err.print("\r" + line + "\033[K");
    } else {
      err.println(line);
    }
    err.flush();
    drawn = true;
  }

  static String clock(double seconds) {
    long s = Math.round(Math.max(0, seconds));
    return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }

  /** Ends the bar's line. */
  @Override
  public void close() {
    if (err != null && drawn && terminal) {
      err.println();
      err.flush();
    }
  }
}
