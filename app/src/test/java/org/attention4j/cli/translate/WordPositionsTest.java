package org.attention4j.cli.translate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.attention4j.text.BpeTokenizer;
import org.attention4j.text.BpeTrainer;
import org.attention4j.text.CharTokenizer;
import org.attention4j.text.WordTokenizer;
import org.junit.jupiter.api.Test;

class WordPositionsTest {
  @Test
  void bpe_tokensMapToTheWordOfTheirFirstByte() {
    BpeTokenizer bpe = BpeTrainer.train(List.of("the cat sat", "the hat"), new BpeTrainer.Config(300, 2));
    String text = "the cats  señor";
    int[] ids = bpe.encode(text);
    int[] words = WordPositions.ofText(bpe, text);
    assertEquals(ids.length, words.length);
    List<List<Integer>> groups = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    for (int k = 0; k < ids.length; k++) if (words[k] >= 0) groups.get(words[k]).add(ids[k]);
    List<String> spelled = groups.stream()
        .map(g -> bpe.decode(g.stream().mapToInt(Integer::intValue).toArray()).strip()).toList();
    assertEquals(List.of("the", "cats", "señor"), spelled); // ñ is two byte tokens of one word
    assertTrue(Arrays.stream(words).anyMatch(w -> w == -1), "the lone space token maps nowhere");
  }

  @Test
  void word_tokensAreFoundInTheText_cliticsIncluded() {
    WordTokenizer w = WordTokenizer.build(List.of("don't panic , now"), 1, 100);
    // do n't | panic! | unknown
    assertArrayEquals(new int[] {0, 0, 1, 1, 2}, WordPositions.ofText(w, "don't panic! zebra"));
  }

  @Test
  void char_whitespaceTokensMapNowhere() {
    CharTokenizer c = CharTokenizer.build(List.of("ab c"), 1, 100);
    assertArrayEquals(new int[] {0, 0, -1, 1}, WordPositions.ofText(c, "ab c"));
  }

  @Test
  void ofIds_placesAHypothesisInItsDecodedText() {
    WordTokenizer w = WordTokenizer.build(List.of("hello , world ."), 1, 100);
    int[] ids = w.encode("hello, world.");
    String text = w.decode(ids); // "hello, world."
    assertArrayEquals(new int[] {0, 0, 1, 1}, WordPositions.ofIds(w, ids, text));
  }

  @Test
  void count_countsWhitespaceSeparatedWords() {
    assertEquals(0, WordPositions.count("  "));
    assertEquals(3, WordPositions.count(" a  b\tc "));
  }

  @Test
  void heatmap_shadesAndNamesTheStrongestSource() {
    List<String> lines = AttentionText.heatmap(List.of("the", "dog"), List.of("Hund", "</s>"),
        new float[][] {{0.1f, 0.9f}, {0.5f, 0.5f}}, "  ");
    assertEquals(List.of("  source: 0 the | 1 dog", "        01", "  Hund  ·█  <- dog 0.90", "  </s>  ▒▒  <- the 0.50"),
        lines);
  }
}
