package org.attention4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.attention4j.io.Json;

/**
 * One in-process run of {@code attn}: its exit code and what it wrote to stdout and stderr. The
 * tests of the subpackages run {@code attn} through {@link #of} too, with assertions of their own.
 */
public record CliRun(int exitCode, String out, String err) {
  /** Runs {@link Main#run} with {@code args}, capturing both streams. */
  public static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new CliRun(code, out.toString(), err.toString());
  }

  List<String> outLines() {
    return out.lines().toList();
  }

  List<String> errLines() {
    return err.lines().toList();
  }

  /** Asserts exit code 2 and a single {@code attn: } line on stderr; returns that line. */
  String assertUsageError() {
    assertEquals(Main.EXIT_USAGE, exitCode, () -> "exit code; stderr: " + err);
    return assertOneErrorLine();
  }

  /** Asserts exactly one stderr line, starting with {@code attn: }; returns it. */
  String assertOneErrorLine() {
    assertEquals(1, errLines().size(), () -> "stderr lines: " + err);
    String line = errLines().getFirst();
    assertTrue(line.startsWith("attn: "), line);
    assertEquals("", out, "nothing on stdout");
    return line;
  }

  /** Asserts success and exactly one stdout line holding a JSON object; returns the object. */
  Map<String, Object> assertOneJsonLine() {
    assertEquals(Main.EXIT_OK, exitCode, () -> "exit code; stderr: " + err);
    assertEquals(1, outLines().size(), () -> "stdout lines: " + out);
    return Json.parseObject(outLines().getFirst(), "stdout");
  }
}
