package org.attention4j.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * A progress bar on stderr for anything longer than a few seconds: redrawn in place on a
 * terminal (at most five times a second), or one plain line every ten seconds when stderr is a
 * file or a pipe. It shows a bar, the fraction done, the caller's status text and an ETA.
 */
final class ProgressBar implements AutoCloseable {
  private static final int WIDTH = 24;

  private final PrintWriter err;
  private final String label;
  private final boolean terminal;
  private final long intervalNs;
  private long lastShown = Long.MIN_VALUE / 2;
  private boolean drawn;

  ProgressBar(PrintWriter err, String label, boolean terminal) {
    this.err = err;
    this.label = label;
    this.terminal = terminal;
    this.intervalNs = terminal ? 200_000_000L : 10_000_000_000L;
  }

  /** A bar drawn in place when the JVM has a terminal. */
  static ProgressBar to(PrintWriter err, String label) {
    Console console = System.console();
    return new ProgressBar(err, label, console != null && console.isTerminal());
  }

  /**
   * Shows progress {@code fraction} in [0, 1] after {@code elapsedSeconds}, with a status text.
   * Calls that come too soon after the last drawn one are skipped unless {@code force}.
   */
  void update(double fraction, double elapsedSeconds, String status, boolean force) {
    long now = System.nanoTime();
    if (!force && now - lastShown < intervalNs) return;
    lastShown = now;
    double f = Math.max(0, Math.min(1, fraction));
    int filled = (int) Math.round(f * WIDTH);
    String eta = f > 0 && f < 1 ? "ETA " + clock(elapsedSeconds * (1 - f) / f) : clock(elapsedSeconds);
    String line = String.format(Locale.ROOT, "%s [%s%s] %3.0f%% %s %s", label, "#".repeat(filled),
        "-".repeat(WIDTH - filled), 100 * f, status, eta);
    if (terminal) {
      err.print("\r" + line + "\033[K");
    } else {
      err.println(line);
    }
    err.flush();
    drawn = true;
  }

  static String clock(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }

  /** Ends the bar's line. */
  @Override
  public void close() {
    if (drawn && terminal) {
      err.println();
      err.flush();
    }
  }
}
