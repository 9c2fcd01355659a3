package org.attention4j.data.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the corpus packages' imports to what they need: the JDK, the shared exception,
 * {@code data.corpus} for the importers, the Bible packages for the adapter, and {@code
 * org.attention4j.io} (atomic files, JSON) — no model, training or CLI code, and no importer
 * depends on another.
 */
class CorpusDependenciesTest {

  private static final Path DATA = Path.of("src/main/java/org/attention4j/data");
  private static final String EXCEPTION = "org.attention4j.data.CorpusFormatException";

  private static List<String> violations(String pkg, List<String> allowed) throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(DATA.resolve(pkg))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        for (String line : Files.readAllLines(f)) {
          if (!line.startsWith("import ")) {
            continue;
          }
          String target = line.substring("import ".length()).replace("static ", "").strip();
          if (allowed.stream().noneMatch(target::startsWith)) {
            out.add(f.getFileName() + ": " + line);
          }
        }
      }
    }
    return out;
  }

  @Test
  void corpus_importsJdkBibleAndIoOnly() throws IOException {
    assertTrue(Files.isDirectory(DATA), "run from the models module directory");
    assertEquals(List.of(), violations("corpus", List.of("java.", EXCEPTION,
        "org.attention4j.data.bible.", "org.attention4j.data.sword.", "org.attention4j.io.")));
  }

  @Test
  void importers_importJdkCorpusAndIoOnly() throws IOException {
    List<String> allowed = List.of("java.", EXCEPTION, "org.attention4j.data.corpus.",
        "org.attention4j.io.");
    for (String pkg : List.of("gettext", "tsv", "synthetic")) {
      assertEquals(List.of(), violations(pkg, allowed), pkg);
    }
  }
}
