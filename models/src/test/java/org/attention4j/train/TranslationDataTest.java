package org.attention4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.attention4j.data.corpus.CorpusInfo;
import org.attention4j.data.corpus.ParallelCorpus;
import org.attention4j.data.corpus.ParallelCorpusFiles;
import org.attention4j.data.corpus.SentencePair;
import org.attention4j.models.registry.ModelLimits;
import org.attention4j.text.WordTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranslationDataTest {
  private static final CorpusInfo INFO = new CorpusInfo("en", "de", "test", "none", "test", List.of(), Map.of());

  private static ParallelCorpus corpus() {
    return new ParallelCorpus(INFO, List.of(
        new SentencePair("a", "one two three four five", "eins zwei drei"),
        new SentencePair("b", "one two", "eins zwei"),
        new SentencePair("c", "one two three", "eins zwei drei vier fünf sechs")),
        List.of(new SentencePair("d", "three", "drei")), List.of());
  }

  private static WordTokenizer tokenizer(ParallelCorpus c) {
    return TrainFixtures.tokenizer(c);
  }

  @Test
  void encode_filtersLongPairs_andCountsThem() {
    ParallelCorpus c = corpus();
    WordTokenizer t = tokenizer(c);
    TranslationData d = TranslationData.encode("corpus x", c, t, t, LengthPolicy.maxTokens(4));
    assertEquals(1, d.train().size());
    assertEquals("b", d.train().pairs().getFirst().pair().id());
    assertEquals(2, d.train().tooLong());
    assertEquals(1, d.dev().size());
    assertEquals("1 pairs (2 longer than the filter, 0 empty, 0 truncated)", d.train().summary());
  }

  @Test
  void load_emptyAfterFiltering_namesTheCorpusAndTheLimit(@TempDir Path dir) throws Exception {
    ParallelCorpus c = corpus();
    ParallelCorpusFiles.write(dir, c);
    WordTokenizer t = tokenizer(c);
    var e = assertThrows(IllegalArgumentException.class, () -> TranslationData.load(dir, t, t, LengthPolicy.maxTokens(1)));
    assertEquals("corpus " + dir + " has no training pairs after filtering to 1 tokens (3 in the train split: 3 longer,"
        + " 0 encode to no tokens)", e.getMessage());
  }

  @Test
  void encode_overModelLimit_namesPairAndLength() {
    ParallelCorpus c = corpus();
    WordTokenizer t = tokenizer(c);
    var policy = new LengthPolicy(0, new ModelLimits(4, 3, "transformer maxLength 4"), false);
    var e = assertThrows(IllegalArgumentException.class, () -> TranslationData.encode("corpus x", c, t, t, policy));
    assertEquals("corpus x: pair a has 5 source tokens, more than the 4 of transformer maxLength 4 (filter with a lower"
        + " max length, or truncate)", e.getMessage());
  }

  @Test
  void encode_overModelLimit_truncatesWhenAsked() {
    ParallelCorpus c = corpus();
    WordTokenizer t = tokenizer(c);
    var policy = new LengthPolicy(0, new ModelLimits(4, 3, "transformer maxLength 4"), true);
    TranslationData d = TranslationData.encode("corpus x", c, t, t, policy);
    assertEquals(3, d.train().size());
    assertEquals(2, d.train().truncated());
    for (EncodedPair p : d.train().pairs()) {
      assertTrue(p.source().length <= 4 && p.target().length <= 3, p.pair().id());
    }
  }

  @Test
  void fingerprint_changesWithTheData() {
    ParallelCorpus c = corpus();
    WordTokenizer t = tokenizer(c);
    long all = TranslationData.encode("x", c, t, t, LengthPolicy.maxTokens(0)).train().fingerprint();
    assertEquals(all, TranslationData.encode("x", c, t, t, LengthPolicy.maxTokens(0)).train().fingerprint());
    assertTrue(all != TranslationData.encode("x", c, t, t, LengthPolicy.maxTokens(5)).train().fingerprint());
  }
}
