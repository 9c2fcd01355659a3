package org.attention4j.cli.translate;

import java.io.Console;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * A progress bar on stderr, drawn like {@code org.attention4j.cli.ProgressBar} (which is private
 * to its package): nothing for the first {@value #QUIET_SECONDS} seconds (short runs stay quiet),
 * then redrawn in place on a terminal at most five times a second, or one plain line every ten
 * seconds when stderr is a file or a pipe. {@link #println} prints a line of its own
 * (on stdout or stderr) without breaking the bar.
 */
final class Progress implements AutoCloseable {
  private static final int WIDTH = 24;
  /** Nothing is drawn before this many seconds have passed. */
  static final int QUIET_SECONDS = 3;

  private final PrintWriter err;
  private final String label;
  private final boolean terminal;
  private final long intervalNs;
  private final long created = System.nanoTime();
  private long lastShown = created - 60_000_000_000L;
  private boolean drawn;

  Progress(PrintWriter err, String label, boolean terminal) {
    this.err = err;
    this.label = label;
    this.terminal = terminal;
    this.intervalNs = terminal ? 200_000_000L : 10_000_000_000L;
  }

  /** A bar drawn in place when the JVM has a terminal. */
  static Progress to(PrintWriter err, String label) {
    Console console = System.console();
    return new Progress(err, label, console != null && console.isTerminal());
  }

  /**
   * Shows {@code fraction} in [0, 1] done, a status text and the time left ({@code etaSeconds},
   * or NaN to estimate it from the fraction). Calls too soon after the last drawn one are
   * skipped unless {@code force}.
   */
  void update(double fraction, double elapsedSeconds, double etaSeconds, String status, boolean force) {
    long now = System.nanoTime();
    if (now - created < QUIET_SECONDS * 1_000_000_000L) return;
    if (!force && now - lastShown < intervalNs) return;
    lastShown = now;
    double f = Math.max(0, Math.min(1, fraction));
    double eta = Double.isNaN(etaSeconds) ? (f > 0 ? elapsedSeconds * (1 - f) / f : Double.NaN) : etaSeconds;
    String time = f < 1 && Double.isFinite(eta) ? "ETA " + clock(eta) : clock(elapsedSeconds);
    int filled = (int) Math.round(f * WIDTH);
    String line = String.format(Locale.ROOT, "%s [%s%s] %3.0f%% %s %s", label, "#".repeat(filled),
        "-".repeat(WIDTH - filled), 100 * f, status, time);
    if (terminal) {
      err.print("\r" + line + "\033[K");
    } else {
      err.println(line);
    }
    err.flush();
    drawn = terminal;
  }

  /** Prints {@code line} on {@code to}; on a terminal the bar's line is cleared first. */
  void println(PrintWriter to, String line) {
    if (drawn) {
      err.print("\r\033[K");
      err.flush();
      drawn = false;
    }
    to.println(line);
    to.flush();
    if (terminal) lastShown = System.nanoTime() - intervalNs; // redraw the bar at the next update
  }

  static String clock(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }

  /** Clears the bar's line on a terminal. */
  @Override
  public void close() {
    if (drawn) {
      err.print("\r\033[K");
      err.flush();
      drawn = false;
    }
  }
}
