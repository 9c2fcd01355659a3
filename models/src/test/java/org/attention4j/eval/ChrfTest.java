package org.attention4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChrfTest {

  @Test
  void identicalIs100_disjointIs0() {
    assertEquals(100.0, Chrf.sentence("the cat", List.of("the cat")).score(), 1e-12);
    assertEquals(0.0, Chrf.sentence("xyz", List.of("abc")).score());
    assertEquals("chrF2 = 100.00", Chrf.corpus(List.of("a b"), List.of("a b")).toString());
    assertEquals("chrF2++ = 100.00",
        Chrf.corpus(List.of("a b"), List.of("a b"), Chrf.Options.CHRF_PLUS_PLUS).toString());
  }

  /** Closed form with one character order: hyp "ab", ref "abc" -> P = 1, R = 2/3. */
  @Test
  void closedForm_singleOrder() {
    Chrf.Options unigrams = new Chrf.Options(1, 0, 2, false, false, false);
    double p = 1.0, r = 2.0 / 3;
    assertEquals(100 * 5 * p * r / (4 * p + r), Chrf.sentence("ab", List.of("abc"), unigrams).score(),
        1e-12);
    // Whitespace is removed before counting: "a b" against "ab" is a perfect match.
    assertEquals(100.0, Chrf.sentence("a b", List.of("ab"), unigrams).score(), 1e-12);
  }

  @Test
  void sentence_bestReferenceCounts() {
    double best = Chrf.sentence("the cat", List.of("a dog", "the cat")).score();
    assertEquals(100.0, best, 1e-12);
  }

  @Test
  void badArguments_throw() {
    var e = assertThrows(IllegalArgumentException.class, () -> new Chrf.Options(0, 0, 2, false, false, false));
    assertEquals("Chrf.Options: orders must be >= 0 and not both 0, got charOrder 0, wordOrder 0",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Chrf.corpus(List.of("a"), List.of()));
    assertEquals("Chrf.corpus: 1 hypotheses but reference stream 0 has 0 lines", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Chrf.sentence("a", List.of()));
    assertEquals("Chrf.sentence: no references", e.getMessage());
  }
}
