package org.attention4j.decode;

import static org.attention4j.decode.GreedyDecoderTest.BOS;
import static org.attention4j.decode.GreedyDecoderTest.EOS;
import static org.attention4j.decode.GreedyDecoderTest.V;
import static org.attention4j.decode.GreedyDecoderTest.peak;
import static org.attention4j.decode.GreedyDecoderTest.sources;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Beam search against hand-computed answers on scripted models. */
class BeamSearchTest {
  /** Root: EOS 0.1, 3 0.9 (all else ~0). After 3: EOS 0.8, 4 0.2. After 3 4: EOS. */
  static double[] tree(int[] prefix) {
    double[] d = new double[V];
    java.util.Arrays.fill(d, 1e-9);
    if (prefix.length == 0) {
      d[EOS] = 0.1;
      d[3] = 0.9;
    } else if (prefix.length == 1) {
      d[EOS] = 0.8;
      d[4] = 0.2;
    } else {
      d[EOS] = 1.0;
    }
    return d;
  }

  private static final ScriptedModel.AttentionScript HALVES = (s, p) -> new float[] {0.7f, 0.3f};

  @Test
  void search_nBestScoresAreTheGnmtFormula() {
    ScriptedModel m = new ScriptedModel(V, (s, p) -> tree(p), HALVES);
    double alpha = 0.6;
    double beta = 0.2;
    var o = new BeamSearch.Options(3, 3, BOS, EOS, alpha, beta, 0, 10);
    List<Hypothesis> best = new BeamSearch(o).search(m, sources(2)).getFirst();
    assertEquals(3, best.size());
    double a = (Math.log(0.9) + Math.log(0.8)) / Math.pow(7.0 / 6, alpha) + beta * (Math.log(1.0) + Math.log(0.6));
    double b = (Math.log(0.9) + Math.log(0.2)) / Math.pow(8.0 / 6, alpha) + beta * (Math.log(1.0) + Math.log(0.9));
    double c = Math.log(0.1) / 1.0 + beta * (Math.log(0.7) + Math.log(0.3));
    assertArrayEquals(new int[] {3}, best.get(0).tokens());
    assertEquals(a, best.get(0).score(), 1e-6);
    assertEquals(Math.log(0.9) + Math.log(0.8), best.get(0).logProb(), 1e-6);
    assertArrayEquals(new int[] {3, 4}, best.get(1).tokens());
    assertEquals(b, best.get(1).score(), 1e-6);
    assertArrayEquals(new int[0], best.get(2).tokens());
    assertEquals(c, best.get(2).score(), 1e-6);
    assertTrue(a > b && b > c);
    assertEquals(2, best.get(0).attention().length, "token and EOS");
    assertArrayEquals(new float[] {0.7f, 0.3f}, best.get(0).attention()[1]);
  }

  @Test
  void search_earlyStopping_whenNoLiveHypothesisCanWin() {
    // EOS at once has 0.9; every continuation starts at log 0.1 and can only fall.
    ScriptedModel m = new ScriptedModel(V, (s, p) -> peak(EOS, 0.9), null);
    List<Hypothesis> best = new BeamSearch(BeamSearch.Options.of(3, BOS, EOS).withPenalties(1.0, 0)).search(m, sources(4)).getFirst();
    assertEquals(1, m.steps);
    assertArrayEquals(new int[0], best.getFirst().tokens());
    // Asking for 2 hypotheses needs a second one, so the search goes on.
    ScriptedModel m2 = new ScriptedModel(V, (s, p) -> peak(EOS, 0.9), null);
    List<Hypothesis> two = new BeamSearch(BeamSearch.Options.of(3, BOS, EOS).withNBest(2).withPenalties(0, 0)).search(m2, sources(4)).getFirst();
    assertEquals(2, two.size());
    assertEquals(2, m2.steps);
    assertEquals(1, two.get(1).tokens().length);
  }

  /** Root: EOS 0.5, 3 0.5; then 3 with 0.99 until six 3s, which end with EOS 0.99. */
  static double[] longChain(int[] prefix) {
    if (prefix.length == 0) {
      double[] d = new double[V];
      java.util.Arrays.fill(d, 1e-12);
      d[EOS] = 0.5;
      d[3] = 0.5;
      return d;
    }
    return prefix.length < 6 ? peak(3, 0.99) : peak(EOS, 0.99);
  }

  @Test
  void search_lengthPenalty_lateLongHypothesisBeatsEarlyShortOne() {
    // After step 1 the finished [] (log 0.5) is as probable as the live [3]; without a length
    // penalty it wins, with alpha = 2 the six-token sentence does: (log 0.5 + 6 log 0.99) / (12/6)^2.
    // Early stopping must not stop at step 1: the live bound is log 0.5 / lp(maxLength) > log 0.5.
    var plain = new BeamSearch(new BeamSearch.Options(2, 1, BOS, EOS, 0, 0, 0, 10));
    assertArrayEquals(new int[0], plain.search(new ScriptedModel(V, (s, p) -> longChain(p), null), sources(1)).getFirst().getFirst().tokens());
    var penalised = new BeamSearch(new BeamSearch.Options(2, 1, BOS, EOS, 2.0, 0, 0, 10));
    Hypothesis best = penalised.search(new ScriptedModel(V, (s, p) -> longChain(p), null), sources(1)).getFirst().getFirst();
    assertArrayEquals(new int[] {3, 3, 3, 3, 3, 3}, best.tokens());
    assertEquals((Math.log(0.5) + 6 * Math.log(0.99)) / 4.0, best.score(), 1e-6);
  }

  @Test
  void search_lengthLimit_setsAsideUnfinishedHypotheses() {
    ScriptedModel m = new ScriptedModel(V, (s, p) -> peak(5, 0.7), null);
    List<Hypothesis> best = new BeamSearch(new BeamSearch.Options(2, 2, BOS, EOS, 0, 0, 1.0, 1)).search(m, sources(2)).getFirst();
    assertEquals(3, m.steps, "limit 1.0 * 2 + 1");
    assertArrayEquals(new int[] {5, 5, 5}, best.get(0).tokens());
    assertFalse(best.get(0).finished());
    assertEquals(3 * Math.log(0.7), best.get(0).logProb(), 1e-6);
    assertEquals(3, best.get(1).tokens().length);
  }

  @Test
  void search_coverageWithoutAttention_isAClearError() {
    ScriptedModel m = new ScriptedModel(V, (s, p) -> tree(p), null);
    var e = assertThrows(IllegalStateException.class,
        () -> new BeamSearch(BeamSearch.Options.of(2, BOS, EOS).withPenalties(0.6, 0.2)).search(m, sources(2)));
    assertEquals("BeamSearch: the coverage penalty (beta 0.2) needs the step attention, but model 'scripted' returns none; use beta = 0",
        e.getMessage());
  }

  @Test
  void search_batchedSourcesFinishIndependently() {
    ScriptedModel.Script script = (s, p) -> s == 0 ? tree(p) : s == 1 ? peak(5, 0.7) : peak(EOS, 0.9);
    List<List<Hypothesis>> out = new BeamSearch(new BeamSearch.Options(2, 1, BOS, EOS, 0, 0, 0, 4))
        .search(new ScriptedModel(V, script, null), sources(2, 3, 1));
    assertArrayEquals(new int[] {3}, out.get(0).getFirst().tokens());
    assertArrayEquals(new int[] {5, 5, 5, 5}, out.get(1).getFirst().tokens());
    assertArrayEquals(new int[0], out.get(2).getFirst().tokens());
  }

  @Test
  void options_validation() {
    assertEquals("BeamSearch: nBest must be in 1..beamSize (2), got 3",
        assertThrows(IllegalArgumentException.class, () -> BeamSearch.Options.of(2, BOS, EOS).withNBest(3)).getMessage());
    assertEquals("BeamSearch: beamSize must be >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> BeamSearch.Options.of(0, BOS, EOS)).getMessage());
    assertEquals("BeamSearch: alpha must be finite and >= 0, got -1.0",
        assertThrows(IllegalArgumentException.class, () -> BeamSearch.Options.of(2, BOS, EOS).withPenalties(-1, 0)).getMessage());
  }
}
