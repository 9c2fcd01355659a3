package org.attention4j.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

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
import org.junit.jupiter.api.DynamicTest;

/**
 * The PyTorch golden fixtures under {@code fixtures/<group>/}, written by
 * {@code scripts/reference/fixtures.py}: one dynamic test per file, named after it.
 *
 * <p>The directory of a group is, in this order: {@code <dir>/<group>} where the system property
 * {@code attention4j.fixtures} or the environment variable {@code ATTN_FIXTURES} names a
 * {@code fixtures} directory; {@code src/test/resources/fixtures/<group>} of the module under
 * test, so that regenerated files count without a rebuild; the classpath resource
 * {@code fixtures/<group>}. A group without files fails: fixtures are committed, and a test that
 * finds none must not pass or be skipped silently.
 */
public final class Fixtures {
  private Fixtures() {}

  /** A check of one fixture file, opened. */
  @FunctionalInterface
  public interface Check {
    void run(SafetensorsFile file) throws Exception;
  }

  /** A check of one fixture file, by path. */
  @FunctionalInterface
  public interface PathCheck {
    void run(Path file) throws Exception;
  }

  /** One dynamic test per {@code .safetensors} file of {@code group}, each running {@code check}. */
  public static Stream<DynamicTest> each(String group, Check check) {
    return eachPath(group, p -> {
      try (SafetensorsFile f = Safetensors.read(p)) {
        check.run(f);
      }
    });
  }

  /** One dynamic test per {@code .safetensors} file of {@code group}, given its path. */
  public static Stream<DynamicTest> eachPath(String group, PathCheck check) {
    return files(group).stream().map(p -> DynamicTest.dynamicTest(
        p.getFileName().toString().replace(".safetensors", ""), p.toUri(), () -> check.run(p)));
  }

  /**
   * The {@code .safetensors} files of {@code group}, sorted by name.
   *
   * @throws AssertionError if there are none
   */
  public static List<Path> files(String group) {
    Path dir = dir(group);
    List<Path> files = List.of();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> s = Files.list(dir)) {
        files = s.filter(p -> p.getFileName().toString().endsWith(".safetensors")).sorted().toList();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    assertFalse(files.isEmpty(), "no PyTorch fixtures under " + dir.toAbsolutePath()
        + "; generate them with scripts/reference/venv.sh and scripts/reference/fixtures.py");
    return files;
  }

  /** The directory of {@code group} (see the class comment); it may not exist. */
  public static Path dir(String group) {
    String override = System.getProperty("attention4j.fixtures", System.getenv("ATTN_FIXTURES"));
    if (override != null && !override.isBlank()) return Path.of(override).resolve(group);
    Path source = Path.of("src", "test", "resources", "fixtures", group);
    if (Files.isDirectory(source)) return source;
    URL url = Fixtures.class.getClassLoader().getResource("fixtures/" + group);
    if (url == null) return source;
    if (!"file".equals(url.getProtocol())) fail("fixtures/" + group + " is not a directory on disk: " + url);
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
