package org.attention4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BleuTokenizerTest {

  @Test
  void thirteenA_knownTokenizations() {
    BleuTokenizer t = BleuTokenizer.THIRTEEN_A;
    assertEquals("Hello , world !", t.tokenize("Hello, world!"));
    assertEquals("It costs $ 1,000.50 ( 3.5 % ) .", t.tokenize("It costs $1,000.50 (3.5%)."));
    assertEquals("don't well-known 10 - 20", t.tokenize("don't well-known 10-20"));
    assertEquals("AT & T \" q \" < b >", t.tokenize("AT&amp;T &quot;q&quot; &lt;b&gt;"));
    assertEquals("a b", t.tokenize("a <skipped> b"));
    assertEquals("oneline two", t.tokenize("one-\nline\ntwo"));
    assertEquals("¿Qué ? Él dijo : «sí» .", t.tokenize("¿Qué? Él dijo: «sí»."));
  }

  @Test
  void zh_splitsChineseCharactersAndQuirkRanges() {
    BleuTokenizer t = BleuTokenizer.ZH;
    assertEquals("我 爱 NLP 。", t.tokenize("我爱NLP。"));
    assertEquals("他 说 ： “ 明 天 见 ！ ”", t.tokenize("他说：“明天见！”"));
    assertEquals("𠀀𠀁 ok", t.tokenize("𠀀𠀁 ok")); // sacreBLEU's table misses the astral planes
    assertEquals("a — b", t.tokenize("a—b")); // U+2014 falls in the quirk range U+2001..U+2A6D
  }

  @Test
  void isChinese_tableBoundaries() {
    assertFalse(BleuTokenizer.isChinese(0x2000));
    assertTrue(BleuTokenizer.isChinese(0x2001));
    assertTrue(BleuTokenizer.isChinese(0x2A6D));
    assertFalse(BleuTokenizer.isChinese(0x2A6E));
    assertTrue(BleuTokenizer.isChinese(0x9FBB));
    assertFalse(BleuTokenizer.isChinese(0x9FBC));
    assertFalse(BleuTokenizer.isChinese(0x20000));
  }

  @Test
  void pythonText_whitespaceIsPythons() {
    assertEquals(List.of("a", "b", "c", "d"), PythonText.split("a\u00a0b\u001cc\u3000d"));
    assertEquals(List.of("a\u200bb"), PythonText.split(" a\u200bb "));
    assertEquals("x", PythonText.strip("\u2028 x\u0085"));
    assertEquals(" x", PythonText.rstrip(" x \t"));
    assertEquals("0.12", PythonText.fixed(0.125, 2));
    assertEquals("-0.00", PythonText.fixed(-0.001, 2));
    assertEquals("BLEU", BleuTokenizer.NONE.tokenize("BLEU"));
    assertEquals("13a", BleuTokenizer.THIRTEEN_A.signature());
  }
}
