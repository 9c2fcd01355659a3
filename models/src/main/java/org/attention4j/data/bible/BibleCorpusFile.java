package org.attention4j.data.bible;

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
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.attention4j.data.CorpusFormatException;
import org.attention4j.data.sword.VerseRef;
import org.attention4j.data.sword.Versification;

/**
 * The file format of a Bible corpus: gzipped UTF-8 text, comment lines starting with
 * {@code #} (the header), then one line per verse pair in canonical order:
 *
 * <pre>ref TAB split TAB source TAB target</pre>
 *
 * e.g. {@code Gen.1.1	train	In the beginning God created ...	En el principio crió Dios ...}.
 * Lines end with {@code \n}; texts contain no tab or newline.
 *
 * <p>{@link #write} is deterministic: the same corpus gives the same bytes. The gzip
 * header carries no file name and a zero modification time (as {@link GZIPOutputStream}
 * writes it), and the deflate level is 9. Byte-identical output across machines also
 * needs the same zlib; the JDK's bundled zlib (Temurin) is the reference.
 */
public final class BibleCorpusFile {

  private BibleCorpusFile() {}

  /**
   * Writes a corpus atomically (a temporary file in the same directory, then a rename).
   *
   * @throws IllegalArgumentException if a text contains a tab or line break, or a header
   *     line a line break
   */
  public static void write(Path file, BibleCorpus corpus) throws IOException {
    byte[] bytes = toBytes(corpus);
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = dir.resolve("." + file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    try {
      Files.write(tmp, bytes); // created with the process's default permissions
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** The gzipped bytes {@link #write} would write. */
  public static byte[] toBytes(BibleCorpus corpus) throws IOException {
    StringBuilder text = new StringBuilder(1 << 20);
    for (String line : corpus.header()) {
      if (line.contains("\n") || line.contains("\r")) {
        throw new IllegalArgumentException("BibleCorpusFile: header line contains a line break: '"
            + line + "'");
      }
      text.append(line.isEmpty() ? "#" : "# " + line).append('\n');
    }
    for (VersePair p : corpus.pairs()) {
      checkField(p, p.source());
      checkField(p, p.target());
      text.append(p.ref()).append('\t').append(p.split().label()).append('\t')
          .append(p.source()).append('\t').append(p.target()).append('\n');
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 20);
    try (OutputStream gz = new Level9GzipOutputStream(bytes)) {
      gz.write(text.toString().getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  private static void checkField(VersePair p, String s) {
    if (s.indexOf('\t') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
      throw new IllegalArgumentException(
          "BibleCorpusFile: text of " + p.ref() + " contains a tab or line break");
    }
  }

  /** Reads a corpus file; see {@link #read(InputStream, String)}. */
  public static BibleCorpus read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString());
    }
  }

  /**
   * Reads and checks a corpus: every data line has four fields, a reference of the KJV
   * versification in strictly increasing canonical order, the split its book belongs to
   * ({@link BibleSplit#of}), and non-empty texts.
   *
   * @param name the file or resource name used in messages
   * @throws CorpusFormatException naming {@code name}, the line and the broken rule
   */
  public static BibleCorpus read(InputStream gzipped, String name) throws IOException {
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
    Versification kjv = Versification.kjv();
    List<String> header = new ArrayList<>();
    List<VersePair> pairs = new ArrayList<>();
    int lineNo = 0;
    int previousOrdinal = -1;
    String previousRef = null;
    int start = 0;
    while (start < data.length) {
      lineNo++;
      int end = start;
      while (end < data.length && data[end] != '\n') {
        end++;
      }
      if (end == data.length) {
        throw new CorpusFormatException(name + ": line " + lineNo
            + ": the last line has no line break; the file is truncated");
      }
      String line;
      try {
        line = utf8.decode(ByteBuffer.wrap(data, start, end - start)).toString();
      } catch (CharacterCodingException e) {
        throw new CorpusFormatException(name + ": line " + lineNo + ": not valid UTF-8", e);
      }
      start = end + 1;
      String where = name + ": line " + lineNo + ": ";
      if (line.startsWith("#")) {
        header.add(line.startsWith("# ") ? line.substring(2) : line.substring(1));
        continue;
      }
      String[] f = line.split("\t", -1);
      if (f.length != 4) {
        throw new CorpusFormatException(where
            + "expected 4 tab-separated fields (ref, split, source, target), found " + f.length);
      }
      VerseRef ref;
      try {
        ref = VerseRef.parse(f[0]);
      } catch (IllegalArgumentException e) {
        throw new CorpusFormatException(where + "bad reference '" + f[0]
            + "' (expected Book.chapter.verse, e.g. Gen.1.1)");
      }
      if (!kjv.contains(ref)) {
        throw new CorpusFormatException(
            where + ref + " is not a verse of the KJV versification");
      }
      int ordinal = kjv.ordinal(ref);
      if (ordinal <= previousOrdinal) {
        throw new CorpusFormatException(where + ref
            + " repeats or is out of canonical order (it follows " + previousRef + ")");
      }
      BibleSplit split;
      try {
        split = BibleSplit.fromLabel(f[1]);
      } catch (IllegalArgumentException e) {
        throw new CorpusFormatException(
            where + "unknown split '" + f[1] + "' (expected train, dev or test)");
      }
      if (split != BibleSplit.of(ref.book())) {
        throw new CorpusFormatException(where + ref + " is labelled " + split.label()
            + ", but book " + ref.book() + " belongs to the " + BibleSplit.of(ref.book()).label()
            + " split");
      }
      if (f[2].isBlank() || f[3].isBlank()) {
        throw new CorpusFormatException(
            where + "empty " + (f[2].isBlank() ? "source" : "target") + " text for " + ref);
      }
      pairs.add(VersePair.of(ref, split, f[2], f[3]));
      previousOrdinal = ordinal;
      previousRef = ref.toString();
    }
    if (pairs.isEmpty()) {
      throw new CorpusFormatException(name + ": no verse pairs");
    }
    return new BibleCorpus(header, pairs);
  }

  /** gzip at deflate level 9; the header has mtime 0 and no name. */
  private static final class Level9GzipOutputStream extends GZIPOutputStream {
    Level9GzipOutputStream(OutputStream out) throws IOException {
      super(out, 1 << 16);
      def.setLevel(Deflater.BEST_COMPRESSION);
    }
  }
}
