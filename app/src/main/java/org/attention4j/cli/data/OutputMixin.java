package org.attention4j.cli.data;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where an importer writes, and how it reports. */
final class OutputMixin {
  @Option(names = "--out", paramLabel = "DIR", required = true, order = 90,
      description = "The corpus directory to write (created if missing; corpus files in it are replaced).")
  Path out;

  @Option(names = "--json", order = 91, description = "Print one JSON line (counts and stats) instead of the summary.")
  boolean json;
}
