package org.attention4j.cli.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.attention4j.eval.BleuTokenizer;
import org.junit.jupiter.api.Test;

class CorpusSourceTest {
  @Test
  void bleuTokenizer_isZhForChineseTargets() {
    assertEquals(BleuTokenizer.ZH, CorpusSource.bleuTokenizer("zh_CN"));
    assertEquals(BleuTokenizer.ZH, CorpusSource.bleuTokenizer("zh"));
    assertEquals(BleuTokenizer.ZH, CorpusSource.bleuTokenizer("zh-TW"));
    assertEquals(BleuTokenizer.THIRTEEN_A, CorpusSource.bleuTokenizer("es"));
    assertEquals(BleuTokenizer.THIRTEEN_A, CorpusSource.bleuTokenizer("zu"));
  }
}
