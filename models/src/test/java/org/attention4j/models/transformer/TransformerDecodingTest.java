package org.attention4j.models.transformer;

import static org.attention4j.testing.TensorAsserts.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.attention4j.autograd.GradMode;
import org.attention4j.models.seq2seq.DecoderState;
import org.attention4j.models.seq2seq.SourceBatch;
import org.attention4j.models.seq2seq.Step;
import org.attention4j.models.seq2seq.TargetBatch;
import org.attention4j.models.seq2seq.TeacherForced;
import org.attention4j.models.transformer.TransformerConfig.NormPlacement;
import org.attention4j.models.transformer.TransformerConfig.PositionKind;
import org.attention4j.tensor.IntTensor;
import org.attention4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransformerDecodingTest {
  private static final int V = 17;

  private static Transformer model(TransformerConfig c, long seed) {
    Transformer m = new Transformer(c, new SplittableRandom(seed));
    m.eval();
    return m;
  }

  /** Feeds the target inputs column by column and compares with the teacher-forced log-probabilities. */
  private static void assertStepsMatchForward(Transformer m, SourceBatch src, TargetBatch tgt) {
    try (var _ = GradMode.noGrad()) {
      TeacherForced full = m.forward(src, tgt, true);
      Tensor logProbs = full.logits().logSoftmax(-1);
      int b = src.batch();
      int t = tgt.input().dim(1);
      DecoderState state = m.start(src);
      for (int j = 0; j < t; j++) {
        int[] prev = new int[b];
        for (int r = 0; r < b; r++) prev[r] = tgt.input().get(r, j);
        Step step = m.step(state, prev);
        assertEquals(j + 1, step.next().position());
        for (int r = 0; r < b; r++) {
          if (j >= tgt.lengths()[r]) continue; // padded target positions see padded keys differently
          assertClose(logProbs.select(0, r).select(0, j), step.logProbs().select(0, r), 1e-5, 1e-5, "log-probs row " + r + " step " + j);
          assertClose(full.attention().select(0, r).select(0, j), step.attention().select(0, r), 1e-5, 1e-5, "attention row " + r + " step " + j);
        }
        state = step.next();
      }
    }
  }

  @ParameterizedTest(name = "{0} norm, {1} positions")
  @CsvSource({"POST, SINUSOIDAL", "POST, LEARNED", "PRE, SINUSOIDAL", "PRE, LEARNED"})
  void step_equalsTeacherForced(NormPlacement norm, PositionKind positions) {
    SplittableRandom rng = new SplittableRandom(1);
    Transformer m = model(Batches.tiny(V).norm(norm).positions(positions).layers(2, 3).build(), 2);
    assertStepsMatchForward(m, Batches.source(rng, V, 7, 3, 5), Batches.target(rng, V, 6, 6, 2));
  }

  @Test
  void step_equalsTeacherForced_withTiedEmbeddingsAndGelu() {
    SplittableRandom rng = new SplittableRandom(3);
    Transformer m = model(Batches.tiny(V).shareEmbeddings(true).tieOutput(true).activation(TransformerConfig.Activation.GELU).build(), 4);
    assertStepsMatchForward(m, Batches.source(rng, V, 4, 6), Batches.target(rng, V, 5, 3));
  }

  @Test
  void select_repeatedRows_continueTheirOwnHistories() {
    SplittableRandom rng = new SplittableRandom(5);
    Transformer m = model(Batches.tiny(V).build(), 6);
    SourceBatch src = Batches.source(rng, V, 5, 3);
    int[][] prefix = {{Batches.BOS, 4, 9}, {Batches.BOS, 7, 12}};
    try (var _ = GradMode.noGrad()) {
      DecoderState state = m.start(src);
      for (int j = 0; j < 3; j++) state = m.step(state, new int[] {prefix[0][j], prefix[1][j]}).next();
      // Rows: source 1 twice, then source 0; each continues with its own next token.
      DecoderState picked = state.select(new int[] {1, 1, 0});
      assertEquals(3, picked.rows());
      assertEquals(3, picked.position());
      int[] next = {5, 8, 10};
      Step step = m.step(picked, next);
      Step after = m.step(step.next(), new int[] {3, 3, 3});
      int[][] words = {{7, 12, 5, 3}, {7, 12, 8, 3}, {4, 9, 10, 3}};
      int[] sourceOf = {1, 1, 0};
      for (int r = 0; r < 3; r++) {
        SourceBatch one = oneRow(src, sourceOf[r]);
        TargetBatch tgt = Batches.target(new int[][] {words[r]}, 5);
        Tensor lp = m.forward(one, tgt, false).logits().logSoftmax(-1).select(0, 0);
        assertClose(lp.select(0, 3), step.logProbs().select(0, r), 1e-5, 1e-5, "row " + r + " after select");
        assertClose(lp.select(0, 4), after.logProbs().select(0, r), 1e-5, 1e-5, "row " + r + " one step later");
      }
    }
  }

  @Test
  void select_beforeTheFirstStep_expandsSources() {
    SplittableRandom rng = new SplittableRandom(7);
    Transformer m = model(Batches.tiny(V).build(), 8);
    SourceBatch src = Batches.source(rng, V, 3, 6);
    try (var _ = GradMode.noGrad()) {
      DecoderState s = m.start(src).select(new int[] {0, 0, 1, 1});
      Step step = m.step(s, new int[] {1, 1, 1, 1});
      assertClose(step.logProbs().select(0, 0), step.logProbs().select(0, 1), 0, 0, "copies of source 0");
      assertClose(step.logProbs().select(0, 2), step.logProbs().select(0, 3), 0, 0, "copies of source 1");
      Step direct = m.step(m.start(src), new int[] {1, 1});
      assertClose(direct.logProbs().select(0, 1), step.logProbs().select(0, 2), 1e-6, 1e-6, "same as without select");
      assertEquals(0f, step.attention().get(0, 5), "source 0 has 3 real tokens");
    }
  }

  @Test
  void select_identity_returnsTheSameState() {
    SplittableRandom rng = new SplittableRandom(9);
    Transformer m = model(Batches.tiny(V).build(), 10);
    try (var _ = GradMode.noGrad()) {
      DecoderState s = m.start(Batches.source(rng, V, 3, 4));
      assertSame(s, s.select(new int[] {0, 1}));
    }
  }

  @Test
  void step_onAnOldState_branchesWithoutDisturbingTheNewOne() {
    SplittableRandom rng = new SplittableRandom(11);
    Transformer m = model(Batches.tiny(V).build(), 12);
    SourceBatch src = Batches.source(rng, V, 4);
    try (var _ = GradMode.noGrad()) {
      DecoderState s1 = m.step(m.start(src), new int[] {1}).next();
      Step a = m.step(s1, new int[] {5});     // appends to the shared caches
      Step b = m.step(s1, new int[] {6});     // s1 is behind its caches now: copies its prefix
      Step a2 = m.step(a.next(), new int[] {7});
      Step a2again = m.step(m.step(s1, new int[] {5}).next(), new int[] {7});
      assertClose(a2.logProbs(), a2again.logProbs(), 0, 0, "branching left the first line intact");
      TargetBatch tgt = Batches.target(new int[][] {{6}}, 2);
      Tensor lp = m.forward(src, tgt, false).logits().logSoftmax(-1).select(0, 0).select(0, 1);
      assertClose(lp, b.logProbs().select(0, 0), 1e-5, 1e-5, "the branch");
    }
  }

  @Test
  void start_andStep_workInsideAGradScope() {
    SplittableRandom rng = new SplittableRandom(13);
    Transformer m = model(Batches.tiny(V).build(), 14);
    Step s = m.step(m.start(Batches.source(rng, V, 3)), new int[] {1});
    assertEquals(false, s.logProbs().requiresGrad());
  }

  @Test
  void step_errors() {
    SplittableRandom rng = new SplittableRandom(15);
    Transformer m = model(Batches.tiny(V).maxLength(2).build(), 16);
    Transformer other = model(Batches.tiny(V).maxLength(2).build(), 16);
    DecoderState s = m.start(Batches.source(rng, V, 2, 2));
    assertEquals("Transformer.step: 1 previous tokens for 2 rows",
        assertThrows(IllegalArgumentException.class, () -> m.step(s, new int[] {1})).getMessage());
    assertEquals("Transformer.step: the state must come from this model's start(), got TransformerState",
        assertThrows(IllegalArgumentException.class, () -> other.step(s, new int[] {1, 1})).getMessage());
    assertEquals("TransformerState.select: row 2 at index 1 is outside 0..1",
        assertThrows(IllegalArgumentException.class, () -> s.select(new int[] {0, 2})).getMessage());
    DecoderState s2 = m.step(m.step(s, new int[] {1, 1}).next(), new int[] {3, 3}).next();
    assertEquals("Transformer: target position 2 is beyond maxLength 2 (positions 0..1; raise maxLength in TransformerConfig)",
        assertThrows(IllegalArgumentException.class, () -> m.step(s2, new int[] {3, 3})).getMessage());
  }

  private static SourceBatch oneRow(SourceBatch src, int row) {
    int len = src.lengths()[row];
    int[] ids = new int[len];
    for (int i = 0; i < len; i++) ids[i] = src.ids().get(row, i);
    return new SourceBatch(IntTensor.of(ids, 1, len), new int[] {len});
  }
}
