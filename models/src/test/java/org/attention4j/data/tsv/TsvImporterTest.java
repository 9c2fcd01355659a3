package org.attention4j.data.tsv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.attention4j.data.CorpusFormatException;
import org.attention4j.data.corpus.ParallelCorpus;
import org.attention4j.data.corpus.ParallelCorpusFiles;
import org.attention4j.data.corpus.SentencePair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TsvImporterTest {

  private static final TsvImporter.Options EN_DE = TsvImporter.Options.of("en", "de");

  private static Path file(Path dir, String name, byte[] bytes) throws Exception {
    Path f = dir.resolve(name);
    Files.write(f, bytes);
    return f;
  }

  private static Path file(Path dir, String text) throws Exception {
    return file(dir, "pairs.tsv", text.getBytes(StandardCharsets.UTF_8));
  }

  private static String error(Path f) {
    return assertThrows(CorpusFormatException.class, () -> TsvImporter.collect(f, EN_DE))
        .getMessage();
  }

  @Test
  void collect_readsPairsWithLineIds(@TempDir Path dir) throws Exception {
    Path f = file(dir,
        "Good morning\tGuten Morgen\n\nThank  you\tDanke\nGood morning\tGuten Morgen\n");
    TsvImporter.Result r = TsvImporter.collect(f, EN_DE);
    ParallelCorpus c = r.corpus();
    assertEquals(List.of(new SentencePair("line:1", "Good morning", "Guten Morgen"),
        new SentencePair("line:3", "Thank you", "Danke")),
        c.all().stream().sorted((a, b) -> a.id().compareTo(b.id())).toList());
    assertEquals(4, r.stats().lines());
    assertEquals(1, r.stats().emptyLines());
    assertEquals(1, r.stats().cleaning().duplicates());
    assertEquals("en", c.info().sourceLang());
    assertEquals("unknown (user-supplied file)", c.info().license());
  }

  @Test
  void collect_crlfBomAndMissingFinalNewline(@TempDir Path dir) throws Exception {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] text = "Yes\tJa\r\nNo\tNein".getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[bom.length + text.length];
    System.arraycopy(bom, 0, all, 0, 3);
    System.arraycopy(text, 0, all, 3, text.length);
    TsvImporter.Result r = TsvImporter.collect(file(dir, "p.tsv", all), EN_DE);
    assertEquals(List.of("Ja", "Nein"), r.corpus().all().stream().map(SentencePair::target)
        .sorted().toList());
  }

  @Test
  void collect_gzippedInput(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write("Yes\tJa\n".getBytes(StandardCharsets.UTF_8));
    }
    TsvImporter.Result r = TsvImporter.collect(file(dir, "p.tsv.gz", out.toByteArray()), EN_DE);
    assertEquals("Ja", r.corpus().all().getFirst().target());
  }

  @Test
  void collect_skipHeaderOnlyWhenAsked(@TempDir Path dir) throws Exception {
    Path f = file(dir, "english\tgerman\nYes\tJa\n");
    assertEquals(2, TsvImporter.collect(f, EN_DE).corpus().size());
    TsvImporter.Result r = TsvImporter.collect(f, EN_DE.withSkipHeader(true));
    assertEquals(1, r.corpus().size());
    assertEquals(1, r.stats().headerLines());
  }

  @Test
  void collect_wrongColumnCount_fails(@TempDir Path dir) throws Exception {
    Path f = file(dir, "Yes\tJa\nNo\tNein\tnon\n");
    assertEquals(f + ": line 2: expected 2 tab-separated columns (source, target), found 3",
        error(f));
    Path g = file(dir, "Yes Ja\n");
    assertEquals(g + ": line 1: expected 2 tab-separated columns (source, target), found 1",
        error(g));
  }

  @Test
  void collect_invalidUtf8_fails(@TempDir Path dir) throws Exception {
    Path f = file(dir, "p.tsv", new byte[] {'a', '\t', 'b', '\n', 'c', '\t', (byte) 0xE9, '\n'});
    assertEquals(f + ": line 2: not valid UTF-8", error(f));
  }

  @Test
  void collect_emptyFile_fails(@TempDir Path dir) throws Exception {
    Path f = file(dir, "");
    assertEquals(f + ": empty corpus (no lines with a pair)", error(f));
    Path g = file(dir, "\n\r\n\n");
    assertEquals(g + ": empty corpus (no lines with a pair)", error(g));
  }

  @Test
  void collect_nothingSurvivesCleaning_fails(@TempDir Path dir) throws Exception {
    Path f = file(dir, " \tJa\nNo\t\n");
    assertEquals(f + ": empty corpus after cleaning: none of the 2 pairs was kept (cleaning: 2"
        + " candidate pairs -> 0 kept (train 0, dev 0, test 0); dropped 2 empty, 0 with control"
        + " characters, 0 too long, 0 by length ratio, 0 identical, 0 duplicates, 0 alternative"
        + " translations)", error(f));
  }

  @Test
  void build_writesReadableCorpus(@TempDir Path dir) throws Exception {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 500; i++) {
      sb.append("sentence number ").append(i).append('\t').append("Satz Nummer ").append(i)
          .append('\n');
    }
    Path out = dir.resolve("corpus");
    TsvImporter.Stats s = TsvImporter.build(file(dir, sb.toString()), EN_DE, out);
    ParallelCorpus back = ParallelCorpusFiles.read(out);
    assertEquals(500, back.size());
    assertEquals(s.cleaning().test(), back.test().size());
    assertTrue(back.test().size() > 0 && back.dev().size() > 0, s.summary());
  }
}
