package org.attention4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class AerTest {

  @Test
  void perfectAlignmentIsZero() {
    Alignment gold = Pharaoh.parse("0-0 1-1 2?2");
    assertEquals(0.0, Aer.sentence(Pharaoh.parse("0-0 1-1"), gold).aer());
    assertEquals(0.0, Aer.sentence(Pharaoh.parse("0-0 1-1 2-2"), gold).aer());
  }

  /** A = {0-0, 1-2, 2-2}, S = {0-0, 1-1}, P = S + {1-2}: |A∩S| = 1, |A∩P| = 2 -> 1 - 3/5. */
  @Test
  void closedForm() {
    Aer.Result r = Aer.sentence(Pharaoh.parse("0-0 1-2 2-2"), Pharaoh.parse("0-0 1-1 1?2"));
    assertEquals(1 - 3.0 / 5, r.aer(), 1e-15);
    assertEquals(2.0 / 3, r.precision(), 1e-15);
    assertEquals(0.5, r.recall(), 1e-15);
    assertEquals(new Aer.Result(r.aer(), r.precision(), r.recall(), 3, 2, 1, 2), r);
  }

  @Test
  void corpusSumsCountsBeforeDividing() {
    List<Alignment> pred = List.of(Pharaoh.parse("0-0"), Pharaoh.parse("0-1 1-1 2-2"));
    List<Alignment> gold = List.of(Pharaoh.parse("0-0"), Pharaoh.parse("0-0"));
    // |A| = 4, |S| = 2, |A∩S| = |A∩P| = 1: 1 - 2/6 (the mean of the sentence AERs would be 0.5).
    assertEquals(1 - 2.0 / 6, Aer.corpus(pred, gold).aer(), 1e-15);
  }

  @Test
  void emptyCases() {
    assertEquals(new Aer.Result(0.0, 1.0, 1.0, 0, 0, 0, 0), Aer.sentence(Alignment.empty(), Alignment.empty()));
    assertEquals(1.0, Aer.sentence(Alignment.empty(), Pharaoh.parse("0-0")).aer());
  }

  @Test
  void corpus_lengthMismatch_throws() {
    var e = assertThrows(IllegalArgumentException.class, () -> Aer.corpus(List.of(), List.of(Alignment.empty())));
    assertEquals("Aer.corpus: 0 predicted but 1 gold alignments", e.getMessage());
  }
}
