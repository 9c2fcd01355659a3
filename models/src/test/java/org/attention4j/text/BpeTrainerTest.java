package org.attention4j.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BpeTrainerTest {

  private static List<String> merges(BpeTokenizer t) {
    return t.merges().stream().map(m -> m.left() + " " + m.right()).toList();
  }

  @Test
  void train_countsOverlappingPairsAndStopsBelowMinFrequency() {
    // "aaa" holds the pair (a, a) twice; after the merge, (aa, a) occurs once.
    assertEquals(List.of("a a"), merges(BpeTrainer.train(List.of("aaa"), new BpeTrainer.Config(1000, 2))));
    assertEquals(List.of("a a", "aa a"),
        merges(BpeTrainer.train(List.of("aaa"), new BpeTrainer.Config(1000, 1))));
  }

  @Test
  void train_tiesGoToSmallerLeftThenRightId() {
    // Pieces "ab" and " cd" (Ġ = space): every pair occurs once. Ġ (byte 0x20) has a smaller id
    // than a (0x61); the new symbol Ġc gets id 260, after every byte.
    BpeTokenizer t = BpeTrainer.train(List.of("ab cd"), new BpeTrainer.Config(1000, 1));
    assertEquals(List.of("Ġ c", "a b", "Ġc d"), merges(t));
    assertEquals(List.of("ab", "Ġcd"), t.tokens("ab cd"));
  }

  @Test
  void train_stopsAtVocabSize() {
    BpeTokenizer t = BpeTrainer.train(List.of("ab cd ab cd"), new BpeTrainer.Config(261, 1));
    assertEquals(261, t.vocabSize());
    assertEquals(1, t.merges().size());
  }

  @Test
  void train_vocabularyLayout() {
    BpeTokenizer t = BpeTrainer.train(List.of("hello hello"), new BpeTrainer.Config(300, 2));
    List<String> tokens = t.vocabulary().tokens();
    assertEquals(Tokenizer.SPECIALS, tokens.subList(0, 4));
    assertEquals("!", tokens.get(4 + '!'));
    assertEquals("Ġ", tokens.get(4 + ' '));
    assertEquals("Ċ", tokens.get(4 + '\n'));
    assertEquals(260 + t.merges().size(), t.vocabSize());
  }

  @Test
  void train_isDeterministic() throws IOException {
    List<String> corpus = HfCompatibilityTest.corpus();
    String a = TokenizerJson.toJson(BpeTrainer.train(corpus, new BpeTrainer.Config(700, 2)));
    String b = TokenizerJson.toJson(BpeTrainer.train(List.copyOf(corpus), new BpeTrainer.Config(700, 2)));
    assertEquals(a, b);
  }

  /** The incremental trainer against a plain one that recounts every pair before each merge. */
  @Test
  void train_matchesNaiveRecountingTrainer() throws IOException {
    List<String> corpus = HfCompatibilityTest.corpus();
    BpeTrainer.Config config = new BpeTrainer.Config(800, 2);
    assertEquals(naive(corpus, config), merges(BpeTrainer.train(corpus, config)));
  }

  private static List<String> naive(List<String> corpus, BpeTrainer.Config config) {
    Map<List<String>, Long> words = new LinkedHashMap<>();
    for (String text : corpus) {
      for (String piece : BpeTokenizer.preTokenize(text)) {
        List<String> syms = new ArrayList<>();
        for (char c : ByteLevel.encode(piece).toCharArray()) syms.add(String.valueOf(c));
        words.merge(syms, 1L, Long::sum);
      }
    }
    Map<String, Integer> ids = new HashMap<>();
    for (int b = 0; b < 256; b++) ids.put(String.valueOf(ByteLevel.charOf(b)), 4 + b);
    List<String> merges = new ArrayList<>();
    while (ids.size() + 4 < config.vocabSize()) {
      Map<List<String>, Long> pairs = new HashMap<>();
      words.forEach((w, f) -> {
        for (int i = 0; i + 1 < w.size(); i++) pairs.merge(List.of(w.get(i), w.get(i + 1)), f, Long::sum);
      });
      List<String> best = null;
      long bestCount = 0;
      for (Map.Entry<List<String>, Long> e : pairs.entrySet()) {
        List<String> p = e.getKey();
        long c = e.getValue();
        if (best == null || c > bestCount || (c == bestCount && (ids.get(p.get(0)) < ids.get(best.get(0))
            || (ids.get(p.get(0)).equals(ids.get(best.get(0))) && ids.get(p.get(1)) < ids.get(best.get(1)))))) {
          best = p;
          bestCount = c;
        }
      }
      if (best == null || bestCount < config.minFrequency()) break;
      String joined = best.get(0) + best.get(1);
      ids.putIfAbsent(joined, ids.size() + 4);
      merges.add(best.get(0) + " " + best.get(1));
      Map<List<String>, Long> next = new LinkedHashMap<>();
      for (Map.Entry<List<String>, Long> e : words.entrySet()) {
        List<String> w = e.getKey(), out = new ArrayList<>();
        for (int i = 0; i < w.size(); i++) {
          if (i + 1 < w.size() && w.get(i).equals(best.get(0)) && w.get(i + 1).equals(best.get(1))) {
            out.add(joined);
            i++;
          } else {
            out.add(w.get(i));
          }
        }
        next.merge(out, e.getValue(), Long::sum);
      }
      words = next;
    }
    return merges;
  }

  @Test
  void train_ignoresLiteralSpecialTokens() {
    BpeTokenizer t = BpeTrainer.train(List.of("<s><s><s> ab ab"), new BpeTrainer.Config(1000, 2));
    assertEquals(List.of("Ġ a", "Ġa b"), merges(t));
  }

  @Test
  void config_badValues_throw() {
    var e = assertThrows(IllegalArgumentException.class, () -> new BpeTrainer.Config(259, 2));
    assertEquals("BpeTrainer.Config: vocabSize must be >= 260 (4 specials + 256 bytes), got 259",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new BpeTrainer.Config(300, 0));
    assertEquals("BpeTrainer.Config: minFrequency must be >= 1, got 0", e.getMessage());
  }
}
