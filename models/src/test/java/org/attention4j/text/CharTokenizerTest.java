package org.attention4j.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CharTokenizerTest {
  private static final List<String> CORPUS = List.of(
      "¿Qué tal? Muy bien.", "我爱自然语言处理。", "emoji 😀 and 👍🏽", "e\u0301 tab\tnew\nline");

  @Test
  void encodeDecode_roundTripsCodePoints() {
    CharTokenizer t = CharTokenizer.build(CORPUS, 1, 1000);
    for (String s : CORPUS) assertEquals(s, t.decode(t.encode(s)), s);
    // An astral emoji is one token, not two UTF-16 units; the skin-tone modifier is another.
    assertEquals(List.of("👍", "🏽"), t.tokens("👍🏽"));
    assertEquals(2, t.encode("👍🏽").length);
    assertEquals(List.of("e", "\u0301"), t.tokens("e\u0301"));
  }

  @Test
  void build_idsByFrequencyThenCodePoint() {
    CharTokenizer t = CharTokenizer.build(List.of("abc", "cab", "c"), 1, 100);
    assertEquals(List.of("<pad>", "<unk>", "<s>", "</s>", "c", "a", "b"), t.vocabulary().tokens());
    assertArrayEquals(new int[] {6, 5, 4}, t.encode("bac"));
  }

  @Test
  void encode_unknownIsUnk_decodeWritesUnkText() {
    CharTokenizer t = CharTokenizer.build(List.of("ab"), 1, 100);
    assertArrayEquals(new int[] {4, 1, 5}, t.encode("aZb"));
    assertEquals("a<unk>b", t.decode(t.encode("aZb")));
    assertEquals(List.of("a", "Z", "b"), t.tokens("aZb"));
  }

  @Test
  void encode_literalSpecialsAreSpecialTokens() {
    CharTokenizer t = CharTokenizer.build(List.of("ab"), 1, 100);
    assertArrayEquals(new int[] {4, 2, 5, 3}, t.encode("a<s>b</s>"));
    assertEquals(List.of("a", "<s>", "b", "</s>"), t.tokens("a<s>b</s>"));
  }

  @Test
  void encodeWithBosEos_andDecodeSkipsMarkers() {
    CharTokenizer t = CharTokenizer.build(List.of("ab"), 1, 100);
    int[] ids = t.encodeWithBosEos("ab");
    assertArrayEquals(new int[] {2, 4, 5, 3}, ids);
    assertEquals("ab", t.decode(new int[] {2, 4, 0, 5, 3, 0, 0}));
  }

  @Test
  void decode_idOutOfRange_throws() {
    CharTokenizer t = CharTokenizer.build(List.of("ab"), 1, 100);
    var e = assertThrows(IllegalArgumentException.class, () -> t.decode(new int[] {4, 6}));
    assertEquals("CharTokenizer.decode: id 6 at position 1 is outside [0, 6)", e.getMessage());
  }

  @Test
  void of_multiCodePointToken_throws() {
    var e = assertThrows(IllegalArgumentException.class, () -> CharTokenizer.of(
        Vocabulary.of(List.of("<pad>", "<unk>", "<s>", "</s>", "a", "bc"))));
    assertEquals("CharTokenizer: token 5 \"bc\" is not a single code point", e.getMessage());
  }
}
