package org.attention4j.data.corpus;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.attention4j.data.CorpusFormatException;
import org.attention4j.io.AtomicFiles;
import org.attention4j.io.Json;

/**
 * The on-disk form of a {@link ParallelCorpus}: a directory holding
 *
 * <ul>
 *   <li>{@code train.tsv.gz}, {@code dev.tsv.gz}, {@code test.tsv.gz}: gzipped UTF-8, one pair
 *       per line, {@code id TAB source TAB target LF}, no header, no comments. Fields are never
 *       empty and never contain a tab, CR or LF. <b>There is no escaping</b>: text is stored
 *       byte for byte, and an importer that meets a tab or line break inside a text
 *       normalises it to a space ({@link TextCleaning#normalize}) — a backslash in the text is
 *       just a backslash. (Escaping would make every backslash ambiguous, and gettext messages
 *       are full of literal {@code \n} and {@code \\} sequences that must survive as written.)
 *   <li>{@code corpus.json}: {@code format} ({@value #FORMAT}), {@code version} ({@value
 *       #VERSION}), {@code sourceLang}, {@code targetLang}, {@code origin}, {@code license},
 *       {@code command}, {@code counts} ({@code {"train": n, "dev": n, "test": n}}), {@code
 *       notes} (array of strings) and {@code stats} (object of integers).
 * </ul>
 *
 * <p>Writing is atomic per file (temp file, fsync, rename: {@link AtomicFiles}) and ordered so
 * that a reader never takes a half-written directory for a corpus: an existing {@code
 * corpus.json} is deleted first, the three splits are written, and {@code corpus.json} comes
 * last. The output is deterministic: gzip at level 9 with no file name and a zero
 * modification time, so the same corpus gives the same bytes (with the same zlib).
 *
 * <p>Reading checks every rule and names the file, the line and the rule on failure: the
 * counts in {@code corpus.json} match the files, ids are unique across the three files, and no
 * training pair equals a dev or test pair.
 */
public final class ParallelCorpusFiles {

  /** The value of {@code format} in {@code corpus.json}. */
  public static final String FORMAT = "attention4j-parallel-corpus";

  /** The value of {@code version} in {@code corpus.json} that this code writes and reads. */
  public static final int VERSION = 1;

  /** The metadata file of a corpus directory. */
  public static final String INFO_FILE = "corpus.json";

  private ParallelCorpusFiles() {}

  /**
   * Writes a corpus into {@code dir} (created if missing), replacing the corpus files that are
   * there; other files in the directory are left alone.
   */
  public static void write(Path dir, ParallelCorpus corpus) throws IOException {
    Files.createDirectories(dir);
    Files.deleteIfExists(dir.resolve(INFO_FILE));
    for (Split s : Split.values()) {
      AtomicFiles.write(dir.resolve(s.fileName()), splitBytes(corpus.split(s)));
    }
    AtomicFiles.write(dir.resolve(INFO_FILE),
        (Json.write(infoJson(corpus), true) + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** The gzipped bytes of one split file, as {@link #write} writes them. */
  public static byte[] splitBytes(List<SentencePair> pairs) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
    try (OutputStream gz = new Level9GzipOutputStream(bytes)) {
      StringBuilder chunk = new StringBuilder(1 << 16);
      for (SentencePair p : pairs) {
        chunk.append(p.id()).append('\t').append(p.source()).append('\t').append(p.target())
            .append('\n');
        if (chunk.length() > 1 << 15) {
          gz.write(chunk.toString().getBytes(StandardCharsets.UTF_8));
          chunk.setLength(0);
        }
      }
      gz.write(chunk.toString().getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  private static Map<String, Object> infoJson(ParallelCorpus corpus) {
    CorpusInfo info = corpus.info();
    Map<String, Object> counts = new LinkedHashMap<>();
    for (Split s : Split.values()) {
      counts.put(s.label(), corpus.split(s).size());
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("format", FORMAT);
    json.put("version", VERSION);
    json.put("sourceLang", info.sourceLang());
    json.put("targetLang", info.targetLang());
    json.put("origin", info.origin());
    json.put("license", info.license());
    json.put("command", info.command());
    json.put("counts", counts);
    json.put("notes", info.notes());
    json.put("stats", info.stats());
    return json;
  }

  /**
   * Reads and checks a corpus directory.
   *
   * @throws NoSuchFileException if {@code corpus.json} or a split file is missing
   * @throws CorpusFormatException naming the file, the line (or field) and the broken rule
   */
  public static ParallelCorpus read(Path dir) throws IOException {
    Path infoFile = dir.resolve(INFO_FILE);
    if (!Files.isRegularFile(infoFile)) {
      throw new NoSuchFileException(infoFile.toString(), null, "no " + INFO_FILE
          + ": not a corpus directory, or a write was interrupted");
    }
    String infoName = infoFile.toString();
    Map<String, Object> json;
    CorpusInfo info;
    Map<Split, Integer> counts = new EnumMap<>(Split.class);
    try {
      json = Json.parseObject(Files.readString(infoFile, StandardCharsets.UTF_8), infoName);
      String format = Json.getString(json, "format", infoName);
      if (!format.equals(FORMAT)) {
        throw new CorpusFormatException(infoName + ": field 'format' is '" + format
            + "', expected '" + FORMAT + "'");
      }
      int version = Json.getInt(json, "version", infoName);
      if (version != VERSION) {
        throw new CorpusFormatException(infoName + ": unsupported version " + version
            + " (this code reads version " + VERSION + ")");
      }
      Map<String, Object> countJson = Json.getObject(json, "counts", infoName);
      for (Split s : Split.values()) {
        int n = Json.getInt(countJson, s.label(), infoName + ": counts");
        if (n < 0) {
          throw new CorpusFormatException(infoName + ": counts." + s.label() + " is negative");
        }
        counts.put(s, n);
      }
      List<String> notes = new ArrayList<>();
      for (Object o : Json.getList(json, "notes", infoName)) {
        if (!(o instanceof String str)) {
          throw new CorpusFormatException(infoName + ": field 'notes' must hold only strings");
        }
        notes.add(str);
      }
      Map<String, Long> stats = new LinkedHashMap<>();
      for (Map.Entry<String, Object> e : Json.getObject(json, "stats", infoName).entrySet()) {
        if (!(e.getValue() instanceof Long v)) {
          throw new CorpusFormatException(infoName + ": stats." + e.getKey()
              + " must be an integer");
        }
        stats.put(e.getKey(), v);
      }
      info = new CorpusInfo(Json.getString(json, "sourceLang", infoName),
          Json.getString(json, "targetLang", infoName), Json.getString(json, "origin", infoName),
          Json.getString(json, "license", infoName), Json.getString(json, "command", infoName),
          notes, stats);
    } catch (IllegalArgumentException e) {
      throw new CorpusFormatException(e.getMessage().startsWith(infoName) ? e.getMessage()
          : infoName + ": " + e.getMessage(), e);
    }

    Map<String, String> ids = new HashMap<>(); // id -> "file line n"
    Map<String, String> heldOut = new HashMap<>(); // source TAB target -> "file line n"
    Map<Split, List<SentencePair>> splits = new EnumMap<>(Split.class);
    for (Split s : List.of(Split.TEST, Split.DEV, Split.TRAIN)) { // held-out first
      Path file = dir.resolve(s.fileName());
      List<SentencePair> pairs;
      try (InputStream in = Files.newInputStream(file)) {
        pairs = readSplit(in, file.toString(), s, ids, heldOut);
      }
      if (pairs.size() != counts.get(s)) {
        throw new CorpusFormatException(file + ": holds " + pairs.size() + " pairs, but "
            + INFO_FILE + " counts " + counts.get(s) + " (mixed files from two writes?)");
      }
      splits.put(s, pairs);
    }
    return new ParallelCorpus(info, splits.get(Split.TRAIN), splits.get(Split.DEV),
        splits.get(Split.TEST));
  }

  /**
   * Reads one split file; see the class comment for the rules.
   *
   * @param ids ids seen so far, with where; updated
   * @param heldOut dev/test pairs seen so far, with where; updated for dev and test, checked
   *     for train
   */
  static List<SentencePair> readSplit(InputStream gzipped, String name, Split split,
      Map<String, String> ids, Map<String, String> heldOut) throws IOException {
    byte[] data;
    try (GZIPInputStream gz = new GZIPInputStream(gzipped, 1 << 16)) {
      data = gz.readAllBytes();
    } catch (EOFException e) {
      throw new CorpusFormatException(name + ": gzip stream ends early; the file is truncated", e);
    } catch (ZipException e) {
      throw new CorpusFormatException(name + ": not a valid gzip file: " + e.getMessage(), e);
    }
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    List<SentencePair> pairs = new ArrayList<>();
    int lineNo = 0;
    int start = 0;
    while (start < data.length) {
      lineNo++;
      int end = start;
      while (end < data.length && data[end] != '\n') {
        end++;
      }
      String where = name + ": line " + lineNo + ": ";
      if (end == data.length) {
        throw new CorpusFormatException(
            where + "the last line has no line break; the file is truncated");
      }
      String line;
      try {
        line = utf8.decode(ByteBuffer.wrap(data, start, end - start)).toString();
      } catch (CharacterCodingException e) {
        throw new CorpusFormatException(where + "not valid UTF-8", e);
      }
      start = end + 1;
      String[] f = line.split("\t", -1);
      if (f.length != 3) {
        throw new CorpusFormatException(where
            + "expected 3 tab-separated fields (id, source, target), found " + f.length);
      }
      String[] names = {"id", "source", "target"};
      for (int i = 0; i < 3; i++) {
        if (f[i].isEmpty()) {
          throw new CorpusFormatException(where + "empty " + names[i]);
        }
        if (f[i].indexOf('\r') >= 0) {
          throw new CorpusFormatException(where + names[i] + " contains a carriage return"
              + " (lines end with LF only; texts hold no line breaks)");
        }
      }
      String here = name + " line " + lineNo;
      String before = ids.putIfAbsent(f[0], here);
      if (before != null) {
        throw new CorpusFormatException(where + "id '" + f[0] + "' already used at " + before);
      }
      String key = f[1] + '\t' + f[2];
      if (split == Split.TRAIN) {
        String same = heldOut.get(key);
        if (same != null) {
          throw new CorpusFormatException(where + "training pair " + f[0]
              + " equals the held-out pair at " + same);
        }
      } else {
        heldOut.putIfAbsent(key, here);
      }
      pairs.add(new SentencePair(f[0], f[1], f[2]));
    }
    return pairs;
  }

  /** gzip at deflate level 9; the header has mtime 0 and no name. */
  private static final class Level9GzipOutputStream extends GZIPOutputStream {
    Level9GzipOutputStream(OutputStream out) throws IOException {
      super(out, 1 << 16);
      def.setLevel(Deflater.BEST_COMPRESSION);
    }
  }
}
