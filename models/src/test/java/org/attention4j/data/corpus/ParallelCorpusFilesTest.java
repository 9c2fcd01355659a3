package org.attention4j.data.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.attention4j.data.CorpusFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParallelCorpusFilesTest {

  static final CorpusInfo INFO;

  static {
    Map<String, Long> stats = new LinkedHashMap<>();
    stats.put("input", 5L);
    stats.put("kept", 4L);
    INFO = new CorpusInfo("en", "zh_CN", "a test", "CC0", "attn data import test --out DIR",
        List.of("note one", "note \"two\""), stats);
  }

  static final ParallelCorpus CORPUS = new ParallelCorpus(INFO,
      List.of(new SentencePair("git:1", "Open %s", "打开 %s"),
          new SentencePair("git:2", "back\\slash \\n kept", "反斜杠 \\n")),
      List.of(new SentencePair("tar:7", "Fichier\u00a0:", "x")),
      List.of(new SentencePair("sed:3", "100%% done", "完成 100%%")));

  private static byte[] gzip(String text) throws Exception {
    return gzip(text.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] gzip(byte[] data) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  private static Path written(Path dir) throws Exception {
    ParallelCorpusFiles.write(dir, CORPUS);
    return dir;
  }

  private static String error(Path dir) {
    return assertThrows(CorpusFormatException.class, () -> ParallelCorpusFiles.read(dir))
        .getMessage();
  }

  @Test
  void write_thenRead_roundTrips(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("out/corpus");
    ParallelCorpusFiles.write(dir, CORPUS);
    assertEquals(CORPUS, ParallelCorpusFiles.read(dir));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of("corpus.json", "dev.tsv.gz", "test.tsv.gz", "train.tsv.gz"),
          files.map(p -> p.getFileName().toString()).sorted().toList()); // no temp files
    }
  }

  @Test
  void write_corpusJsonNamesCountsAndMetadata(@TempDir Path tmp) throws Exception {
    String json = Files.readString(written(tmp).resolve("corpus.json"));
    assertTrue(json.startsWith("{\n  \"format\": \"attention4j-parallel-corpus\",\n"
        + "  \"version\": 1,\n  \"sourceLang\": \"en\",\n  \"targetLang\": \"zh_CN\",\n"), json);
    assertTrue(json.contains("\"counts\": {\n    \"train\": 2,\n    \"dev\": 1,\n"
        + "    \"test\": 1\n  }"), json);
    assertTrue(json.contains("\"note \\\"two\\\"\""), json);
    assertTrue(json.endsWith("}\n"));
  }

  @Test
  void splitBytes_deterministicGzipWithZeroMtime() throws Exception {
    byte[] a = ParallelCorpusFiles.splitBytes(CORPUS.train());
    assertArrayEquals(a, ParallelCorpusFiles.splitBytes(CORPUS.train()));
    assertArrayEquals(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0}, Arrays.copyOf(a, 8));
  }

  @Test
  void splitBytes_isPlainTsv() throws Exception {
    assertEquals("git:1\tOpen %s\t打开 %s\n", new String(
        ungzip(ParallelCorpusFiles.splitBytes(CORPUS.train().subList(0, 1))),
        StandardCharsets.UTF_8));
  }

  private static byte[] ungzip(byte[] gz) throws Exception {
    try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
      return in.readAllBytes();
    }
  }

  @Test
  void write_replacesAnOlderCorpus(@TempDir Path tmp) throws Exception {
    ParallelCorpusFiles.write(tmp, CORPUS);
    ParallelCorpus smaller = new ParallelCorpus(INFO, CORPUS.train().subList(0, 1), List.of(),
        List.of());
    ParallelCorpusFiles.write(tmp, smaller);
    assertEquals(smaller, ParallelCorpusFiles.read(tmp));
  }

  @Test
  void read_noCorpusJson_fails(@TempDir Path tmp) {
    NoSuchFileException e = assertThrows(NoSuchFileException.class,
        () -> ParallelCorpusFiles.read(tmp));
    assertEquals(tmp.resolve("corpus.json") + ": no corpus.json: not a corpus directory, or a"
        + " write was interrupted", e.getMessage());
  }

  @Test
  void read_wrongFieldCount_fails(@TempDir Path tmp) throws Exception {
    Path dir = written(tmp);
    Files.write(dir.resolve("dev.tsv.gz"), gzip("tar:7\tonly source\n"));
    assertEquals(dir.resolve("dev.tsv.gz") + ": line 1: expected 3 tab-separated fields (id,"
        + " source, target), found 2", error(dir));
  }

  @Test
  void read_emptyTarget_fails(@TempDir Path tmp) throws Exception {
    Path dir = written(tmp);
    Files.write(dir.resolve("dev.tsv.gz"), gzip("tar:7\tx\t\n"));
    assertEquals(dir.resolve("dev.tsv.gz") + ": line 1: empty target", error(dir));
  }

  @Test
  void read_carriageReturn_fails(@TempDir Path tmp) throws Exception {
    Path dir = written(tmp);
    Files.write(dir.resolve("dev.tsv.gz"), gzip("tar:7\tx\ty\r\n"));
    assertEquals(dir.resolve("dev.tsv.gz") + ": line 1: target contains a carriage return"
        + " (lines end with LF only; texts hold no line breaks)", error(dir));
  }

  @Test
  void read_invalidUtf8_fails(@TempDir Path tmp) throws Exception {
    Path dir = written(tmp);
    byte[] bad = "tar:7\tx\ty\n".getBytes(StandardCharsets.UTF_8);
    bad[7] = (byte) 0xC3; // a lead byte followed by a tab
    Files.write(dir.resolve("dev.tsv.gz"), gzip(bad));
    assertEquals(dir.resolve("dev.tsv.gz") + ": line 1: not valid UTF-8", error(dir));
  }

  @Test
  void read_lastLineWithoutBreak_fails(@TempDir Path tmp) throws Exception {
    Path dir = written(tmp);
    Files.write(dir.resolve("dev.tsv.gz"), gzip("tar:7\tx\ty"));
    assertEquals(dir.resolve("dev.tsv.gz") + ": line 1: the last line has no line break; the"
        + " file is truncated", error(dir));
  }

  @Test
  void read_countMismatch_fails(@TempDir Path tmp) throws Exception {
    Path dir = written(tmp);
    Files.write(dir.resolve("dev.tsv.gz"), gzip("tar:7\tx\ty\ntar:8\tu\tv\n"));
    assertEquals(dir.resolve("dev.tsv.gz") + ": holds 2 pairs, but corpus.json counts 1"
        + " (mixed files from two writes?)", error(dir));
  }

  @Test
  void read_idRepeatedAcrossFiles_fails(@TempDir Path tmp) throws Exception {
    Path dir = written(tmp);
    Files.write(dir.resolve("dev.tsv.gz"), gzip("sed:3\tx\ty\n"));
    assertEquals(dir.resolve("dev.tsv.gz") + ": line 1: id 'sed:3' already used at "
        + dir.resolve("test.tsv.gz") + " line 1", error(dir));
  }

  @Test
  void read_trainPairEqualToTestPair_fails(@TempDir Path tmp) throws Exception {
    Path dir = written(tmp);
    Files.write(dir.resolve("train.tsv.gz"),
        gzip("git:1\tOpen %s\t打开 %s\ngit:9\t100%% done\t完成 100%%\n"));
    assertEquals(dir.resolve("train.tsv.gz") + ": line 2: training pair git:9 equals the"
        + " held-out pair at " + dir.resolve("test.tsv.gz") + " line 1", error(dir));
  }

  @Test
  void read_notGzip_fails(@TempDir Path tmp) throws Exception {
    Path dir = written(tmp);
    Files.writeString(dir.resolve("test.tsv.gz"), "plain text\n");
    assertEquals(dir.resolve("test.tsv.gz") + ": not a valid gzip file: Not in GZIP format",
        error(dir));
  }

  @Test
  void read_wrongFormat_fails(@TempDir Path tmp) throws Exception {
    Path dir = written(tmp);
    Path json = dir.resolve("corpus.json");
    Files.writeString(json, Files.readString(json).replace("attention4j-parallel-corpus", "x"));
    assertEquals(json + ": field 'format' is 'x', expected 'attention4j-parallel-corpus'",
        error(dir));
  }

  @Test
  void read_newerVersion_fails(@TempDir Path tmp) throws Exception {
    Path dir = written(tmp);
    Path json = dir.resolve("corpus.json");
    Files.writeString(json, Files.readString(json).replace("\"version\": 1", "\"version\": 2"));
    assertEquals(json + ": unsupported version 2 (this code reads version 1)", error(dir));
  }

  @Test
  void read_missingCount_fails(@TempDir Path tmp) throws Exception {
    Path dir = written(tmp);
    Path json = dir.resolve("corpus.json");
    Files.writeString(json, Files.readString(json).replace("\"dev\": 1,", ""));
    assertEquals(json + ": counts: missing field 'dev'", error(dir));
  }

  @Test
  void read_brokenJson_fails(@TempDir Path tmp) throws Exception {
    Path dir = written(tmp);
    Files.writeString(dir.resolve("corpus.json"), "{\"format\" 1}");
    assertTrue(error(dir).startsWith(dir.resolve("corpus.json") + ": offset 10"), error(dir));
  }

  @Test
  void sentencePair_tabInText_fails() {
    assertEquals("SentencePair: source contains a tab at index 1: 'a\tb'",
        assertThrows(IllegalArgumentException.class, () -> new SentencePair("1", "a\tb", "c"))
            .getMessage());
    assertEquals("SentencePair: empty target",
        assertThrows(IllegalArgumentException.class, () -> new SentencePair("1", "a", ""))
            .getMessage());
  }

  @Test
  void parallelCorpus_trainEqualToDev_fails() {
    SentencePair a = new SentencePair("a", "x", "y");
    SentencePair b = new SentencePair("b", "x", "y");
    assertEquals("ParallelCorpus: train pair a equals dev pair b (a training pair must never"
        + " equal a dev or test pair)", assertThrows(IllegalArgumentException.class,
        () -> new ParallelCorpus(INFO, List.of(a), List.of(b), List.of())).getMessage());
  }

  @Test
  void parallelCorpus_repeatedId_fails() {
    SentencePair a = new SentencePair("a", "x", "y");
    SentencePair a2 = new SentencePair("a", "u", "v");
    assertEquals("ParallelCorpus: id 'a' appears twice (in train and test)",
        assertThrows(IllegalArgumentException.class,
            () -> new ParallelCorpus(INFO, List.of(a), List.of(), List.of(a2))).getMessage());
  }
}
