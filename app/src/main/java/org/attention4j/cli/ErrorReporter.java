package org.attention4j.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.BooleanSupplier;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns errors into the one-line messages the CLI promises: {@code attn: <message>} on stderr,
 * followed by a stack trace only when debugging is on.
 */
final class ErrorReporter {
  private static final String PREFIX = "attn: ";

  private final PrintWriter err;
  private final BooleanSupplier debug;

  ErrorReporter(PrintWriter err, BooleanSupplier debug) {
    this.err = err;
    this.debug = debug;
  }

  /** Reports a command line that did not parse or broke a rule; returns {@link Main#EXIT_USAGE}. */
  int usageError(ParameterException e, String[] args) {
    CommandLine cl = e.getCommandLine();
    String help = cl.getCommandSpec().qualifiedName() + " --help";
    report(describe(e) + " (see '" + help + "')", e);
    return Main.EXIT_USAGE;
  }

  /** Reports a command that failed while running; returns {@link Main#EXIT_FAILURE}. */
  int failure(Throwable e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) message = e.getClass().getSimpleName();
    report(message, e);
    return Main.EXIT_FAILURE;
  }

  /** Reports a heap that ran out, with the way to enlarge it; returns {@link Main#EXIT_FAILURE}. */
  int outOfMemory(OutOfMemoryError e) {
    long maxMib = Runtime.getRuntime().maxMemory() >> 20;
    report("out of memory (max heap " + maxMib + " MiB); raise it with ATTN_JAVA_OPTS=-Xmx<size>,"
        + " e.g. ATTN_JAVA_OPTS=-Xmx16g", e);
    return Main.EXIT_FAILURE;
  }

  private static String describe(ParameterException e) {
    if (e instanceof UnmatchedArgumentException u && !u.isUnknownOption()
        && !u.getCommandLine().getSubcommands().isEmpty() && !u.getUnmatched().isEmpty()) {
      CommandLine cl = u.getCommandLine();
      String text = "unknown command '" + u.getUnmatched().getFirst() + "' for '"
          + cl.getCommandSpec().qualifiedName() + "'; commands: "
          + String.join(", ", cl.getSubcommands().keySet());
      List<String> suggestions = u.getSuggestions();
      return suggestions.isEmpty() ? text
          : text + "; did you mean '" + suggestions.getFirst() + "'?";
    }
    return e.getMessage();
  }

  private void report(String message, Throwable e) {
    err.println(PREFIX + oneLine(message));
    if (debug.getAsBoolean()) e.printStackTrace(err);
    err.flush();
  }

  private static String oneLine(String message) {
    return message.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
