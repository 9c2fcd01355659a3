package org.attention4j.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.attention4j.io.Safetensors;
import org.attention4j.io.SafetensorsFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;

/**
 * The PyTorch golden fixtures under {@code fixtures/<group>/} on the test classpath, written by
 * {@code scripts/reference/fixtures.py}: one dynamic test per file.
 */
public final class Fixtures {
  private Fixtures() {}

  /** A check of one fixture file. */
  @FunctionalInterface
  public interface Check {
    void run(SafetensorsFile file) throws Exception;
  }

  /** One dynamic test per {@code .safetensors} file of {@code group}, each running {@code check}. */
  public static Stream<DynamicTest> each(String group, Check check) {
    URL dir = Fixtures.class.getResource("/fixtures/" + group);
    Assumptions.assumeTrue(dir != null, "no fixtures/" + group + " on the test classpath; generate them with scripts/reference/fixtures.py");
    List<Path> files;
    try (Stream<Path> s = Files.list(Path.of(dir.toURI()))) {
      files = s.filter(p -> p.toString().endsWith(".safetensors")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    Assumptions.assumeFalse(files.isEmpty(), "fixtures/" + group + " holds no .safetensors files");
    return files.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
      try (SafetensorsFile f = Safetensors.read(p)) {
        check.run(f);
      }
    }));
  }
}
