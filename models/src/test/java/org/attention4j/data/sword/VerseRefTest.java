package org.attention4j.data.sword;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class VerseRefTest {

  @Test
  void parse_osisRef_roundTrips() {
    VerseRef r = VerseRef.parse("1John.3.16");
    assertEquals(new VerseRef("1John", 3, 16), r);
    assertEquals("1John.3.16", r.toString());
  }

  @Test
  void parse_twoParts_fails() {
    assertEquals("VerseRef.parse: expected Book.chapter.verse, got 'Gen.1'",
        assertThrows(IllegalArgumentException.class, () -> VerseRef.parse("Gen.1")).getMessage());
  }

  @Test
  void parse_leadingZero_fails() {
    assertEquals("VerseRef.parse: chapter and verse must be numbers from 1 without leading zeros"
        + " in 'Gen.01.1'", assertThrows(IllegalArgumentException.class,
            () -> VerseRef.parse("Gen.01.1")).getMessage());
  }

  @Test
  void new_verseZero_fails() {
    assertEquals("VerseRef: chapter and verse start at 1, got Gen.1.0",
        assertThrows(IllegalArgumentException.class, () -> new VerseRef("Gen", 1, 0))
            .getMessage());
  }
}
