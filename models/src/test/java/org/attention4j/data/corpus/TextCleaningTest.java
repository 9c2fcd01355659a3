package org.attention4j.data.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class TextCleaningTest {

  @Test
  void normalize_composesToNfc() {
    assertEquals("caf\u00e9", TextCleaning.normalize("cafe\u0301"));
  }

  @Test
  void normalize_collapsesWhitespaceRunsAndTrims() {
    assertEquals("a b c d", TextCleaning.normalize("  a\t\tb\r\nc\u2028 d \n"));
  }

  @Test
  void normalize_keepsNoBreakSpaces() {
    assertEquals("Fichier\u00a0: x\u202f?", TextCleaning.normalize("Fichier\u00a0:  x\u202f?"));
  }

  @Test
  void normalize_leavesPlaceholdersAndBackslashesAlone() {
    String s = "%s %d %1$s %.*s %lu %% %<PRIuMAX> \\n C:\\dir";
    assertEquals(s, TextCleaning.normalize(s));
  }

  @Test
  void tokens_countsWordsAndCjkCharacters() {
    assertEquals(3, TextCleaning.tokens("Open the file"));
    assertEquals(4, TextCleaning.tokens("打开文件"));
    assertEquals(7, TextCleaning.tokens("打开文件 %s 失败")); // 4 + 1 + 2
    assertEquals(7, TextCleaning.tokens("ファイルを開く")); // kana and kanji, one each
  }

  @Test
  void tokens_runBetweenCjkCharactersIsOneToken() {
    assertEquals(3, TextCleaning.tokens("文%s件"));
    assertEquals(4, TextCleaning.tokens("無効%s値"));
    assertEquals(0, TextCleaning.tokens("   "));
  }

  @Test
  void chars_countsCodePoints() {
    assertEquals(2, TextCleaning.chars("a\uD83D\uDE00"));
  }

  @Test
  void firstControl_findsControlsButNotSpaces() {
    assertEquals("U+0004", TextCleaning.firstControl("ctx\u0004id"));
    assertEquals("U+DC00", TextCleaning.firstControl("x\uDC00"));
    assertNull(TextCleaning.firstControl("plain text\u00a0ok"));
  }
}
