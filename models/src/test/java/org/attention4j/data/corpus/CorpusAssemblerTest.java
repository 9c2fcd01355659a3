package org.attention4j.data.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.attention4j.data.corpus.CleaningOptions.Dedup;
import org.attention4j.data.corpus.CorpusAssembler.Candidate;
import org.junit.jupiter.api.Test;

class CorpusAssemblerTest {

  private static final SplitPolicy ALL_TRAIN = p -> Split.TRAIN;

  private static Candidate c(String id, String s, String t) {
    return new Candidate(id, s, t);
  }

  private static List<String> ids(List<SentencePair> pairs) {
    return pairs.stream().map(SentencePair::id).toList();
  }

  private static int sum(CleaningStats s) {
    return s.emptyText() + s.controlChars() + s.tooLong() + s.lengthRatio() + s.identical()
        + s.duplicates() + s.alternatives() + s.kept();
  }

  @Test
  void assemble_normalisesBothSides() {
    CorpusAssembler.Result r = CorpusAssembler.assemble(
        List.of(c("1", " Open\n the\tfile ", "Ouvrir\u00a0le  fichier")), ALL_TRAIN,
        CleaningOptions.DEFAULTS);
    assertEquals(List.of(new SentencePair("1", "Open the file", "Ouvrir\u00a0le fichier")),
        r.train());
  }

  @Test
  void assemble_dropsByFirstRuleThatApplies() {
    CleaningOptions o = CleaningOptions.DEFAULTS.withMaxLength(5, 40).withRatio(3.0, 4)
        .withDropIdentical(true);
    List<Candidate> in = List.of(
        c("empty", "  ", "x"),
        c("control", "a\u0004b", "c"),
        c("tokens", "one two three four five six", "un deux"),
        c("chars", "a".repeat(41), "b"),
        c("ratio", "a b", "one two three four five"), // 3 vs 23 bytes, 5 tokens
        c("short-ratio", "OK", "d'accord, très bien"), // 3 tokens: below ratioMinTokens
        c("identical", "--help", "--help"),
        c("keep", "Open the file", "Ouvrir le fichier"));
    CorpusAssembler.Result r = CorpusAssembler.assemble(in, ALL_TRAIN, o);
    assertEquals(List.of("short-ratio", "keep"), ids(r.train()));
    CleaningStats s = r.stats();
    assertEquals(new CleaningStats(8, 1, 1, 2, 1, 1, 0, 0, 2, 0, 0), s);
    assertEquals(s.input(), sum(s));
  }

  @Test
  void assemble_ratioComparesUtf8Bytes() {
    // 3 chars of Chinese are 9 bytes: comparable to "Open file" (9 bytes) although 4x shorter
    CleaningOptions o = CleaningOptions.DEFAULTS.withRatio(1.5, 1);
    CorpusAssembler.Result r = CorpusAssembler.assemble(
        List.of(c("1", "Open file", "打开文"), c("2", "Open file", "打")), ALL_TRAIN, o);
    assertEquals(List.of("1"), ids(r.train()));
    assertEquals(1, r.stats().lengthRatio());
  }

  @Test
  void assemble_exactDedupKeepsHeldOutCopy() {
    SplitPolicy byId = p -> p.id().startsWith("t") ? Split.TEST : Split.TRAIN;
    CorpusAssembler.Result r = CorpusAssembler.assemble(List.of(
        c("a1", "x", "y"), c("a2", "x", "y"), c("t1", "x", "y"), c("a3", "x", "z")), byId,
        CleaningOptions.DEFAULTS);
    assertEquals(List.of("a3"), ids(r.train()));
    assertEquals(List.of("t1"), ids(r.test()));
    assertEquals(2, r.stats().duplicates());
  }

  @Test
  void assemble_majorityKeepsMostFrequentTranslation() {
    CleaningOptions o = CleaningOptions.DEFAULTS.withDedup(Dedup.MAJORITY_PER_SOURCE);
    CorpusAssembler.Result r = CorpusAssembler.assemble(List.of(
        c("git:1", "File", "档案"), c("tar:1", "File", "文件"), c("sed:1", "File", "文件"),
        c("git:2", "Edit", "编辑")), ALL_TRAIN, o);
    assertEquals(List.of(new SentencePair("tar:1", "File", "文件"),
        new SentencePair("git:2", "Edit", "编辑")), r.train());
    assertEquals(1, r.stats().duplicates());
    assertEquals(1, r.stats().alternatives());
  }

  @Test
  void assemble_majorityTieGoesToSmallestTranslation() {
    CleaningOptions o = CleaningOptions.DEFAULTS.withDedup(Dedup.MAJORITY_PER_SOURCE);
    CorpusAssembler.Result r = CorpusAssembler.assemble(List.of(
        c("1", "File", "fichier"), c("2", "File", "Fichier"), c("3", "File", "dossier")),
        ALL_TRAIN, o);
    assertEquals(List.of(new SentencePair("2", "File", "Fichier")), r.train()); // 'F' < 'd' < 'f'
    assertEquals(2, r.stats().alternatives());
  }

  @Test
  void assemble_hashSplitNeverPutsOneSourceInTwoSplits() {
    List<Candidate> in = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      in.add(c("a" + i, "sentence " + (i % 1000), "phrase " + i));
    }
    CorpusAssembler.Result r = CorpusAssembler.assemble(in, new HashSplit(100, 100),
        CleaningOptions.DEFAULTS);
    ParallelCorpus corpus = r.toCorpus(new CorpusInfo("en", "fr", "o", "l", "c", List.of(),
        Map.of()));
    assertEquals(3000, corpus.size());
    for (SentencePair p : corpus.test()) {
      assertEquals(Split.TEST, new HashSplit(100, 100).ofSource(p.source()));
    }
    assertEquals(r.stats().input(), sum(r.stats()));
  }

  @Test
  void assemble_duplicateId_fails() {
    assertEquals("CorpusAssembler: id 'x' is used by two candidate pairs",
        assertThrows(IllegalArgumentException.class, () -> CorpusAssembler.assemble(
            List.of(c("x", "a", "b"), c("x", "c", "d")), ALL_TRAIN, CleaningOptions.DEFAULTS))
            .getMessage());
  }

  @Test
  void cleaningOptions_badValues_fail() {
    assertEquals("CleaningOptions: maxLengthRatio must be >= 1.0, got 0.5",
        assertThrows(IllegalArgumentException.class,
            () -> CleaningOptions.DEFAULTS.withRatio(0.5, 3)).getMessage());
    assertEquals("CleaningOptions: maxTokens must be >= 1, got 0",
        assertThrows(IllegalArgumentException.class,
            () -> CleaningOptions.DEFAULTS.withMaxLength(0, 10)).getMessage());
  }
}
