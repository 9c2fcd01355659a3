package org.attention4j.data;

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
 * Keeps the corpus readers free of dependencies: the sources of
 * {@code org.attention4j.data.sword} and {@code org.attention4j.data.bible} import only
 * the JDK and {@code org.attention4j.data} itself, and {@code sword} knows nothing of
 * {@code bible}.
 */
class DataDependenciesTest {

  private static final Path DATA = Path.of("src/main/java/org/attention4j/data");

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
  void sword_importsJdkOnly() throws IOException {
    assertTrue(Files.isDirectory(DATA), "run from the models module directory");
    assertEquals(List.of(), violations("sword", List.of("java.")));
  }

  @Test
  void bible_importsJdkAndDataOnly() throws IOException {
    assertEquals(List.of(), violations("bible",
        List.of("java.", "org.attention4j.data.sword.", "org.attention4j.data.CorpusFormatException")));
  }
}
