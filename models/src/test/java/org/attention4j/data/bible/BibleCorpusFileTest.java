package org.attention4j.data.bible;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.attention4j.data.CorpusFormatException;
import org.attention4j.data.sword.VerseRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BibleCorpusFileTest {

  private static final BibleCorpus CORPUS = new BibleCorpus(List.of("a header", "second line"),
      List.of(
          VersePair.of(VerseRef.parse("Gen.1.1"), BibleSplit.TRAIN, "In the beginning.",
              "En el principio."),
          VersePair.of(VerseRef.parse("Ruth.1.1"), BibleSplit.TEST, "Now it came to pass.",
              "Y aconteció."),
          VersePair.of(VerseRef.parse("Esth.1.1"), BibleSplit.DEV, "Now it came.", "Y acónteció.")));

  private static byte[] gzip(String text) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  private static String error(byte[] gz) {
    return assertThrows(CorpusFormatException.class,
        () -> BibleCorpusFile.read(new ByteArrayInputStream(gz), "c.tsv.gz")).getMessage();
  }

  private static String errorOf(String text) throws Exception {
    return error(gzip(text));
  }

  @Test
  void write_thenRead_roundTrips(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("out/c.tsv.gz");
    BibleCorpusFile.write(file, CORPUS);
    BibleCorpus back = BibleCorpusFile.read(file);
    assertEquals(CORPUS, back);
    assertEquals(1, back.train().size());
    assertEquals("Ruth.1.1", back.test().getFirst().ref());
    assertEquals(List.of("c.tsv.gz"), Files.list(file.getParent())
        .map(p -> p.getFileName().toString()).toList()); // no temporary file left
  }

  @Test
  void toBytes_deterministicWithZeroMtime() throws Exception {
    byte[] a = BibleCorpusFile.toBytes(CORPUS);
    byte[] b = BibleCorpusFile.toBytes(CORPUS);
    assertArrayEquals(a, b);
    // gzip header: magic, deflate, no flags (no file name), mtime 0
    assertArrayEquals(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0},
        java.util.Arrays.copyOf(a, 8));
  }

  @Test
  void toBytes_tabInText_fails() {
    BibleCorpus bad = new BibleCorpus(List.of(), List.of(VersePair.of(VerseRef.parse("Gen.1.1"),
        BibleSplit.TRAIN, "a\tb", "c")));
    assertEquals("BibleCorpusFile: text of Gen.1.1 contains a tab or line break",
        assertThrows(IllegalArgumentException.class, () -> BibleCorpusFile.toBytes(bad))
            .getMessage());
  }

  @Test
  void read_wrongFieldCount_fails() throws Exception {
    assertEquals("c.tsv.gz: line 2: expected 4 tab-separated fields (ref, split, source,"
        + " target), found 3", errorOf("# h\nGen.1.1\ttrain\tonly source\n"));
  }

  @Test
  void read_badReference_fails() throws Exception {
    assertEquals("c.tsv.gz: line 1: bad reference 'Genesis 1:1' (expected Book.chapter.verse,"
        + " e.g. Gen.1.1)", errorOf("Genesis 1:1\ttrain\ta\tb\n"));
  }

  @Test
  void read_verseNotInVersification_fails() throws Exception {
    assertEquals("c.tsv.gz: line 1: Gen.1.32 is not a verse of the KJV versification",
        errorOf("Gen.1.32\ttrain\ta\tb\n"));
  }

  @Test
  void read_outOfOrder_fails() throws Exception {
    assertEquals("c.tsv.gz: line 2: Gen.1.1 repeats or is out of canonical order (it follows"
        + " Gen.1.2)", errorOf("Gen.1.2\ttrain\ta\tb\nGen.1.1\ttrain\ta\tb\n"));
  }

  @Test
  void read_unknownSplit_fails() throws Exception {
    assertEquals("c.tsv.gz: line 1: unknown split 'valid' (expected train, dev or test)",
        errorOf("Gen.1.1\tvalid\ta\tb\n"));
  }

  @Test
  void read_splitDisagreesWithBook_fails() throws Exception {
    assertEquals("c.tsv.gz: line 1: Ruth.1.1 is labelled train, but book Ruth belongs to the"
        + " test split", errorOf("Ruth.1.1\ttrain\ta\tb\n"));
  }

  @Test
  void read_emptyText_fails() throws Exception {
    assertEquals("c.tsv.gz: line 1: empty target text for Gen.1.1",
        errorOf("Gen.1.1\ttrain\ta\t\n"));
  }

  @Test
  void read_lastLineWithoutNewline_fails() throws Exception {
    assertEquals("c.tsv.gz: line 2: the last line has no line break; the file is truncated",
        errorOf("Gen.1.1\ttrain\ta\tb\nGen.1.2\ttrain\ta\tb"));
  }

  @Test
  void read_noPairs_fails() throws Exception {
    assertEquals("c.tsv.gz: no verse pairs", errorOf("# only a header\n"));
  }

  @Test
  void read_invalidUtf8_fails() throws Exception {
    byte[] text = "Gen.1.1\ttrain\ta\tb\nGen.1.2\ttrain\ta\tX\n".getBytes(StandardCharsets.UTF_8);
    text[text.length - 2] = (byte) 0xC3; // a lone lead byte
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(text);
    }
    assertEquals("c.tsv.gz: line 2: not valid UTF-8", error(out.toByteArray()));
  }

  @Test
  void read_notGzip_fails() {
    assertEquals("c.tsv.gz: not a valid gzip file: Not in GZIP format",
        error("plain text".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void read_truncatedGzip_fails() throws Exception {
    byte[] gz = BibleCorpusFile.toBytes(CORPUS);
    assertEquals("c.tsv.gz: gzip stream ends early; the file is truncated",
        error(java.util.Arrays.copyOf(gz, gz.length - 12)));
  }
}
