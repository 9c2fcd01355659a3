package org.attention4j.cli.data;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.attention4j.cli.Main;
import org.attention4j.data.corpus.ParallelCorpusFiles;
import org.attention4j.io.Json;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What every {@code attn data import} command does around its importer: turns option values the
 * importer rejects into usage errors (exit 2), missing files into one-line failures (exit 1),
 * records the real command line in {@code corpus.json}, and prints the importer's summary or one
 * JSON line.
 */
abstract class ImportCommandBase implements Callable<Integer> {
  private static final Pattern PLAIN_ARG = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

  @Spec CommandSpec spec;
  @Mixin OutputMixin output;

  /** One import, ready to run. */
  @FunctionalInterface
  interface Import {
    /** Writes the corpus into {@code out}; returns the importer's summary. */
    String run(Path out) throws IOException;
  }

  /** The importer's name in the JSON output: {@code bible}, {@code gettext}, ... */
  abstract String source();

  /**
   * Checks the options and builds the import.
   *
   * @param command the command line to record
   * @throws IllegalArgumentException for option values the importer rejects (a usage error)
   * @throws IOException for a missing input file or directory
   */
  abstract Import prepare(String command) throws IOException;

  @Override
  public final Integer call() throws IOException {
    Import work;
    try {
      work = prepare(commandLine());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    String summary;
    try {
      summary = work.run(output.out);
    } catch (NoSuchFileException e) {
      throw new IOException(describe(e), e);
    }
    print(summary);
    return Main.EXIT_OK;
  }

  private void print(String summary) throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    Path infoFile = output.out.resolve(ParallelCorpusFiles.INFO_FILE);
    Map<String, Object> info = Json.parseObject(Files.readString(infoFile, StandardCharsets.UTF_8), infoFile.toString());
    if (output.json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("source", source());
      m.put("out", output.out.toString());
      m.put("sourceLang", info.get("sourceLang"));
      m.put("targetLang", info.get("targetLang"));
      m.put("counts", info.get("counts"));
      m.put("stats", info.get("stats"));
      m.put("command", info.get("command"));
      out.println(Json.write(m, false));
    } else {
      out.println(summary);
      out.println("corpus " + info.get("sourceLang") + " -> " + info.get("targetLang") + " written to " + output.out);
    }
    out.flush();
  }

  /** A missing-file exception as one line: {@code no such file or directory: /x/y}, or with its reason. */
  static String describe(NoSuchFileException e) {
    return e.getReason() == null ? "no such file or directory: " + e.getFile() : e.getMessage();
  }

  /** Fails (exit 1) unless {@code dir} is a directory. */
  static void requireDirectory(Path dir, String what) throws NoSuchFileException {
    if (!Files.isDirectory(dir)) throw new NoSuchFileException(dir.toString(), null, "no such " + what);
  }

  /** The command line as typed (arguments quoted for a POSIX shell where needed), for corpus.json. */
  private String commandLine() {
    List<String> args = spec.commandLine().getParseResult().originalArgs();
    StringBuilder sb = new StringBuilder("attn");
    for (String a : args) {
      sb.append(' ').append(PLAIN_ARG.matcher(a).matches() ? a : "'" + a.replace("'", "'\\''") + "'");
    }
    return sb.toString();
  }
}
