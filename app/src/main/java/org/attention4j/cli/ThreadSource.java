package org.attention4j.cli;

import org.attention4j.kernel.Parallel;

/** Where the worker-thread count of {@link Parallel} came from, in the order it is looked up. */
enum ThreadSource {
  /** The {@code --threads} option. */
  FLAG("flag", "--threads option"),
  /** The system property {@value Parallel#THREADS_PROPERTY}. */
  PROPERTY("property", "system property " + Parallel.THREADS_PROPERTY),
  /** The environment variable {@value Parallel#THREADS_ENV}. */
  ENV("env", "environment variable " + Parallel.THREADS_ENV),
  /** Neither was set: one worker per logical core. */
  CORES("cores", "logical cores");

  private final String key;
  private final String description;

  ThreadSource(String key, String description) {
    this.key = key;
    this.description = description;
  }

  /** The short name used in JSON output. */
  String key() {
    return key;
  }

  /** A phrase for human-readable output. */
  String description() {
    return description;
  }

  /** The source in effect, given whether {@code --threads} was on the command line. */
  static ThreadSource detect(boolean flagGiven) {
    if (flagGiven) return FLAG;
    if (System.getProperty(Parallel.THREADS_PROPERTY) != null) return PROPERTY;
    String env = System.getenv(Parallel.THREADS_ENV);
    if (env != null && !env.isBlank()) return ENV;
    return CORES;
  }
}
