package org.attention4j.data.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.attention4j.data.bible.BibleCorpus;
import org.attention4j.data.bible.BundledBible;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BibleImporterTest {

  @Test
  void bundled_keepsEveryVerseWithItsSplitAndRef() {
    BibleCorpus bible = BundledBible.load();
    ParallelCorpus corpus = BibleImporter.bundled();
    assertEquals(bible.train().size(), corpus.train().size());
    assertEquals(bible.dev().size(), corpus.dev().size());
    assertEquals(bible.test().size(), corpus.test().size());
    assertEquals("en", corpus.info().sourceLang());
    assertEquals("es", corpus.info().targetLang());
    SentencePair first = corpus.train().getFirst();
    assertEquals("Gen.1.1", first.id());
    assertEquals(bible.train().getFirst().source(), first.source());
    assertEquals(bible.test().getFirst().target(), corpus.test().getFirst().target());
    assertTrue(corpus.info().license().contains("Public Domain"), corpus.info().license());
  }

  @Test
  void build_bundledWithLengthLimit_writesReadableCorpus(@TempDir Path dir) throws Exception {
    BibleImporter.Options options = new BibleImporter.Options(null, null, null,
        CleaningOptions.DEFAULTS.withMaxLength(40, 1000), "attn data import bible --max-tokens 40");
    BibleImporter.Stats stats = BibleImporter.build(options, dir);
    ParallelCorpus back = ParallelCorpusFiles.read(dir);
    assertEquals(stats.train(), back.train().size());
    assertEquals(stats.test(), back.test().size());
    assertTrue(stats.cleaning().tooLong() > 1000, stats.summary());
    assertEquals(stats.cleaning().input(), BundledBible.load().pairs().size());
    for (SentencePair p : back.all()) {
      assertTrue(TextCleaning.tokens(p.source()) <= 40 && TextCleaning.tokens(p.target()) <= 40);
    }
    // splits are the books' splits: Ruth is test, Esther dev
    assertTrue(back.test().stream().allMatch(p -> !p.id().startsWith("Gen.")));
    assertTrue(back.dev().stream().anyMatch(p -> p.id().startsWith("Esth.")));
    assertEquals("attn data import bible --max-tokens 40", back.info().command());
    assertEquals(stats.cleaning().tooLong(), back.info().stats().get("cleaning.tooLong"));
  }

  @Test
  void options_moduleWithoutSwordDir_fails() {
    assertEquals("BibleImporter: modules are named only together with a SWORD directory"
        + " (without one the bundled corpus is used)",
        assertThrows(IllegalArgumentException.class,
            () -> new BibleImporter.Options(null, "engKJV2006eb", null, null, null)).getMessage());
  }
}
