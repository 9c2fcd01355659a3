package org.attention4j.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VocabularyTest {

  @Test
  void build_specialsFirstThenByFrequencyThenCodePoints() {
    Vocabulary v = Vocabulary.build(
        Map.of("b", 3L, "a", 3L, "c", 5L, "\uD83D\uDE00", 1L, "\uFFFD", 1L), 1, 100);
    // U+FFFD sorts before U+1F600 by code point (UTF-16 order would put the emoji first).
    assertEquals(List.of("<pad>", "<unk>", "<s>", "</s>", "c", "a", "b", "\uFFFD", "\uD83D\uDE00"),
        v.tokens());
    assertEquals(0, v.padId());
    assertEquals(1, v.unkId());
    assertEquals(2, v.bosId());
    assertEquals(3, v.eosId());
  }

  @Test
  void build_minFrequencyAndMaxSize() {
    Map<String, Long> counts = Map.of("x", 1L, "y", 2L, "z", 3L, "w", 4L);
    assertEquals(List.of("w", "z", "y"), Vocabulary.build(counts, 2, 100).tokens().subList(4, 7));
    assertEquals(6, Vocabulary.build(counts, 1, 6).size());
    assertEquals(List.of("w", "z"), Vocabulary.build(counts, 1, 6).tokens().subList(4, 6));
  }

  @Test
  void build_leavesOutTokensSpelledLikeSpecials() {
    Vocabulary v = Vocabulary.build(Map.of("<s>", 9L, "a", 1L), 1, 10);
    assertEquals(List.of("<pad>", "<unk>", "<s>", "</s>", "a"), v.tokens());
  }

  @Test
  void id_unknownIsUnk() {
    Vocabulary v = Vocabulary.build(Map.of("a", 1L), 1, 10);
    assertEquals(4, v.id("a"));
    assertEquals(1, v.id("zzz"));
    assertTrue(v.contains("a"));
    assertFalse(v.contains("zzz"));
    assertTrue(v.isSpecial(3));
    assertFalse(v.isSpecial(4));
  }

  @Test
  void of_specialsMayBeAnywhere() {
    Vocabulary v = Vocabulary.of(List.of("a", "</s>", "<s>", "<unk>", "<pad>"));
    assertEquals(4, v.padId());
    assertEquals(3, v.unkId());
    assertEquals(2, v.bosId());
    assertEquals(1, v.eosId());
  }

  @Test
  void of_repeatedToken_throws() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> Vocabulary.of(List.of("<pad>", "<unk>", "<s>", "</s>", "the", "a", "the")));
    assertEquals("Vocabulary.of: token \"the\" repeats at ids 4 and 6", e.getMessage());
  }

  @Test
  void of_missingSpecial_throws() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> Vocabulary.of(List.of("<pad>", "<unk>", "<s>", "a")));
    assertEquals("Vocabulary.of: special token </s> is missing", e.getMessage());
  }

  @Test
  void token_outOfRange_throws() {
    Vocabulary v = Vocabulary.build(Map.of(), 1, 10);
    var e = assertThrows(IllegalArgumentException.class, () -> v.token(4));
    assertEquals("Vocabulary.token: id 4 is outside [0, 4)", e.getMessage());
  }

  @Test
  void build_badArguments_throw() {
    var e = assertThrows(IllegalArgumentException.class, () -> Vocabulary.build(Map.of(), 0, 10));
    assertEquals("Vocabulary.build: minFrequency must be >= 1, got 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Vocabulary.build(Map.of(), 1, 3));
    assertEquals("Vocabulary.build: maxSize must be >= 4 (the special tokens), got 3", e.getMessage());
  }
}
