package org.attention4j.cli.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.attention4j.cli.CliRun;
import org.attention4j.cli.Main;
import org.attention4j.io.Json;

/** One in-process run of {@code attn}: its exit code and what it wrote to stdout and stderr. */
record Cli(int exitCode, String out, String err) {
  /** Runs {@code attn} with {@code args} ({@link CliRun#of}). */
  static Cli run(String... args) {
    CliRun r = CliRun.of(args);
    return new Cli(r.exitCode(), r.out(), r.err());
  }

  List<String> outLines() {
    return out.lines().toList();
  }

  /** Asserts exit code 0; returns this run. */
  Cli assertOk() {
    assertEquals(Main.EXIT_OK, exitCode, () -> "exit code; stderr: " + err + "\nstdout: " + out);
    return this;
  }

  /** Asserts exit code 2 and one {@code attn: } line on stderr; returns that line. */
  String assertUsageError() {
    assertEquals(Main.EXIT_USAGE, exitCode, () -> "exit code; stderr: " + err);
    return assertOneErrorLine();
  }

  /** Asserts exit code 1 and one {@code attn: } line on stderr; returns that line. */
  String assertFailure() {
    assertEquals(Main.EXIT_FAILURE, exitCode, () -> "exit code; stderr: " + err + "\nstdout: " + out);
    return assertOneErrorLine();
  }

  private String assertOneErrorLine() {
    List<String> lines = err.lines().filter(l -> !l.startsWith("training [") && !l.startsWith("decoding [")).toList();
    assertEquals(1, lines.size(), () -> "stderr lines: " + err);
    String line = lines.getFirst();
    assertTrue(line.startsWith("attn: "), line);
    return line;
  }

  /** Asserts success and that the last stdout line is a JSON object; returns it. */
  Map<String, Object> assertJsonLine() {
    assertOk();
    List<String> lines = outLines();
    assertEquals(1, lines.size(), () -> "stdout lines: " + out);
    return Json.parseObject(lines.getFirst(), "stdout");
  }
}
