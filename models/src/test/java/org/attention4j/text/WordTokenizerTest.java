package org.attention4j.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordTokenizerTest {

  private static void assertSegments(String text, String... tokens) {
    assertEquals(List.of(tokens), WordTokenizer.segment(text), text);
  }

  @Test
  void segment_punctuationSplitOff() {
    assertSegments("Hello, world!", "Hello", ",", "world", "!");
    assertSegments("(see below) -- \"quoted\"; ok?", "(", "see", "below", ")", "-", "-", "\"",
        "quoted", "\"", ";", "ok", "?");
    assertSegments("Wait... what…", "Wait", "...", "what", "…");
  }

  @Test
  void segment_accentsAndCombiningMarksStayInWords() {
    assertSegments("¿Qué pasó, señor Muñoz?", "¿", "Qué", "pasó", ",", "señor", "Muñoz", "?");
    assertSegments("cafe\u0301 naïve", "cafe\u0301", "naïve");
    assertSegments("«Déjà vu» ¡Olé!", "«", "Déjà", "vu", "»", "¡", "Olé", "!");
  }

  @Test
  void segment_englishClitics() {
    assertSegments("don't", "do", "n't");
    assertSegments("It's John's; we'll, I'm, they've, he'd, you're",
        "It", "'s", "John", "'s", ";", "we", "'ll", ",", "I", "'m", ",", "they", "'ve", ",", "he", "'d",
        ",", "you", "'re");
    assertSegments("CAN'T won’t it’s", "CA", "N'T", "wo", "n’t", "it", "’s");
    assertSegments("O'Brien l'homme rock'n'roll", "O'Brien", "l'homme", "rock'n'roll");
    assertSegments("mother-in-law's", "mother-in-law", "'s");
    assertSegments("the boys' toys", "the", "boys", "'", "toys");
  }

  @Test
  void segment_numbersAndHyphens() {
    assertSegments("1,000.50 and 3.14 in 1999.", "1,000.50", "and", "3.14", "in", "1999", ".");
    assertSegments("well-known 42nd snake_case", "well-known", "42nd", "snake_case");
  }

  @Test
  void segment_placeholdersAreOneToken() {
    assertSegments("%s %d %1$s %.*s %-10s %lu %%", "%s", "%d", "%1$s", "%.*s", "%-10s", "%lu", "%%");
    assertSegments("Copied %d files (%.1f%%).", "Copied", "%d", "files", "(", "%.1f", "%%", ")", ".");
    assertSegments("%(name)s has %5.2f %zu %llu %2$*1$d", "%(name)s", "has", "%5.2f", "%zu", "%llu",
        "%2$*1$d");
    // No space flag: ordinary percentages are not placeholders.
    assertSegments("50% de descuento", "50", "%", "de", "descuento");
  }

  @Test
  void segment_cjkCharactersOneByOne() {
    assertSegments("我爱NLP。", "我", "爱", "NLP", "。");
    assertSegments("日本語のテキスト", "日", "本", "語", "の", "テ", "キ", "ス", "ト");
    assertSegments("カタカナー", "カ", "タ", "カ", "ナ", "ー");
    assertSegments("한국어 문장", "한", "국", "어", "문", "장");
    assertSegments("𠀀𠀁", "𠀀", "𠀁");
  }

  @Test
  void segment_emojiAndWhitespace() {
    assertSegments("hi 👨‍👩‍👧 👍🏽!", "hi", "👨‍👩‍👧", "👍🏽", "!");
    assertSegments("\ta\u00a0b\u3000c\n", "a", "b", "c");
    assertSegments("");
  }

  @Test
  void decode_restoresNaturalSpacing() {
    List<String> sentences = List.of(
        "Hello, world!", "¿Qué hora es? Él dijo: «sí».", "I don't know; it's John's (really).",
        "He said \"hi\" to me.", "我爱自然语言处理。这是一个测试。", "Copied %d files (%s) in %.2f%% of the time.",
        "Price: $5, or 50% off...", "the boys' toys", "It costs 1,000.50 dollars!",
        "他说：“明天见！”然后就走了。");
    WordTokenizer t = WordTokenizer.build(sentences, 1, 1000);
    for (String s : sentences) assertEquals(s, t.decode(t.encode(s)), s);
  }

  @Test
  void detokenize_cjkAndLatinKeepTheirSpace() {
    assertEquals("使用 git 命令。", WordTokenizer.detokenize(List.of("使", "用", "git", "命", "令", "。")));
  }

  @Test
  void build_minFrequencyMaxSizeAndUnknowns() {
    WordTokenizer t = WordTokenizer.build(List.of("the cat sat", "the dog sat", "the end"), 2, 100);
    assertEquals(List.of("<pad>", "<unk>", "<s>", "</s>", "the", "sat"), t.vocabulary().tokens());
    assertArrayEquals(new int[] {4, 1, 5}, t.encode("the cow sat"));
    assertEquals("the <unk> sat", t.decode(t.encode("the cow sat")));
    assertEquals(List.of("the", "cow", "sat"), t.tokens("the cow sat"));
    assertEquals(5, WordTokenizer.build(List.of("a b c"), 1, 5).vocabSize());
  }

  @Test
  void encode_literalSpecials() {
    WordTokenizer t = WordTokenizer.build(List.of("a b"), 1, 100);
    assertArrayEquals(new int[] {2, 4, 5, 3}, t.encode("<s>a b</s>"));
    assertArrayEquals(new int[] {2, 4, 5, 3}, t.encodeWithBosEos("a b"));
  }
}
