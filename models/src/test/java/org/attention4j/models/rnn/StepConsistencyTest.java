package org.attention4j.models.rnn;

import static org.attention4j.testing.TensorAsserts.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.SplittableRandom;
import org.attention4j.autograd.GradMode;
import org.attention4j.models.seq2seq.DecoderState;
import org.attention4j.models.seq2seq.SourceBatch;
import org.attention4j.models.seq2seq.Step;
import org.attention4j.models.seq2seq.TargetBatch;
import org.attention4j.models.seq2seq.TeacherForced;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Incremental decoding ({@code start}/{@code step}) computes what the teacher-forced pass computes. */
class StepConsistencyTest {
  @ParameterizedTest(name = "{0}")
  @MethodSource("org.attention4j.models.rnn.RnnFixtures#variantArguments")
  void step_withPaddedSources_matchesTeacherForcedLogitsAndAttention(String name, RnnSeq2SeqConfig config) {
    RnnEncoderDecoder model = RnnSeq2Seq.create(config, new SplittableRandom(7));
    model.eval();
    SourceBatch source = RnnFixtures.source(1, 5, 2, 4);
    TargetBatch target = RnnFixtures.target(2, 4, 2, 5);
    try (var _ = GradMode.noGrad()) {
      TeacherForced tf = model.forward(source, target, true);
      int batch = 3;
      int steps = target.input().dim(1);
      assertEquals(java.util.List.of(batch, steps, RnnFixtures.TARGET_VOCAB), java.util.List.of(tf.logits().dim(0), tf.logits().dim(1), tf.logits().dim(2)));
      DecoderState state = model.start(source);
      for (int t = 0; t < steps; t++) {
        int[] previous = new int[batch];
        for (int b = 0; b < batch; b++) previous[b] = target.input().get(b, t);
        Step step = model.step(state, previous);
        assertClose(tf.logits().select(1, t).logSoftmax(-1), step.logProbs(), 1e-5, 0, name + " log-probs at step " + t);
        if (config.kind() == RnnKind.PLAIN) {
          assertNull(tf.attention());
          assertNull(step.attention());
        } else {
          assertClose(tf.attention().select(1, t), step.attention(), 1e-5, 0, name + " attention at step " + t);
        }
        assertEquals(t + 1, step.next().position());
        state = step.next();
      }
    }
  }
}
