package org.attention4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./attn} launcher finds a JDK >= 25 when only JDK 17 is on the PATH and JAVA_HOME is
 * unset, and fails with one line when there is none.
 *
 * <p>The launcher runs from a copy of the repository's {@code attn} and {@code scripts/jdk.sh} in
 * a temporary root, whose {@code app/target/attn.jar} is a thin jar over this test run's class
 * path. That keeps the test fast and free of a nested Maven build (the real launcher rebuilds the
 * shaded jar when sources are newer), while the script under test is the real one, byte for byte.
 */
class LauncherTest {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final Path JDK17_BIN = Path.of("/usr/lib/jvm/java-17-openjdk-amd64/bin");
  private static final Path BASH = Path.of("/bin/bash");

  @TempDir static Path tmp;
  private static Path root;

  @BeforeAll
  static void copyLauncher() throws IOException {
    assumeTrue(Files.isExecutable(BASH), "bash is missing");
    assumeTrue(Files.isExecutable(JDK17_BIN.resolve("java")), "JDK 17 is missing at " + JDK17_BIN);
    root = tmp.resolve("repo");
    Files.createDirectories(root.resolve("scripts"));
    Files.createDirectories(root.resolve("app/target"));
    Files.copy(REPO.resolve("attn"), root.resolve("attn"), StandardCopyOption.COPY_ATTRIBUTES);
    Files.copy(REPO.resolve("scripts/jdk.sh"), root.resolve("scripts/jdk.sh"),
        StandardCopyOption.COPY_ATTRIBUTES);
    writeThinJar(root.resolve("app/target/attn.jar"));
  }

  @Test
  void launcher_findsJdk25_whenOnlyJdk17IsOnPath() throws Exception {
    Result version = launch(Map.of(), "--version");
    assertEquals(0, version.exitCode(), version.err());
    Matcher m = Pattern.compile("^JDK (\\d+)", Pattern.MULTILINE).matcher(version.out());
    assertTrue(version.out().startsWith("attn "), version.out());
    assertTrue(m.find() && Integer.parseInt(m.group(1)) >= 25, version.out());

    Result info = launch(Map.of(), "info");
    assertEquals(0, info.exitCode(), info.err());
    assertTrue(info.out().contains("java.home"), info.out());
    assertTrue(info.out().contains("float lanes"), info.out());
  }

  @Test
  void launcher_failsWithOneLine_whenNoJdk25() throws Exception {
    Path emptyJvmDir = Files.createDirectories(tmp.resolve("no-jdks"));
    Result r = launch(Map.of("ATTN_JVM_DIR", emptyJvmDir.toString()), "--version");
    assertEquals(1, r.exitCode(), r.out() + r.err());
    List<String> lines = r.err().lines().toList();
    assertEquals(1, lines.size(), r.err());
    assertTrue(lines.getFirst().contains("needs a JDK >= 25"), lines.getFirst());
    assertEquals("", r.out());
  }

  private record Result(int exitCode, String out, String err) {}

  /** Runs {@code bash attn args} with JDK 17 first on PATH, no JAVA_HOME, plus {@code env}. */
  private static Result launch(Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(BASH.toString(), root.resolve("attn")
        .toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile());
    Map<String, String> e = pb.environment();
    e.remove("JAVA_HOME");
    e.remove("ATTN_JVM_DIR");
    e.remove("ATTN_JAVA_OPTS");
    e.put("PATH", JDK17_BIN + File.pathSeparator + "/usr/bin" + File.pathSeparator + "/bin");
    e.putAll(env);
    Path out = tmp.resolve("out.txt");
    Path err = tmp.resolve("err.txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("launcher did not finish in 60 s: " + command);
    }
    return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  /** A jar with only a manifest: Main-Class and a Class-Path of this test run's class path. */
  private static void writeThinJar(Path jar) throws IOException {
    String cp = System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path"));
    StringBuilder urls = new StringBuilder();
    for (String entry : cp.split(File.pathSeparator)) {
      if (entry.isBlank()) continue;
      if (!urls.isEmpty()) urls.append(' ');
      urls.append(Path.of(entry).toAbsolutePath().toUri()); // directories end in '/'
    }
    Manifest manifest = new Manifest();
    Attributes main = manifest.getMainAttributes();
    main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    main.put(Attributes.Name.MAIN_CLASS, Main.class.getName());
    main.put(Attributes.Name.CLASS_PATH, urls.toString());
    try (OutputStream os = Files.newOutputStream(jar);
        JarOutputStream jos = new JarOutputStream(os, manifest)) {
      jos.setComment("thin jar for LauncherTest");
    }
  }
}
