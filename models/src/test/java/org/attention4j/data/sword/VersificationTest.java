package org.attention4j.data.sword;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class VersificationTest {

  private final Versification kjv = Versification.kjv();

  @Test
  void kjv_hasKnownTotals() {
    assertEquals(66, kjv.books().size());
    int chapters = 0;
    for (int b = 0; b < 66; b++) {
      chapters += kjv.chapterCount(b);
    }
    assertEquals(1189, chapters);
    assertEquals(31102, kjv.totalVerses());
    assertEquals(31102, kjv.verses().size());
    assertEquals(2 + 39 + 929 + 23145, kjv.entryCount(Testament.OT));
    assertEquals(2 + 27 + 260 + 7957, kjv.entryCount(Testament.NT));
  }

  @Test
  void kjv_knownBooksAndChapters() {
    assertEquals("Gen", kjv.books().getFirst());
    assertEquals("Mal", kjv.books().get(38));
    assertEquals("Matt", kjv.books().get(39));
    assertEquals("Rev", kjv.books().getLast());
    int ps = kjv.bookIndex("Ps");
    assertEquals(150, kjv.chapterCount(ps));
    assertEquals(176, kjv.verseCount(ps, 119));
    assertEquals(Testament.NT, kjv.testament(kjv.bookIndex("Matt")));
    assertEquals(-1, kjv.bookIndex("Tob"));
  }

  @Test
  void entryIndex_followsZTextLayout() {
    assertEquals(4, kjv.entryIndex(VerseRef.parse("Gen.1.1")));
    assertEquals(3, kjv.chapterHeadingEntry(0, 1));
    assertEquals(2, kjv.bookHeadingEntry(0));
    assertEquals(4 + 31 + 1, kjv.entryIndex(VerseRef.parse("Gen.2.1")));
    // Genesis takes 1 + 50 + 1533 = 1584 entries after the two leading ones; then come
    // the Exodus heading (1586), the Exodus 1 heading and Exod.1.1.
    assertEquals(2 + 1584 + 2, kjv.entryIndex(VerseRef.parse("Exod.1.1")));
    assertEquals(4, kjv.entryIndex(VerseRef.parse("Matt.1.1")));
    assertEquals(8245, kjv.entryIndex(VerseRef.parse("Rev.22.21")));
  }

  @Test
  void ordinal_countsCanonicalOrder() {
    assertEquals(0, kjv.ordinal(VerseRef.parse("Gen.1.1")));
    assertEquals(23145, kjv.ordinal(VerseRef.parse("Matt.1.1")));
    assertEquals(31101, kjv.ordinal(VerseRef.parse("Rev.22.21")));
  }

  @Test
  void entryLabel_namesEveryKind() {
    assertEquals("empty entry 0", kjv.entryLabel(Testament.OT, 0));
    assertEquals("OT heading", kjv.entryLabel(Testament.OT, 1));
    assertEquals("Gen heading", kjv.entryLabel(Testament.OT, 2));
    assertEquals("Gen 1 heading", kjv.entryLabel(Testament.OT, 3));
    assertEquals("Gen.1.1", kjv.entryLabel(Testament.OT, 4));
    assertEquals("Rev.22.21", kjv.entryLabel(Testament.NT, 8245));
    assertEquals("past the end", kjv.entryLabel(Testament.NT, 8246));
  }

  @Test
  void entryIndex_unknownBook_fails() {
    assertEquals("Versification KJV: no book 'Tob' in Tob.1.1",
        assertThrows(IllegalArgumentException.class,
            () -> kjv.entryIndex(VerseRef.parse("Tob.1.1"))).getMessage());
  }

  @Test
  void entryIndex_chapterOutOfRange_fails() {
    assertEquals("Versification KJV: no chapter Gen.51 (Gen has 50 chapters)",
        assertThrows(IllegalArgumentException.class,
            () -> kjv.entryIndex(VerseRef.parse("Gen.51.1"))).getMessage());
  }

  @Test
  void entryIndex_verseOutOfRange_fails() {
    assertEquals("Versification KJV: no verse Gen.1.32 (Gen 1 has 31 verses)",
        assertThrows(IllegalArgumentException.class,
            () -> kjv.ordinal(VerseRef.parse("Gen.1.32"))).getMessage());
    assertFalse(kjv.contains(VerseRef.parse("Gen.1.32")));
    assertTrue(kjv.contains(VerseRef.parse("Gen.1.31")));
  }

  @Test
  void parse_tinyTable_layout() {
    Versification v = Versification.parse("TINY", List.of("# c", "OT Gen 3 2", "NT John 2"), "t");
    assertEquals(2 + 1 + 2 + 5, v.entryCount(Testament.OT));
    assertEquals(2 + 1 + 1 + 2, v.entryCount(Testament.NT));
    assertEquals(8, v.entryIndex(VerseRef.parse("Gen.2.1"))); // 0, 1, Gen, Gen 1, 3 verses, Gen 2
  }

  @Test
  void parse_badVerseCount_fails() {
    assertEquals("t: line 1: Gen chapter 2: verse count must be a positive number, found 'x'",
        assertThrows(IllegalArgumentException.class,
            () -> Versification.parse("T", List.of("OT Gen 3 x"), "t")).getMessage());
  }

  @Test
  void parse_badTestament_fails() {
    assertEquals("t: line 1: testament must be OT or NT, found 'XX'",
        assertThrows(IllegalArgumentException.class,
            () -> Versification.parse("T", List.of("XX Gen 3"), "t")).getMessage());
  }

  @Test
  void parse_otAfterNt_fails() {
    assertEquals("t: line 2: OT book Gen after an NT book",
        assertThrows(IllegalArgumentException.class,
            () -> Versification.parse("T", List.of("NT John 2", "OT Gen 3"), "t")).getMessage());
  }
}
