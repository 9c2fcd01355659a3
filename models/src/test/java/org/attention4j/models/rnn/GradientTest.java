package org.attention4j.models.rnn;

import java.util.List;
import java.util.SplittableRandom;
import org.attention4j.models.seq2seq.SourceBatch;
import org.attention4j.models.seq2seq.TargetBatch;
import org.attention4j.tensor.GradCheck;
import org.attention4j.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Backward through every family against central finite differences, over every parameter. The
 * loss ignores padded target positions (the target embedding's pad row gets no gradient by
 * design); local-p uses a window wider than the source here, because its hard cut has no
 * derivative; the maxout read-out needs a smaller step (see {@link #STEP}).
 */
class GradientTest {
  /**
   * Finite-difference step: smaller than the default 1e-2 because the maxout read-out (plain,
   * bahdanau) has kinks where a pair of units ties, and a wide step straddles them.
   */
  private static final double STEP = 1e-3;

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.attention4j.models.rnn.RnnFixtures#variantArguments")
  void backward_allParameters_matchFiniteDifferences(String name, RnnSeq2SeqConfig config) {
    RnnSeq2SeqConfig c = config.withSizes(3, 4).withAttentionDim(3);
    if (c.kind() == RnnKind.LOCAL_P) c = c.withWindow(4);
    RnnEncoderDecoder model = RnnSeq2Seq.create(c, new SplittableRandom(17));
    SourceBatch source = RnnFixtures.source(8, 4, 2);
    TargetBatch target = RnnFixtures.target(9, 2, 3);
    int vocab = model.targetVocab();
    List<Tensor> params = List.copyOf(model.parameters());
    GradCheck.defaults().step(STEP).checkInPlace(name, () -> {
      Tensor logits = model.forward(source, target, false).logits();
      return logits.reshape(-1, vocab).crossEntropy(target.output().reshape(-1), model.padId(), 0f, Tensor.Reduction.MEAN);
    }, params);
  }
}
