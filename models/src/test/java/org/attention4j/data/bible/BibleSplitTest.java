package org.attention4j.data.bible;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.attention4j.data.sword.Versification;
import org.junit.jupiter.api.Test;

class BibleSplitTest {

  @Test
  void of_documentedBooks() {
    assertEquals(BibleSplit.TEST, BibleSplit.of("Ruth"));
    assertEquals(BibleSplit.TEST, BibleSplit.of("1John"));
    assertEquals(BibleSplit.DEV, BibleSplit.of("Esth"));
    assertEquals(BibleSplit.TRAIN, BibleSplit.of("Gen"));
  }

  @Test
  void books_areKjvBooksAndDisjoint() {
    Versification kjv = Versification.kjv();
    for (String b : BibleSplit.TEST_BOOKS) {
      assertTrue(kjv.bookIndex(b) >= 0, b);
      assertTrue(!BibleSplit.DEV_BOOKS.contains(b), b);
    }
    for (String b : BibleSplit.DEV_BOOKS) {
      assertTrue(kjv.bookIndex(b) >= 0, b);
    }
  }

  @Test
  void books_sizesAsDocumented() {
    Versification kjv = Versification.kjv();
    long test = kjv.verses().stream().filter(r -> BibleSplit.of(r.book()) == BibleSplit.TEST)
        .count();
    long dev = kjv.verses().stream().filter(r -> BibleSplit.of(r.book()) == BibleSplit.DEV)
        .count();
    assertEquals(1129, test); // 3.6% of 31,102
    assertEquals(498, dev);
  }

  @Test
  void fromLabel_unknown_fails() {
    assertEquals("BibleSplit: unknown split 'valid' (expected train, dev or test)",
        assertThrows(IllegalArgumentException.class, () -> BibleSplit.fromLabel("valid"))
            .getMessage());
    assertEquals(BibleSplit.DEV, BibleSplit.fromLabel("dev"));
  }

  @Test
  void versePair_refMismatch_fails() {
    assertEquals("VersePair: ref 'Gen.1.2' does not match book/chapter/verse Gen.1.1",
        assertThrows(IllegalArgumentException.class,
            () -> new VersePair("Gen.1.2", "Gen", 1, 1, BibleSplit.TRAIN, "a", "b"))
            .getMessage());
  }
}
