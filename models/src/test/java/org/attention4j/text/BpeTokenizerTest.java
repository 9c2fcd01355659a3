package org.attention4j.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BpeTokenizerTest {
  private static BpeTokenizer trained;

  @BeforeAll
  static void train() throws IOException {
    trained = BpeTrainer.train(HfCompatibilityTest.corpus(), new BpeTrainer.Config(1200, 2));
  }

  private static final List<String> HARD = List.of(
      "", " ", "Hello world", "  leading and trailing  ", "tab\there\r\nnew line\n\n",
      "¿Qué hora es? Él dijo: «sí», señor Muñoz.", "e\u0301 combining vs \u00e9",
      "我爱自然语言处理。这是一个测试句子。", "𠀀𠀁 astral Han", "日本語のテキストとカタカナ", "한국어 문장입니다.",
      "Emoji 👍🏽 👨‍👩‍👧 🇪🇸 ❤️ 😀", "%s %d %1$s %.*s %-10s %lu %% %(name)s", "Unseen Zyzzyva ß ∑ ∞",
      "\u00a0nbsp\u3000ideographic\u2028sep", "\ufeffBOM", "\u0000nul\u007f");

  @Test
  void encodeDecode_roundTripsExactlyWithoutUnknowns() {
    for (String s : HARD) {
      int[] ids = trained.encode(s);
      assertEquals(s, trained.decode(ids), s);
      assertTrue(Arrays.stream(ids).noneMatch(id -> id == trained.unkId()), s);
    }
  }

  @Test
  void preTokenize_gpt2PiecesWithWholePlaceholders() {
    assertEquals(List.of("Hello", " world", ",", " it", "'s", " %1$s", " 100", "%", " 中文字", " ", " é",
        "\n\n", " x"), BpeTokenizer.preTokenize("Hello world, it's %1$s 100% 中文字  é\n\n x"));
    assertEquals(List.of("Copied", " %d", " files", " (", "%.1f", "%%", ").", " %-10s", " %lu", " %.*s"),
        BpeTokenizer.preTokenize("Copied %d files (%.1f%%). %-10s %lu %.*s"));
  }

  @Test
  void encode_appliesMergesLowestRankFirst() {
    // Merges: (a a) rank 0, (aa a) rank 1. "aaaa": rank 0 applies at 0 and 2, left to right,
    // before rank 1 is considered, so the result is aa|aa, not aaa|a.
    BpeTokenizer t = BpeTrainer.train(List.of("aaa"), new BpeTrainer.Config(1000, 1));
    assertEquals(List.of("aa", "aa"), t.tokens("aaaa"));
    assertEquals(List.of("aaa"), t.tokens("aaa"));
    assertEquals(List.of("aa", "aaa"), t.tokens("aaaaa"));
  }

  @Test
  void tokens_areVocabularySpellings() {
    BpeTokenizer t = BpeTrainer.train(List.of("the world the world"), new BpeTrainer.Config(1000, 2));
    assertEquals(List.of("the", "Ġworld"), t.tokens("the world"));
  }

  @Test
  void encode_literalSpecialsAreSpecialTokens() {
    int[] ids = trained.encode("a<s>b</s><pad>");
    assertEquals(5, ids.length);
    assertEquals(trained.bosId(), ids[1]);
    assertEquals(trained.eosId(), ids[3]);
    assertEquals(trained.padId(), ids[4]);
    assertEquals("ab", trained.decode(ids));
    assertEquals("a<unk>b", trained.decode(trained.encode("a<unk>b")));
  }

  @Test
  void decode_incompleteUtf8BecomesReplacementCharacter() {
    BpeTokenizer bytesOnly = BpeTrainer.train(List.of("x"), new BpeTrainer.Config(1000, 2));
    int[] ids = bytesOnly.encode("中");
    assertEquals(3, ids.length);
    assertEquals("\uFFFD", bytesOnly.decode(Arrays.copyOf(ids, 2)));
    assertEquals("\uFFFDa", bytesOnly.decode(new int[] {ids[1], bytesOnly.encode("a")[0]}));
  }

  @Test
  void encode_isStableAcrossCalls() {
    int[] first = trained.encode("the LORD said unto Naomi");
    assertArrayEquals(first, trained.encode("the LORD said unto Naomi"));
    assertFalse(trained.merges().isEmpty());
  }

  @Test
  void decode_idOutOfRange_throws() {
    var e = assertThrows(IllegalArgumentException.class, () -> trained.decode(new int[] {-1}));
    assertEquals("BpeTokenizer.decode: id -1 at position 0 is outside [0, 1200)", e.getMessage());
  }

  @Test
  void of_mergeResultNotInVocabulary_throws() {
    Vocabulary v = Vocabulary.of(List.of("<pad>", "<unk>", "<s>", "</s>", "a", "b"));
    var e = assertThrows(IllegalArgumentException.class,
        () -> BpeTokenizer.of(v, List.of(new BpeTokenizer.Merge("a", "b"))));
    assertEquals("BpeTokenizer: merge 0 (\"a\" \"b\"): result \"ab\" is not in the vocabulary",
        e.getMessage());
  }

  @Test
  void of_repeatedMerge_throws() {
    Vocabulary v = Vocabulary.of(List.of("<pad>", "<unk>", "<s>", "</s>", "a", "b", "ab"));
    var m = new BpeTokenizer.Merge("a", "b");
    var e = assertThrows(IllegalArgumentException.class, () -> BpeTokenizer.of(v, List.of(m, m)));
    assertEquals("BpeTokenizer: merge 1 (\"a\" \"b\"): repeats merge 0", e.getMessage());
  }

  @Test
  void merge_emptySide_throws() {
    var e = assertThrows(IllegalArgumentException.class, () -> new BpeTokenizer.Merge("", "b"));
    assertEquals("BpeTokenizer.Merge: both sides must be non-empty, got \"\" and \"b\"", e.getMessage());
  }
}
