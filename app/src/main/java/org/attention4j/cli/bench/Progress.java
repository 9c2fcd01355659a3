package org.attention4j.cli.bench;

import java.io.Console;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress on stderr for benchmarks that take more than a few seconds: silent at first, then a
 * line rewritten in place on a terminal, or a new line every few seconds when stderr is a file or
 * pipe. Closing it ends the line it drew, if any.
 */
final class Progress implements AutoCloseable {
  /** Nothing is shown before this many nanoseconds. */
  private static final long QUIET_NS = 5_000_000_000L;

  private final PrintWriter err;
  private final String label;
  private final boolean terminal;
  private final long intervalNs;
  private final long start = System.nanoTime();
  private long lastShown;
  private boolean shown;

  private Progress(PrintWriter err, String label, boolean terminal) {
    this.err = err;
    this.label = label;
    this.terminal = terminal;
    this.intervalNs = terminal ? 200_000_000L : 10_000_000_000L;
  }

  /** Progress for {@code label} on {@code err}, drawn in place when the JVM has a terminal. */
  static Progress to(PrintWriter err, String label) {
    Console console = System.console();
    return new Progress(err, label, console != null && console.isTerminal());
  }

  /** Notes a finished warm-up run. */
  void warmup(int runs, double targetSeconds) {
    show(String.format(Locale.ROOT, "warm-up: %d runs, %.1f/%.1f s", runs, elapsedSeconds(),
        targetSeconds));
  }

  /** Notes a finished timed run. */
  void timed(int done, int total) {
    show("timed run " + done + "/" + total);
  }

  private void show(String status) {
    long now = System.nanoTime();
    if (now - start < QUIET_NS || (shown && now - lastShown < intervalNs)) return;
    String line = label + ": " + status;
    if (terminal) {
      err.print("\r" + line + "\033[K");
    } else {
      err.println(line);
    }
    err.flush();
    shown = true;
    lastShown = now;
  }

  private double elapsedSeconds() {
    return (System.nanoTime() - start) / 1e9;
  }

  @Override
  public void close() {
    if (shown && terminal) {
      err.print("\r\033[K");
      err.flush();
    }
  }
}
