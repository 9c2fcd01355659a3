package org.attention4j.data.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HashSplitTest {

  @Test
  void bucket_matchesSha256OfUtf8() {
    // python3: int.from_bytes(hashlib.sha256(s.encode()).digest()[:8], 'big') % 1000
    assertEquals(342, HashSplit.bucket("hello"));
    assertEquals(201, HashSplit.bucket("Open the file"));
    assertEquals(738, HashSplit.bucket("打开文件"));
    assertEquals(652, HashSplit.bucket(""));
  }

  @Test
  void ofSource_usesBucketThresholds() {
    assertEquals(Split.TRAIN, new HashSplit(10, 10).ofSource("hello")); // 342
    assertEquals(Split.TEST, new HashSplit(0, 343).ofSource("hello"));
    assertEquals(Split.DEV, new HashSplit(1, 342).ofSource("hello"));
    assertEquals(Split.TRAIN, new HashSplit(0, 342).ofSource("hello"));
  }

  @Test
  void of_dependsOnSourceOnly() {
    HashSplit h = HashSplit.DEFAULT;
    assertEquals(h.of(new SentencePair("a", "same", "x")),
        h.of(new SentencePair("b", "same", "y")));
  }

  @Test
  void ofSource_sharesAreRoughlyAsAsked() {
    HashSplit h = new HashSplit(50, 100);
    Map<Split, Integer> n = new EnumMap<>(Split.class);
    for (int i = 0; i < 20_000; i++) {
      n.merge(h.ofSource("sentence " + i), 1, Integer::sum);
    }
    assertTrue(Math.abs(n.get(Split.DEV) - 1000) < 150, n.toString());
    assertTrue(Math.abs(n.get(Split.TEST) - 2000) < 200, n.toString());
  }

  @Test
  void new_sharesOverOneThousand_fails() {
    assertEquals("HashSplit: dev and test shares must be >= 0 and add up to at most 1000 per"
        + " mille, got dev 600, test 500",
        assertThrows(IllegalArgumentException.class, () -> new HashSplit(600, 500)).getMessage());
  }
}
