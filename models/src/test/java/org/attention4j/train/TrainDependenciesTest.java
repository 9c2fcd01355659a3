package org.attention4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the translation trainer family-agnostic: {@code train} imports the model contract and the
 * registry, never {@code models.rnn} or {@code models.transformer}; only {@code models.registry}
 * knows the families.
 */
class TrainDependenciesTest {
  private static final Path MAIN = Path.of("src/main/java/org/attention4j");

  private static List<String> violations(String pkg, List<String> allowed) throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MAIN.resolve(pkg))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        for (String line : Files.readAllLines(f)) {
          if (!line.startsWith("import ")) continue;
          String target = line.substring("import ".length()).replace("static ", "").strip();
          if (allowed.stream().noneMatch(target::startsWith)) out.add(f.getFileName() + ": " + line);
        }
      }
    }
    return out;
  }

  @Test
  void train_importsTheContractNotTheFamilies() throws IOException {
    assertEquals(List.of(), violations("train", List.of("java.", "org.attention4j.data.corpus.", "org.attention4j.text.",
        "org.attention4j.eval.", "org.attention4j.decode.", "org.attention4j.models.seq2seq.",
        "org.attention4j.models.registry.", "org.attention4j.models.lm.", "org.attention4j.optim.",
        "org.attention4j.io.", "org.attention4j.tensor.", "org.attention4j.autograd.", "org.attention4j.nn.")));
  }

  @Test
  void registry_importsNoTrainingOrDecoding() throws IOException {
    assertEquals(List.of(), violations("models/registry", List.of("java.", "org.attention4j.models.",
        "org.attention4j.attention.", "org.attention4j.text.", "org.attention4j.io.", "org.attention4j.optim.",
        "org.attention4j.tensor.")));
  }
}
