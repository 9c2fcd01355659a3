package org.attention4j.cli.bench;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.attention4j.models.seq2seq.SourceBatch;
import org.attention4j.models.seq2seq.TargetBatch;
import org.attention4j.models.transformer.Transformer;
import org.attention4j.optim.Adam;
import org.attention4j.tensor.IntTensor;
import org.attention4j.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code attn bench train-step}: one training step of a Transformer encoder-decoder on a fixed
 * random batch: zero the gradients, teacher-forced forward, cross-entropy over the target tokens
 * (padding ignored), backward, Adam update. Dropout is on (training mode). The rate is target
 * tokens per second.
 */
@Command(name = "train-step", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Times one Transformer training step (fwd, loss, bwd, Adam).",
        "Times one Transformer training step (forward, cross-entropy, backward, Adam)",
        "on a random batch. Rate: target tokens / median time."})
final class BenchTrainStepCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin TransformerShape shape;
  @Mixin BenchOptions bench;

  private int batch = 32;
  private int targetLength = 32;

  @Option(names = "--batch", order = 1, paramLabel = "B", description = "Rows per batch (default: 32).")
  void setBatch(int v) {
    batch = Require.atLeast(spec, "--batch", v, 1);
  }

  @Option(names = "--target-len", order = 2, paramLabel = "T",
      description = "Target tokens per row (default: 32).")
  void setTargetLength(int v) {
    targetLength = Require.atLeast(spec, "--target-len", v, 1);
  }

  @Override
  public Integer call() {
    Transformer model = shape.model(targetLength, 1);
    model.train(true);
    Adam adam = new Adam(model.namedParameters(), 1e-4);
    SplittableRandom rng = new SplittableRandom(2);
    SourceBatch source = shape.source(batch, rng);
    // Teacher forcing: the decoder reads BOS + the first T - 1 tokens and predicts all T.
    int[] out = shape.tokens(batch, targetLength, rng);
    int[] in = new int[out.length];
    for (int b = 0; b < batch; b++) {
      in[b * targetLength] = TransformerShape.BOS;
      System.arraycopy(out, b * targetLength, in, b * targetLength + 1, targetLength - 1);
    }
    int[] lengths = new int[batch];
    java.util.Arrays.fill(lengths, targetLength);
    TargetBatch target = new TargetBatch(IntTensor.of(in, batch, targetLength),
        IntTensor.of(out, batch, targetLength), lengths);
    IntTensor labels = target.output().reshape(-1);
    int padId = model.padId();

    Map<String, Object> params = new java.util.LinkedHashMap<>();
    params.put("batch", batch);
    params.put("target_len", targetLength);
    params.putAll(shape.params());
    bench.run("train-step", params, List.of(Rate.tokensPerSecond((double) batch * targetLength)), () -> {
      adam.zeroGrad();
      Tensor logits = model.forward(source, target, false).logits();                 // (B, T, V)
      Tensor loss = logits.reshape(-1, logits.dim(2))                                 // (B*T, V)
          .crossEntropy(labels, padId, 0f, Tensor.Reduction.MEAN);
      if (!Float.isFinite(loss.item())) throw new IllegalStateException("train-step: loss is " + loss.item());
      loss.backward();
      adam.step();
    });
    return 0;
  }
}
