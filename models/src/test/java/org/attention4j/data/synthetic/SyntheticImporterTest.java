package org.attention4j.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.attention4j.data.CorpusFormatException;
import org.attention4j.data.corpus.HashSplit;
import org.attention4j.data.corpus.ParallelCorpus;
import org.attention4j.data.corpus.ParallelCorpusFiles;
import org.attention4j.data.corpus.SentencePair;
import org.attention4j.data.corpus.Split;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticImporterTest {

  @Test
  void build_writesCorpusAndAlignments(@TempDir Path dir) throws Exception {
    SyntheticImporter.Stats s = SyntheticImporter.build(SyntheticImporter.Options.of(5, 2000),
        dir);
    ParallelCorpus c = ParallelCorpusFiles.read(dir);
    assertEquals(2000, c.size());
    assertEquals(s.train(), c.train().size());
    assertTrue(c.test().size() > 50 && c.dev().size() > 50, s.summary());
    assertEquals("x-svo", c.info().sourceLang());
    for (Split split : Split.values()) {
      List<List<Link>> sure = SyntheticImporter.readAlignments(dir, c, split, true);
      List<List<Link>> possible = SyntheticImporter.readAlignments(dir, c, split, false);
      List<SentencePair> pairs = c.split(split);
      for (int k = 0; k < pairs.size(); k++) {
        assertTrue(possible.get(k).containsAll(sure.get(k)));
        int targetWords = pairs.get(k).target().split(" ").length;
        assertEquals(targetWords, sure.get(k).stream().map(Link::target).distinct().count(),
            "every target word has a sure link: " + pairs.get(k));
      }
      assertEquals(new HashSplit(50, 50).ofSource(pairs.getFirst().source()), split);
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of("corpus.json", "dev.possible.txt", "dev.sure.txt", "dev.tsv.gz",
          "test.possible.txt", "test.sure.txt", "test.tsv.gz", "train.possible.txt",
          "train.sure.txt", "train.tsv.gz"),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void build_sameSeedSameBytes(@TempDir Path dir) throws Exception {
    SyntheticImporter.build(SyntheticImporter.Options.of(9, 500), dir.resolve("a"));
    SyntheticImporter.build(SyntheticImporter.Options.of(9, 500), dir.resolve("b"));
    for (String f : List.of("train.tsv.gz", "test.sure.txt", "dev.possible.txt",
        "corpus.json")) {
      assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(f)),
          Files.readAllBytes(dir.resolve("b").resolve(f)), f);
    }
  }

  @Test
  void generate_stopsWhenTheGrammarRunsOutOfSentences() {
    // 2 nouns, 1 verb, 1 adjective, 1 prep, 1 clause, no modifiers: 3 dets x 2 x 2 tenses x
    // 3 x 2 = a few dozen distinct sentences at most
    ReorderingGrammar.Config tiny = new ReorderingGrammar.Config(2, 1, 1, 1, 1, 1, 0, 0);
    SyntheticImporter.Result r = SyntheticImporter.generate(
        new SyntheticImporter.Options(tiny, 1, 500, null, null));
    assertTrue(r.corpus().size() < 50, r.stats().summary());
    assertEquals(r.stats().drawn() - r.stats().repeats(), r.corpus().size());
  }

  @Test
  void readAlignments_lineCountMismatch_fails(@TempDir Path dir) throws Exception {
    SyntheticImporter.build(SyntheticImporter.Options.of(5, 300), dir);
    ParallelCorpus c = ParallelCorpusFiles.read(dir);
    Files.writeString(dir.resolve("test.sure.txt"), "0-0\n");
    assertEquals(dir.resolve("test.sure.txt") + ": has 1 lines, but test.tsv.gz has "
        + c.test().size() + " pairs", assertThrows(CorpusFormatException.class,
        () -> SyntheticImporter.readAlignments(dir, c, Split.TEST, true)).getMessage());
  }

  @Test
  void readAlignments_linkOutOfRange_fails(@TempDir Path dir) throws Exception {
    SyntheticImporter.build(SyntheticImporter.Options.of(5, 300), dir);
    ParallelCorpus c = ParallelCorpusFiles.read(dir);
    StringBuilder sb = new StringBuilder("0-99\n");
    for (int k = 1; k < c.dev().size(); k++) {
      sb.append("0-0\n");
    }
    Files.writeString(dir.resolve("dev.sure.txt"), sb);
    SentencePair first = c.dev().getFirst();
    assertEquals(dir.resolve("dev.sure.txt") + ": line 1: link 0-99 is out of range for pair "
        + first.id() + " (" + first.source().split(" ").length + " source and "
        + first.target().split(" ").length + " target words)",
        assertThrows(CorpusFormatException.class,
            () -> SyntheticImporter.readAlignments(dir, c, Split.DEV, true)).getMessage());
  }
}
