package org.attention4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SquadTest {

  @Test
  void normalize_lowercasePunctuationArticlesWhitespace() {
    assertEquals("eiffeltower", Squad.normalize("The  Eiffel-Tower!"));
    assertEquals("apple day", Squad.normalize("An apple a day."));
    assertEquals("theory", Squad.normalize("theory"));
    assertEquals("« » answer", Squad.normalize("«the» answer")); // only ASCII punctuation goes
  }

  @Test
  void exactMatchAndF1() {
    assertTrue(Squad.exactMatch("the Denver Broncos!", List.of("Denver Broncos")));
    assertFalse(Squad.exactMatch("Broncos", List.of("Denver Broncos")));
    assertEquals(2 * 1.0 * 0.5 / 1.5, Squad.f1("Broncos", List.of("Denver Broncos")), 1e-15);
    assertEquals(1.0, Squad.f1("Broncos", List.of("x", "Broncos")), 0);
    assertEquals(0.0, Squad.f1("", List.of("x")));
  }

  @Test
  void score_meansOnHundredScale() {
    Squad.Score s = Squad.score(List.of("Denver Broncos", "Broncos"),
        List.of(List.of("Denver Broncos"), List.of("Denver Broncos")));
    assertEquals(50.0, s.exactMatch(), 1e-12);
    assertEquals(100 * (1 + 2.0 / 3) / 2, s.f1(), 1e-12);
    var e = assertThrows(IllegalArgumentException.class, () -> Squad.score(List.of("a"), List.of(List.of())));
    assertEquals("Squad.score: question 0 has no gold answer", e.getMessage());
  }
}
