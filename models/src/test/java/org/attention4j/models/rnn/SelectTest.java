package org.attention4j.models.rnn;

import static org.attention4j.testing.TensorAsserts.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.attention4j.autograd.GradMode;
import org.attention4j.models.seq2seq.DecoderState;
import org.attention4j.models.seq2seq.SourceBatch;
import org.attention4j.models.seq2seq.Step;
import org.attention4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code DecoderState.select} gives beam search what it needs: rows that may repeat, reordered state. */
class SelectTest {
  @ParameterizedTest(name = "{0}")
  @MethodSource("org.attention4j.models.rnn.RnnFixtures#variantArguments")
  void select_withRepeatedRows_matchesDecodingEachSourceAlone(String name, RnnSeq2SeqConfig config) {
    RnnEncoderDecoder model = RnnSeq2Seq.create(config, new SplittableRandom(11));
    model.eval();
    SourceBatch source = RnnFixtures.source(3, 2, 5, 3);
    SplittableRandom tokens = new SplittableRandom(5);
    int[][] selections = {{1, 1, 0, 2, 1}, {4, 4, 0, 3, 2, 1}, {5, 0, 0}};
    try (var _ = GradMode.noGrad()) {
      DecoderState state = model.start(source);
      int[] sourceOf = {0, 1, 2};
      List<List<Integer>> history = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
      for (int[] rows : selections) {
        state = state.select(rows);
        int[] newSource = new int[rows.length];
        List<List<Integer>> newHistory = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
          newSource[i] = sourceOf[rows[i]];
          newHistory.add(new ArrayList<>(history.get(rows[i])));
        }
        sourceOf = newSource;
        history = newHistory;
        int[] previous = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
          previous[i] = history.get(i).isEmpty() ? RnnFixtures.BOS : 3 + tokens.nextInt(RnnFixtures.TARGET_VOCAB - 3);
          history.get(i).add(previous[i]);
        }
        Step step = model.step(state, previous);
        assertEquals(rows.length, step.next().rows());
        for (int i = 0; i < rows.length; i++) {
          Step alone = decodeAlone(model, RnnFixtures.row(source, sourceOf[i]), history.get(i));
          String what = name + " row " + i + " (source " + sourceOf[i] + ", tokens " + history.get(i) + ")";
          assertClose(alone.logProbs().select(0, 0), step.logProbs().select(0, i), 1e-5, 0, what + " log-probs");
          if (alone.attention() != null) {
            int len = source.lengths()[sourceOf[i]];
            Tensor row = step.attention().select(0, i);
            assertClose(alone.attention().select(0, 0), row.narrow(0, 0, len), 1e-5, 0, what + " attention");
            assertClose(Tensor.zeros(row.dim(0) - len), row.narrow(0, len, row.dim(0) - len), 0, 0, what + " attention on padding");
          }
        }
        state = step.next();
      }
    }
  }

  private static Step decodeAlone(RnnEncoderDecoder model, SourceBatch source, List<Integer> tokens) {
    DecoderState s = model.start(source);
    Step last = null;
    for (int token : tokens) {
      last = model.step(s, new int[] {token});
      s = last.next();
    }
    return last;
  }

  @Test
  void select_identity_returnsTheSameState() {
    RnnEncoderDecoder model = RnnSeq2Seq.create(RnnFixtures.tiny(RnnKind.BAHDANAU), new SplittableRandom(1));
    try (var _ = GradMode.noGrad()) {
      DecoderState state = model.start(RnnFixtures.source(1, 3, 2));
      assertSame(state, state.select(new int[] {0, 1}));
    }
  }

  @Test
  void select_rowOutOfRange_throwsNamingTheRow() {
    RnnEncoderDecoder model = RnnSeq2Seq.create(RnnFixtures.tiny(RnnKind.LUONG_DOT), new SplittableRandom(1));
    try (var _ = GradMode.noGrad()) {
      DecoderState state = model.start(RnnFixtures.source(1, 3, 2));
      var e = assertThrows(IllegalArgumentException.class, () -> state.select(new int[] {1, 2}));
      assertEquals("DecoderState.select: row 2 at index 1 is outside 0..1", e.getMessage());
      var empty = assertThrows(IllegalArgumentException.class, () -> state.select(new int[0]));
      assertEquals("DecoderState.select: no rows picked", empty.getMessage());
    }
  }
}
