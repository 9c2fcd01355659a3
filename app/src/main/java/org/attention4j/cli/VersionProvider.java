package org.attention4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The {@code --version} text: the project version (from a resource that Maven filters at build
 * time) and the JDK and platform it runs on.
 */
final class VersionProvider implements IVersionProvider {
  private static final String RESOURCE = "version.properties";
  private static final String UNKNOWN = "unknown";

  @Override
  public String[] getVersion() {
    return new String[] {
      "attn " + projectVersion(),
      "JDK " + System.getProperty("java.runtime.version", System.getProperty("java.version"))
          + " (" + System.getProperty("java.vendor") + "), "
          + System.getProperty("os.name") + " " + System.getProperty("os.arch"),
    };
  }

  /**
   * The attention4j version this jar was built as, for example {@code 0.1.0-SNAPSHOT}, from the
   * resource Maven filters; {@code "unknown"} where the classes were built without it (an IDE).
   */
  static String projectVersion() {
    try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
      if (in == null) return UNKNOWN;
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", "").trim();
      return v.isEmpty() || v.contains("${") ? UNKNOWN : v;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
