package org.attention4j.models.transformer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.attention4j.decode.GreedyDecoder;
import org.attention4j.decode.Hypothesis;
import org.attention4j.models.seq2seq.SourceBatch;
import org.attention4j.models.seq2seq.TargetBatch;
import org.attention4j.models.transformer.TransformerConfig.NormPlacement;
import org.attention4j.optim.Adam;
import org.attention4j.tensor.IntTensor;
import org.attention4j.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The model can learn to copy: a tiny end-to-end check of forward, loss, backward, Adam and greedy decoding. */
class TransformerOverfitTest {
  @ParameterizedTest
  @EnumSource(NormPlacement.class)
  void copyTask_greedyReproducesTheTargets(NormPlacement norm) {
    int v = 10;
    int n = 16;
    SplittableRandom rng = new SplittableRandom(21);
    int[][] words = new int[n][];
    for (int i = 0; i < n; i++) {
      words[i] = new int[2 + rng.nextInt(4)];
      for (int j = 0; j < words[i].length; j++) words[i][j] = 3 + rng.nextInt(v - 3);
    }
    int[][] src = new int[n][6];
    int[] srcLengths = new int[n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(words[i], 0, src[i], 0, words[i].length);
      srcLengths[i] = words[i].length;
    }
    SourceBatch source = new SourceBatch(IntTensor.of(src), srcLengths);
    TargetBatch target = Batches.target(words, 6);

    TransformerConfig c = TransformerConfig.builder(v, v, Batches.PAD).dModel(32).heads(4).layers(2, 2).ffDim(64)
        .dropout(0).maxLength(16).norm(norm).build();
    Transformer model = new Transformer(c, new SplittableRandom(22));
    Adam adam = new Adam(model.namedParameters(), 3e-3);
    float loss = Float.NaN;
    for (int step = 0; step < 250; step++) {
      adam.zeroGrad();
      Tensor l = model.forward(source, target, false).logits().reshape(-1, v)
          .crossEntropy(target.output().reshape(-1), Batches.PAD, 0f, Tensor.Reduction.MEAN);
      l.backward();
      adam.step();
      loss = l.item();
    }
    assertTrue(loss < 0.05, "training loss " + loss);
    List<Hypothesis> out = new GreedyDecoder(new GreedyDecoder.Options(Batches.BOS, Batches.EOS, 1.0, 3)).decode(model, source);
    for (int i = 0; i < n; i++) {
      assertArrayEquals(words[i], out.get(i).tokens(), "sentence " + i);
      assertTrue(out.get(i).finished());
    }
  }
}
