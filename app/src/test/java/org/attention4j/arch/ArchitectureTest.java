package org.attention4j.arch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the package dependencies pointing the way DESIGN.md draws them, by scanning every main
 * source file for references to other attention4j packages (imports and fully qualified names).
 *
 * <p>One deliberate change from DESIGN.md's first sketch: {@code autograd} is the generic tape
 * engine (nodes, topological backward, grad mode) and knows no tensor type, while the
 * differentiable op families sit beside {@code Tensor} in {@code tensor}. So the core chain is
 * {@code kernel, autograd <- tensor <- nn <- attention}.
 */
class ArchitectureTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  /** For each package (first segment after org.attention4j), the packages it may use. */
  private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
      Map.entry("kernel", Set.of()),
      Map.entry("autograd", Set.of()),
      Map.entry("tensor", Set.of("kernel", "autograd")),
      Map.entry("nn", Set.of("kernel", "autograd", "tensor")),
      Map.entry("attention", Set.of("kernel", "autograd", "tensor", "nn")),
      Map.entry("optim", Set.of("kernel", "autograd", "tensor", "nn")),
      Map.entry("io", Set.of("kernel", "autograd", "tensor", "nn")),
      Map.entry("text", Set.of("kernel", "autograd", "tensor", "nn", "io")),
      Map.entry("data", Set.of("kernel", "autograd", "tensor", "nn", "io", "text")),
      Map.entry("models", Set.of("kernel", "autograd", "tensor", "nn", "attention", "io", "text")),
      // train decodes the dev set greedily (decode.GreedyDecoder) to score BLEU after each epoch
      Map.entry("train", Set.of("kernel", "autograd", "tensor", "nn", "attention", "optim", "io", "text", "data", "models", "eval",
          "decode")),
      Map.entry("decode", Set.of("kernel", "autograd", "tensor", "nn", "attention", "text", "models")),
      Map.entry("eval", Set.of("kernel", "tensor", "text")),
      Map.entry("viz", Set.of("kernel", "tensor", "attention", "io", "text", "eval")),
      Map.entry("serve", Set.of("kernel", "autograd", "tensor", "nn", "attention", "io", "text", "models", "decode", "viz")),
      Map.entry("cli", Set.of("*")));

  private static final Pattern REF = Pattern.compile("org\\.attention4j\\.([a-z0-9_]+)");

  @Test
  void packages_dependOnlyDownward() throws IOException {
    List<String> violations = new ArrayList<>();
    Set<String> unknown = new TreeSet<>();
    for (String module : List.of("core", "models", "app")) {
      Path src = ROOT.resolve(module).resolve("src/main/java/org/attention4j");
      if (!Files.isDirectory(src)) continue;
      try (Stream<Path> files = Files.walk(src)) {
        files.filter(p -> p.toString().endsWith(".java")).forEach(file -> {
          String own = src.relativize(file).getName(0).toString();
          Set<String> allowed = ALLOWED.get(own);
          if (allowed == null) {
            unknown.add(own);
            return;
          }
          for (String used : references(file)) {
            if (!used.equals(own) && !allowed.contains("*") && !allowed.contains(used)) {
              violations.add(ROOT.relativize(file) + ": package '" + own + "' uses '" + used + "'");
            }
          }
        });
      }
    }
    assertTrue(unknown.isEmpty(), "packages missing from the dependency table (add them, with DESIGN.md): " + unknown);
    assertTrue(violations.isEmpty(), "dependency rule broken:\n" + String.join("\n", violations));
  }

  @Test
  void coreModule_neverUsesModelsOrApp() throws IOException {
    Set<String> upper = Set.of("text", "data", "models", "train", "decode", "eval", "cli", "viz", "serve");
    List<String> violations = new ArrayList<>();
    Path src = ROOT.resolve("core/src/main/java/org/attention4j");
    try (Stream<Path> files = Files.walk(src)) {
      files.filter(p -> p.toString().endsWith(".java")).forEach(file -> {
        for (String used : references(file)) {
          if (upper.contains(used)) violations.add(ROOT.relativize(file) + " uses " + used);
        }
      });
    }
    assertTrue(violations.isEmpty(), "core must not know about text, corpora or the CLI:\n" + String.join("\n", violations));
  }

  private static Set<String> references(Path file) {
    Set<String> out = new TreeSet<>();
    try {
      for (String line : Files.readAllLines(file)) {
        String code = line.strip();
        if (code.startsWith("//") || code.startsWith("*") || code.startsWith("/*")) continue;
        Matcher m = REF.matcher(code);
        while (m.find()) out.add(m.group(1));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
