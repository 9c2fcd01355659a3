package org.attention4j.data.tsv;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.attention4j.data.CorpusFormatException;
import org.attention4j.data.corpus.CleaningOptions;
import org.attention4j.data.corpus.CleaningStats;
import org.attention4j.data.corpus.CorpusAssembler;
import org.attention4j.data.corpus.CorpusInfo;
import org.attention4j.data.corpus.HashSplit;
import org.attention4j.data.corpus.ParallelCorpus;
import org.attention4j.data.corpus.ParallelCorpusFiles;

/**
 * Imports a user's own parallel text: one pair per line, {@code source TAB target}; this is
 * what {@code attn data import tsv} runs.
 *
 * <p>The input is UTF-8 (a leading byte-order mark is ignored), plain or gzipped (recognised
 * by its first bytes, not its name). Lines end with LF or CRLF; the last line may lack one.
 * There is no quoting and no escaping: every tab separates columns, so a line must hold
 * exactly one. Empty lines are skipped (and counted); a first line of column names is skipped
 * only when asked ({@code skipHeader}) — nothing is guessed. Each pair's id is {@code
 * line:N}, its line number in the file.
 *
 * <p>Then the shared cleaning ({@link CorpusAssembler}: NFC and whitespace, length and ratio
 * filters, exact duplicates removed) and a split by the hash of the cleaned source ({@link
 * HashSplit}).
 *
 * <p>Errors name the file, the line and the rule: {@code pairs.tsv: line 7: expected 2
 * tab-separated columns (source, target), found 3}, {@code pairs.tsv: line 3: not valid
 * UTF-8}, {@code pairs.tsv: empty corpus (no lines with a pair)}.
 */
public final class TsvImporter {

  /**
   * How to read the file and what to record.
   *
   * @param sourceLang language code of the first column ({@code en})
   * @param targetLang language code of the second column ({@code de})
   * @param skipHeader whether the first line holds column names; default false
   * @param cleaning the filters; default {@link CleaningOptions#DEFAULTS}
   * @param split the hash split; default {@link HashSplit#DEFAULT}
   * @param license the text's license, for {@code corpus.json}; default "unknown (user-supplied
   *     file)"
   * @param command the command line to record in {@code corpus.json}
   */
  public record Options(String sourceLang, String targetLang, boolean skipHeader,
      CleaningOptions cleaning, HashSplit split, String license, String command) {

    public Options {
      if (sourceLang == null || sourceLang.isBlank() || targetLang == null
          || targetLang.isBlank()) {
        throw new IllegalArgumentException("TsvImporter: name both languages (e.g. en and de)");
      }
      if (cleaning == null) {
        cleaning = CleaningOptions.DEFAULTS;
      }
      if (split == null) {
        split = HashSplit.DEFAULT;
      }
      if (license == null) {
        license = "unknown (user-supplied file)";
      }
      if (command == null) {
        command = "attn data import tsv --source-lang " + sourceLang + " --target-lang "
            + targetLang + " FILE --out DIR";
      }
    }

    /** The defaults for two languages. */
    public static Options of(String sourceLang, String targetLang) {
      return new Options(sourceLang, targetLang, false, null, null, null, null);
    }

    /** These options with the header line skipped or not. */
    public Options withSkipHeader(boolean skip) {
      return new Options(sourceLang, targetLang, skip, cleaning, split, license, command);
    }

    /** These options with other cleaning. */
    public Options withCleaning(CleaningOptions c) {
      return new Options(sourceLang, targetLang, skipHeader, c, split, license, command);
    }
  }

  /**
   * What the import did.
   *
   * @param lines lines in the file
   * @param emptyLines empty lines skipped
   * @param headerLines header lines skipped (0 or 1)
   * @param cleaning what cleaning and splitting did to the remaining pairs
   */
  public record Stats(Path file, int lines, int emptyLines, int headerLines,
      CleaningStats cleaning) {

    /** Two lines, as the CLI prints them. */
    public String summary() {
      return "tsv " + file + ": " + lines + " lines (" + emptyLines + " empty, " + headerLines
          + " header)\n" + cleaning.summary();
    }
  }

  /** A built corpus and its stats. */
  public record Result(ParallelCorpus corpus, Stats stats) {}

  private TsvImporter() {}

  /**
   * Imports {@code file} and writes the corpus to {@code outDir}.
   *
   * @throws CorpusFormatException naming the file, the line and the rule
   */
  public static Stats build(Path file, Options options, Path outDir) throws IOException {
    Result r = collect(file, options);
    ParallelCorpusFiles.write(outDir, r.corpus());
    return r.stats();
  }

  /** Imports {@code file} into memory; see the class comment. */
  public static Result collect(Path file, Options options) throws IOException {
    String name = file.toString();
    byte[] data = Files.readAllBytes(file);
    if (data.length >= 2 && (data[0] & 0xFF) == 0x1f && (data[1] & 0xFF) == 0x8b) {
      try (GZIPInputStream gz = new GZIPInputStream(new ByteArrayInputStream(data), 1 << 16)) {
        data = gz.readAllBytes();
      } catch (EOFException e) {
        throw new CorpusFormatException(name + ": gzip stream ends early; the file is truncated",
            e);
      } catch (ZipException e) {
        throw new CorpusFormatException(name + ": not a valid gzip file: " + e.getMessage(), e);
      }
    }
    int start = 0;
    if (data.length >= 3 && (data[0] & 0xFF) == 0xEF && (data[1] & 0xFF) == 0xBB
        && (data[2] & 0xFF) == 0xBF) {
      start = 3;
    }
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    List<CorpusAssembler.Candidate> candidates = new ArrayList<>();
    int lineNo = 0;
    int empty = 0;
    int header = 0;
    while (start < data.length) {
      lineNo++;
      int end = start;
      while (end < data.length && data[end] != '\n') {
        end++;
      }
      int stop = end > start && data[end - 1] == '\r' ? end - 1 : end;
      String where = name + ": line " + lineNo + ": ";
      String line;
      try {
        line = utf8.decode(ByteBuffer.wrap(data, start, stop - start)).toString();
      } catch (CharacterCodingException e) {
        throw new CorpusFormatException(where + "not valid UTF-8", e);
      }
      start = end + 1;
      if (lineNo == 1 && options.skipHeader()) {
        header++;
        continue;
      }
      if (line.isEmpty()) {
        empty++;
        continue;
      }
      int tab = line.indexOf('\t');
      int columns = (int) line.chars().filter(c -> c == '\t').count() + 1;
      if (columns != 2) {
        throw new CorpusFormatException(where
            + "expected 2 tab-separated columns (source, target), found " + columns);
      }
      candidates.add(new CorpusAssembler.Candidate("line:" + lineNo, line.substring(0, tab),
          line.substring(tab + 1)));
    }
    if (candidates.isEmpty()) {
      throw new CorpusFormatException(name + ": empty corpus (no lines with a pair)");
    }
    CorpusAssembler.Result assembled =
        CorpusAssembler.assemble(candidates, options.split(), options.cleaning());
    CleaningStats cleaning = assembled.stats();
    if (cleaning.kept() == 0) {
      throw new CorpusFormatException(name + ": empty corpus after cleaning: none of the "
          + candidates.size() + " pairs was kept (" + cleaning.summary() + ")");
    }
    Stats stats = new Stats(file, lineNo, empty, header, cleaning);
    Map<String, Long> s = new LinkedHashMap<>();
    s.put("lines", (long) lineNo);
    s.put("emptyLines", (long) empty);
    s.put("headerLines", (long) header);
    s.putAll(cleaning.toMap("cleaning."));
    CorpusInfo info = new CorpusInfo(options.sourceLang(), options.targetLang(),
        "tab-separated pairs from " + file.toAbsolutePath(), options.license(),
        options.command(), List.of(stats.summary().replace('\n', ' '), "options: "
            + options.cleaning() + ", split dev " + options.split().devPerMille()
            + "/1000, test " + options.split().testPerMille() + "/1000 by SHA-256 of the"
            + " source"), s);
    return new Result(assembled.toCorpus(info), stats);
  }
}
