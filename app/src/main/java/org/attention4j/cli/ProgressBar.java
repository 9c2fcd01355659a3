package org.attention4j.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The one progress bar of every {@code attn} command, on stderr:
 *
 * <pre>
 * training [#########---------------]  38% step 23/60 loss 4.321 1,234 tok/s ETA 0:42
 * attn bench gemm: warm-up: 12 runs, 1.3/2.0 s
 * </pre>
 *
 * <p>Nothing is shown for the first {@value #QUIET_SECONDS} seconds, so that short runs stay
 * quiet. Then the line is redrawn in place on a terminal (at most five times a second), or
 * written as one plain line every ten seconds when stderr is a file or a pipe, so that logs of
 * long runs stay readable. {@link #update} draws a bar with the fraction done, the caller's
 * status text and the time left; {@link #status} draws the status text alone, for work whose
 * length is not known. {@link #println} prints a line of its own without breaking the bar.
 *
 * <p>When closed, a bar on a terminal either ends its line, so that its last state stays on
 * screen (the default), or clears it ({@link #clearWhenDone()}).
 *
 * <p>Not thread-safe: one thread draws it.
 */
public final class ProgressBar implements AutoCloseable {
  /** Nothing is drawn before this many seconds have passed. */
  public static final int QUIET_SECONDS = 3;

  private static final int WIDTH = 24;
  private static final long TERMINAL_INTERVAL_NS = 200_000_000L;
  private static final long LOG_INTERVAL_NS = 10_000_000_000L;

  private final PrintWriter err;
  private final String label;
  private final boolean terminal;
  private final boolean clearWhenDone;
  private final LongSupplier nanoTime;
  private final long created;
  private final long intervalNs;
  private long lastShown;
  private boolean onScreen; // an unfinished line of the bar stands on the terminal

  /**
   * A bar for tests: {@code nanoTime} is its clock.
   *
   * @param err where it draws, or null to draw nothing
   * @param terminal redraw in place (else plain lines, at most one every ten seconds)
   */
  ProgressBar(PrintWriter err, String label, boolean terminal, boolean clearWhenDone, LongSupplier nanoTime) {
    this.err = err;
    this.label = label;
    this.terminal = terminal;
    this.clearWhenDone = clearWhenDone;
    this.nanoTime = nanoTime;
    this.created = nanoTime.getAsLong();
    this.intervalNs = terminal ? TERMINAL_INTERVAL_NS : LOG_INTERVAL_NS;
    this.lastShown = created - 2 * LOG_INTERVAL_NS;
  }

  /**
   * A bar labelled {@code label} on {@code err}, redrawn in place when the JVM has a terminal.
   *
   * @param err where it draws, or null for a bar that shows nothing (for {@code --json} runs in
   *     scripts, and for tests)
   */
  public static ProgressBar to(PrintWriter err, String label) {
    Console console = System.console();
    return new ProgressBar(err, label, console != null && console.isTerminal(), false, System::nanoTime);
  }

  /** This bar, but closing it clears its line on a terminal instead of leaving the last state. */
  public ProgressBar clearWhenDone() {
    return new ProgressBar(err, label, terminal, true, nanoTime);
  }

  /** Seconds since the bar was created. */
  public double elapsedSeconds() {
    return (nanoTime.getAsLong() - created) / 1e9;
  }

  /**
   * Shows {@code fraction} in [0, 1] done, a status text and the time left, or the time taken once
   * done. Calls too soon after the last drawn one are skipped unless {@code force}.
   *
   * @param etaSeconds the time left, or NaN to estimate it from the fraction and the elapsed time
   */
  public void update(double fraction, double elapsedSeconds, double etaSeconds, String status, boolean force) {
    if (!due(force)) return;
    double f = Math.max(0, Math.min(1, fraction));
    double eta = Double.isNaN(etaSeconds) ? (f > 0 ? elapsedSeconds * (1 - f) / f : Double.NaN) : etaSeconds;
    String time = f < 1 && Double.isFinite(eta) ? "ETA " + clock(eta) : clock(elapsedSeconds);
    int filled = (int) Math.round(f * WIDTH);
    draw(String.format(Locale.ROOT, "%s [%s%s] %3.0f%% %s %s", label, "#".repeat(filled), "-".repeat(WIDTH - filled),
        100 * f, status, time));
  }

  /** {@link #update(double, double, double, String, boolean)} with the time left estimated from the fraction. */
  public void update(double fraction, double elapsedSeconds, String status, boolean force) {
    update(fraction, elapsedSeconds, Double.NaN, status, force);
  }

  /** Shows {@code label: status}, without a bar. Calls too soon after the last drawn one are skipped. */
  public void status(String status) {
    if (due(false)) draw(label + ": " + status);
  }

  /** Prints {@code line} on {@code to} (stdout or stderr); on a terminal the bar's line is cleared first. */
  public void println(PrintWriter to, String line) {
    clearLine();
    to.println(line);
    to.flush();
    if (terminal) lastShown = nanoTime.getAsLong() - intervalNs; // redraw the bar at the next update
  }

  /** {@code m:ss}, or {@code h:mm:ss} from an hour on; negative times read 0:00. */
  public static String clock(double seconds) {
    long s = Math.round(Math.max(0, seconds));
    return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }

  /** Ends the bar's line on a terminal, or clears it ({@link #clearWhenDone()}). */
  @Override
  public void close() {
    if (!onScreen) return;
    if (clearWhenDone) {
      clearLine();
    } else {
      err.println();
      err.flush();
      onScreen = false;
    }
  }

  /** Whether a line may be drawn now: past the quiet start, and {@code force} or the interval since the last one. */
  private boolean due(boolean force) {
    if (err == null) return false;
    long now = nanoTime.getAsLong();
    if (now - created < QUIET_SECONDS * 1_000_000_000L) return false;
    if (!force && now - lastShown < intervalNs) return false;
    lastShown = now;
    return true;
  }

  private void draw(String line) {
    if (terminal) {
      err.print("\r" + line + "\033[K");
    } else {
      err.println(line);
    }
    err.flush();
    onScreen = terminal;
  }

  private void clearLine() {
    if (!onScreen) return;
    err.print("\r\033[K");
    err.flush();
    onScreen = false;
  }
}
