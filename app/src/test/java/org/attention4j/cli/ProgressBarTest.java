package org.attention4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The shared progress bar, drawn on a fake clock into a string. */
class ProgressBarTest {
  private static final long S = 1_000_000_000L;

  private final StringWriter text = new StringWriter();
  private final PrintWriter err = new PrintWriter(text, true);
  private long now;

  private ProgressBar bar(boolean terminal) {
    return new ProgressBar(err, "training", terminal, false, () -> now);
  }

  @Test
  void update_inALog_writesBarPercentStatusAndEta() {
    ProgressBar b = bar(false);
    now = 4 * S;
    b.update(0.5, 4, "step 5 loss 1.000 1,234 tok/s", false);
    assertEquals("training [############------------]  50% step 5 loss 1.000 1,234 tok/s ETA 0:04\n", text.toString());
  }

  @Test
  void update_whenDone_showsTheTimeTaken() {
    ProgressBar b = bar(false);
    now = 4 * S;
    b.update(1, 65, 0, "60/60 lines", true);
    assertEquals("training [########################] 100% 60/60 lines 1:05\n", text.toString());
  }

  @Test
  void update_givenEta_usesIt_andNothingDoneYet_showsElapsed() {
    ProgressBar b = bar(false);
    now = 4 * S;
    b.update(0.25, 10, 3725, "x", true);
    b.update(0, 10, "y", true);
    assertEquals("training [######------------------]  25% x ETA 1:02:05\n"
        + "training [------------------------]   0% y 0:10\n", text.toString());
  }

  @Test
  void update_inTheQuietStart_drawsNothing_evenWhenForced() {
    ProgressBar b = bar(false);
    now = ProgressBar.QUIET_SECONDS * S - 1;
    b.update(0.5, 2, "x", true);
    b.close();
    assertEquals("", text.toString());
  }

  @Test
  void update_inALog_atMostOneLineEveryTenSeconds_unlessForced() {
    ProgressBar b = bar(false);
    now = 4 * S;
    b.update(0.1, 4, "a", false);
    now = 13 * S;
    b.update(0.2, 13, "b", false);
    b.update(0.3, 13, "c", true);
    now = 24 * S;
    b.update(0.4, 24, "d", false);
    b.close();
    assertEquals(3, text.toString().lines().count(), text.toString());
    assertEquals("training [##########--------------]  40% d ETA 0:36", text.toString().lines().toList().getLast());
  }

  @Test
  void terminal_redrawsInPlace_andCloseEndsTheLine() {
    ProgressBar b = bar(true);
    now = 4 * S;
    b.update(0.5, 4, "a", false);
    now += S / 10;
    b.update(0.6, 4, "skipped: within 0.2 s", false);
    now += S / 5;
    b.update(1, 5, "b", false);
    b.close();
    assertEquals("\rtraining [############------------]  50% a ETA 0:04\033[K"
        + "\rtraining [########################] 100% b 0:05\033[K\n", text.toString());
  }

  @Test
  void clearWhenDone_clearsTheLineOnClose() {
    ProgressBar b = bar(true).clearWhenDone();
    now = 4 * S;
    b.status("timed run 1/3");
    b.close();
    assertEquals("\rtraining: timed run 1/3\033[K\r\033[K", text.toString());
  }

  @Test
  void println_clearsTheBarFirst_andTheBarComesBackAtTheNextUpdate() {
    StringWriter out = new StringWriter();
    ProgressBar b = bar(true);
    now = 4 * S;
    b.update(0.5, 4, "a", false);
    b.println(new PrintWriter(out), "epoch 1");
    b.update(0.5, 4, "b", false);
    assertEquals("epoch 1" + System.lineSeparator(), out.toString());
    assertEquals("\rtraining [############------------]  50% a ETA 0:04\033[K\r\033[K"
        + "\rtraining [############------------]  50% b ETA 0:04\033[K", text.toString());
  }

  @Test
  void withoutAStream_showsNothing() {
    ProgressBar b = ProgressBar.to(null, "training");
    b.update(0.5, 100, "x", true);
    b.status("y");
    b.close();
  }

  @Test
  void clock_minutesThenHours_negativeIsZero() {
    assertEquals("0:00", ProgressBar.clock(-3));
    assertEquals("1:05", ProgressBar.clock(65));
    assertEquals("59:59", ProgressBar.clock(3599));
    assertEquals("1:00:00", ProgressBar.clock(3600));
  }
}
