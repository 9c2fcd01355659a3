package org.attention4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BleuTest {

  @Test
  void corpus_identicalIs100() {
    BleuScore s = Bleu.corpus(List.of("The cat sat on the mat."), List.of("The cat sat on the mat."));
    assertEquals(100.0, s.score(), 1e-12);
    assertEquals(List.of(7L, 6L, 5L, 4L), s.counts());
    assertEquals(1.0, s.bp());
    assertEquals("BLEU = 100.00 100.0/100.0/100.0/100.0 (BP = 1.000 ratio = 1.000 hyp_len = 7 ref_len = 7)",
        s.toString());
  }

  /** Closed form: p1 = 5/6, p2 = 3/5, p3 = 1/4, p4 = 0 -> exp smoothing gives p4 = 100/(2*3). */
  @Test
  void corpus_closedFormWithExpSmoothing() {
    BleuScore s = Bleu.corpus(List.of("a b x d e f"), List.of("a b c d e f"),
        Bleu.Options.CORPUS.withTokenizer(BleuTokenizer.NONE));
    assertEquals(List.of(5L, 3L, 1L, 0L), s.counts());
    assertEquals(List.of(6L, 5L, 4L, 3L), s.totals());
    double[] p = {100.0 * 5 / 6, 100.0 * 3 / 5, 100.0 * 1 / 4, 100.0 / (2 * 3)};
    double expected = Math.exp(Arrays.stream(p).map(Math::log).sum() / 4);
    assertEquals(expected, s.score(), 1e-12);
    assertEquals(0.0, Bleu.corpus(List.of("a b x d e f"), List.of("a b c d e f"),
        Bleu.Options.CORPUS.withTokenizer(BleuTokenizer.NONE).withSmoothing(Bleu.Smoothing.NONE, Double.NaN))
        .score(), 1e-300);
  }

  @Test
  void corpus_brevityPenalty() {
    // 4 hypothesis tokens, 8 reference tokens: BP = exp(1 - 8/4).
    BleuScore s = Bleu.corpus(List.of("a b c d"), List.of("a b c d e f g h"),
        Bleu.Options.CORPUS.withTokenizer(BleuTokenizer.NONE));
    assertEquals(Math.exp(-1), s.bp(), 1e-15);
    assertEquals(100 * Math.exp(-1), s.score(), 1e-9);
    assertEquals(0.5, s.ratio());
  }

  @Test
  void corpus_emptyHypothesesScoreZero() {
    BleuScore s = Bleu.corpus(List.of(""), List.of("a b"));
    assertEquals(0.0, s.score());
    assertEquals(0.0, s.bp());
    assertEquals("BLEU = 0.00 0.0/0.0/0.0/0.0 (BP = 0.000 ratio = 0.000 hyp_len = 0 ref_len = 2)",
        s.toString());
  }

  @Test
  void multiReference_closestLengthTiesGoToShorter() {
    // Hypothesis of 4 tokens; references of 3 and 5 tokens are equally close: r = 3.
    BleuScore s = Bleu.corpusMultiReference(List.of("a b c d"),
        List.of(List.of("a b c"), List.of("a b c d e")), Bleu.Options.CORPUS.withTokenizer(BleuTokenizer.NONE));
    assertEquals(3, s.refLen());
    assertEquals(List.of(4L, 3L, 2L, 1L), s.counts()); // n-grams clipped by the best reference
  }

  @Test
  void multiReference_nullLinesAreMissingReferences() {
    BleuScore s = Bleu.corpusMultiReference(List.of("a b", "c d"),
        List.of(List.of("a b", "x y"), java.util.Arrays.asList(null, "c d")), Bleu.Options.CORPUS);
    assertEquals(List.of(4L, 2L, 0L, 0L), s.counts());
  }

  @Test
  void sentence_usesEffectiveOrder() {
    BleuScore s = Bleu.sentence("a b", List.of("a b"));
    assertEquals(100.0, s.score(), 1e-12); // orders 3 and 4 have no n-grams and are left out
    assertEquals(0.0, Bleu.corpus(List.of("a b"), List.of("a b")).score(), 1e-300);
  }

  @Test
  void toString_roundsLikePython() {
    BleuScore s = new BleuScore(12.345, List.of(1L), List.of(1L), List.of(0.25, 0.35), 0.0625, 1.0005,
        3, 4);
    // 12.345 and 0.35 are just below their halves in binary; 0.0625 is an exact tie (to even).
    assertEquals("BLEU = 12.35 0.2/0.3 (BP = 0.062 ratio = 1.000 hyp_len = 3 ref_len = 4)", s.toString());
  }

  @Test
  void corpus_badArguments_throw() {
    var e = assertThrows(IllegalArgumentException.class, () -> Bleu.corpus(List.of("a", "b"), List.of("a")));
    assertEquals("Bleu.corpus: 2 hypotheses but reference stream 0 has 1 lines", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Bleu.corpus(List.of(), List.of()));
    assertEquals("Bleu.corpus: no hypotheses", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Bleu.corpusMultiReference(List.of("a"),
        List.of(java.util.Arrays.asList((String) null)), Bleu.Options.CORPUS));
    assertEquals("Bleu.corpus: segment 0 has no reference", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Bleu.sentence("a", List.of()));
    assertEquals("Bleu.sentence: no references", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Bleu.Options.CORPUS.withMaxOrder(0));
    assertEquals("Bleu.Options: maxOrder must be >= 1, got 0", e.getMessage());
  }

  @Test
  void options_nanSmoothValueTakesTheMethodDefault() {
    assertEquals(0.1, Bleu.Options.CORPUS.withSmoothing(Bleu.Smoothing.FLOOR, Double.NaN).smoothValue());
    assertEquals(1.0, Bleu.Options.CORPUS.withSmoothing(Bleu.Smoothing.ADD_K, Double.NaN).smoothValue());
    assertEquals(0.5, Bleu.Options.CORPUS.withSmoothing(Bleu.Smoothing.ADD_K, 0.5).smoothValue());
  }
}
