package org.attention4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.attention4j.kernel.Parallel;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The conventions every command shares: help, version, exit codes and one-line errors. */
class MainTest {
  private static final String COMMANDS =
      "demo, info, bench, data, train, translate, eval, align, viz, doctor, serve-viz, experiment";

  @Test
  void help_printsUsageAndCommands() {
    CliRun run = CliRun.of("--help");
    assertEquals(Main.EXIT_OK, run.exitCode());
    assertTrue(run.out().startsWith("Usage: attn "), run.out());
    assertTrue(run.out().contains("info"), run.out());
    assertTrue(run.out().contains("bench"), run.out());
    assertTrue(run.out().contains("--threads"), run.out());
    assertEquals("", run.err());
  }

  @Test
  void help_onEveryCommand() {
    List<String> paths = new ArrayList<>();
    collect(new CommandLine(new AttnCommand()), List.of(), paths);
    assertTrue(paths.contains("bench gemm"), paths::toString);
    for (String path : paths) {
      List<String> args = new ArrayList<>(path.isEmpty() ? List.of() : List.of(path.split(" ")));
      args.add("--help");
      CliRun run = CliRun.of(args.toArray(String[]::new));
      assertEquals(Main.EXIT_OK, run.exitCode(), path);
      assertTrue(run.out().startsWith("Usage: attn " + path), path + ": " + run.out());
      assertTrue(run.out().contains("--threads=N"), path + " lacks the global --threads");
    }
  }

  private static void collect(CommandLine cl, List<String> prefix, List<String> out) {
    out.add(String.join(" ", prefix));
    cl.getSubcommands().forEach((name, sub) -> {
      List<String> p = new ArrayList<>(prefix);
      p.add(name);
      collect(sub, p, out);
    });
  }

  @Test
  void version_printsProjectVersionAndJdk() {
    CliRun run = CliRun.of("--version");
    assertEquals(Main.EXIT_OK, run.exitCode());
    List<String> lines = run.outLines();
    assertTrue(Pattern.matches("attn \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?", lines.get(0)), lines.get(0));
    assertTrue(lines.get(1).startsWith("JDK " + Runtime.version().feature()), lines.get(1));
  }

  @Test
  void version_onSubcommand() {
    CliRun run = CliRun.of("bench", "gemm", "--version");
    assertEquals(Main.EXIT_OK, run.exitCode());
    assertTrue(run.out().startsWith("attn "), run.out());
  }

  @Test
  void unknownCommand_isOneLineUsageError() {
    String line = CliRun.of("infp").assertUsageError();
    assertEquals("attn: unknown command 'infp' for 'attn'; commands: " + COMMANDS
        + "; did you mean 'info'? (see 'attn --help')", line);
  }

  @Test
  void unknownOption_isOneLineUsageError() {
    String line = CliRun.of("info", "--bogus").assertUsageError();
    assertEquals("attn: Unknown option: '--bogus' (see 'attn info --help')", line);
  }

  @Test
  void noCommand_isUsageErrorListingCommands() {
    String line = CliRun.of().assertUsageError();
    assertEquals("attn: missing command; one of: " + COMMANDS + " (see 'attn --help')", line);
  }

  @Test
  void threadsZero_isUsageError_beforeOrAfterTheCommand() {
    assertEquals("attn: --threads must be >= 1, got 0 (see 'attn info --help')",
        CliRun.of("--threads", "0", "info").assertUsageError());
    assertEquals("attn: --threads must be >= 1, got 0 (see 'attn bench gemm --help')",
        CliRun.of("bench", "gemm", "--threads", "0").assertUsageError());
  }

  @Test
  void threadsNotANumber_isUsageError() {
    String line = CliRun.of("info", "--threads", "two").assertUsageError();
    assertTrue(line.contains("'two' is not an int"), line);
  }

  @Test
  void threadsFlag_appliesToTheCommandOnly() {
    int before = Parallel.threads();
    int wanted = before == 3 ? 4 : 3;
    var info = CliRun.of("info", "--json", "--threads", String.valueOf(wanted)).assertOneJsonLine();
    assertEquals((long) wanted, info.get("threads"));
    assertEquals("flag", info.get("threads_source"));
    assertEquals(before, Parallel.threads(), "restored after the command");
  }

  @Test
  void failure_isExitOneWithOneLine() {
    // 40000^2 floats fit one array each but not a test heap: a failure, not a usage error.
    CliRun run = CliRun.of("bench", "gemm", "--size", "40000", "--json");
    assertEquals(Main.EXIT_FAILURE, run.exitCode(), run.err());
    String line = run.assertOneErrorLine();
    assertTrue(Pattern.matches("attn: bench gemm: the matrices need 17\\.9 GiB but the max heap is"
        + " [0-9.]+ GiB; raise it, e\\.g\\. ATTN_JAVA_OPTS=-Xmx\\d+g", line), line);
  }
}
