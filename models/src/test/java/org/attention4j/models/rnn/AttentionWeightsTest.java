package org.attention4j.models.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.attention4j.autograd.GradMode;
import org.attention4j.models.seq2seq.SourceBatch;
import org.attention4j.models.seq2seq.TargetBatch;
import org.attention4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The attention a teacher-forced pass returns: distributions over real source positions only. */
class AttentionWeightsTest {
  private static final int[] SOURCE_LENGTHS = {6, 2, 4};

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.attention4j.models.rnn.RnnFixtures#variantArguments")
  void forward_withPaddedSources_weightsSumToOneOverRealPositionsAndAreZeroOnPadding(String name, RnnSeq2SeqConfig config) {
    if (config.kind() == RnnKind.PLAIN) return; // no attention: covered below
    RnnEncoderDecoder model = RnnSeq2Seq.create(config, new SplittableRandom(3));
    SourceBatch source = RnnFixtures.source(4, SOURCE_LENGTHS);
    TargetBatch target = RnnFixtures.target(5, 5, 7, 3);
    Tensor weights;
    try (var _ = GradMode.noGrad()) {
      weights = model.forward(source, target, true).attention();
    }
    int steps = target.input().dim(1);
    assertEquals(java.util.List.of(3, steps, 6), java.util.List.of(weights.dim(0), weights.dim(1), weights.dim(2)));
    for (int b = 0; b < 3; b++) {
      int len = SOURCE_LENGTHS[b];
      for (int t = 0; t < steps; t++) {
        double sum = 0;
        for (int s = 0; s < 6; s++) {
          float w = weights.get(b, t, s);
          String where = name + " row " + b + " step " + t + " position " + s;
          assertTrue(w >= 0, where + ": negative weight " + w);
          if (s >= len) assertEquals(0f, w, where + " is padding");
          if (config.kind() == RnnKind.LOCAL_M && Math.abs(s - t) > config.window()) assertEquals(0f, w, where + " is outside the window");
          sum += w;
        }
        String row = name + " row " + b + " step " + t;
        if (config.kind() == RnnKind.LOCAL_P) {
          assertTrue(sum <= 1 + 1e-6 && sum > 0, row + ": the Gaussian keeps the sum in (0, 1], got " + sum);
        } else if (config.kind() == RnnKind.LOCAL_M && t - config.window() >= len) {
          assertEquals(0, sum, 0, row + ": the window lies past the source");
        } else {
          assertEquals(1, sum, 1e-5, row + ": weights sum");
        }
      }
    }
  }

  @Test
  void forward_plain_hasNoAttention() {
    RnnEncoderDecoder model = RnnSeq2Seq.create(RnnFixtures.tiny(RnnKind.PLAIN), new SplittableRandom(3));
    try (var _ = GradMode.noGrad()) {
      assertNull(model.forward(RnnFixtures.source(4, 3, 2), RnnFixtures.target(5, 2, 3), true).attention());
    }
  }

  @Test
  void forward_withoutWantAttention_returnsNoWeights() {
    for (RnnKind kind : RnnKind.values()) {
      RnnEncoderDecoder model = RnnSeq2Seq.create(RnnFixtures.tiny(kind), new SplittableRandom(3));
      try (var _ = GradMode.noGrad()) {
        assertNull(model.forward(RnnFixtures.source(4, 3, 2), RnnFixtures.target(5, 2, 3), false).attention(), kind.modelType());
      }
    }
  }
}
