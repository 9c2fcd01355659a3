package org.attention4j.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import org.attention4j.cli.CliRun;
import org.attention4j.cli.Main;
import org.attention4j.data.synthetic.SyntheticImporter;

/** One in-process run of {@code attn}: exit code, stdout and stderr. */
record Run(int exitCode, String out, String err) {
  /** Runs {@code attn} with {@code args} ({@link CliRun#of}). */
  static Run of(String... args) {
    CliRun r = CliRun.of(args);
    return new Run(r.exitCode(), r.out(), r.err());
  }

  /** Asserts exit code 0 (showing stderr otherwise); returns this. */
  Run ok() {
    assertEquals(Main.EXIT_OK, exitCode, () -> "exit code; stderr: " + err + "\nstdout: " + out);
    return this;
  }

  /** Asserts a usage error: exit 2 and one {@code attn: } line on stderr; returns that line. */
  String usageError() {
    assertEquals(Main.EXIT_USAGE, exitCode, () -> "exit code; stderr: " + err);
    assertEquals(1, err.lines().count(), () -> "stderr: " + err);
    return err.strip();
  }

  /**
   * A small synthetic corpus (with gold alignments) in {@code dir}: 300 pairs of one clause, so
   * that a few steps of a tiny model run in a second.
   */
  static Path tinyCorpus(Path dir) throws IOException {
    var grammar = new org.attention4j.data.synthetic.ReorderingGrammar.Config(20, 10, 10, 4, 1, 1, 1, 1);
    SyntheticImporter.build(new SyntheticImporter.Options(grammar, 7, 300, null, null), dir);
    return dir;
  }
}
