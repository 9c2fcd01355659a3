package org.attention4j.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import org.attention4j.kernel.Parallel;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.RunLast;

/**
 * Entry point of the {@code attn} command-line tool.
 *
 * <p>{@link #run} executes one command line in the current JVM and returns its exit code, which
 * makes every command testable in-process; {@link #main} calls it and exits with that code.
 */
public final class Main {
  /** Exit code of a command that succeeded. */
  public static final int EXIT_OK = 0;
  /** Exit code of a command that failed while running. */
  public static final int EXIT_FAILURE = 1;
  /** Exit code of a command line that could not be parsed or whose arguments are invalid. */
  public static final int EXIT_USAGE = 2;

  private Main() {}

  /** Runs {@code attn} with {@code args} on the process's stdout and stderr, then exits. */
  public static void main(String[] args) {
    PrintWriter out = writer(System.out);
    PrintWriter err = writer(System.err);
    int code = run(args, out, err);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /**
   * Parses and executes one command line, writing normal output to {@code out} and messages to
   * {@code err}. The worker-thread count that {@code --threads} sets applies to this call only:
   * the previous count is restored when the command returns.
   *
   * @return the exit code: {@link #EXIT_OK}, {@link #EXIT_FAILURE} or {@link #EXIT_USAGE}
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    AttnCommand root = new AttnCommand();
    ErrorReporter errors = new ErrorReporter(err, root::debug);
    try {
      int threadsBefore = Parallel.threads();
      try {
        return commandLine(root, out, err, errors).execute(args);
      } finally {
        Parallel.setThreads(threadsBefore);
        out.flush();
        err.flush();
      }
    } catch (ExceptionInInitializerError e) {
      // A kernel class rejected its configuration (for example ATTN_THREADS=abc) when loaded.
      return errors.failure(e.getCause() != null ? e.getCause() : e);
    } catch (OutOfMemoryError e) {
      return errors.outOfMemory(e);
    }
  }

  private static CommandLine commandLine(AttnCommand root, PrintWriter out, PrintWriter err,
      ErrorReporter errors) {
    CommandLine cl = new CommandLine(root);
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionStrategy(parseResult -> execute(root, parseResult));
    cl.setParameterExceptionHandler(errors::usageError);
    cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> errors.failure(e));
    return cl;
  }

  /** Answers help and version requests, applies the global options, then runs the command. */
  private static int execute(AttnCommand root, ParseResult parseResult) {
    Integer helpExit = CommandLine.executeHelpRequest(parseResult);
    if (helpExit != null) return helpExit;
    CommandLine invoked = parseResult.asCommandLineList().getLast();
    root.applyGlobalOptions(invoked);
    return new RunLast().execute(parseResult);
  }

  private static PrintWriter writer(PrintStream stream) {
    return new PrintWriter(new OutputStreamWriter(stream, stream.charset()), true);
  }
}
