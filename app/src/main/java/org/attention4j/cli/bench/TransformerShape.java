package org.attention4j.cli.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.attention4j.models.seq2seq.SourceBatch;
import org.attention4j.models.transformer.Transformer;
import org.attention4j.models.transformer.TransformerConfig;
import org.attention4j.tensor.IntTensor;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The model options that {@code attn bench train-step} and {@code attn bench decode} share: a
 * post-norm Transformer with sinusoidal positions, separate source and target embeddings and an
 * untied output projection, as {@code bench_torch.py} builds around PyTorch's
 * {@code nn.Transformer}. Defaults: the translation issue's model (d_model 256, 4 heads, 3 + 3
 * layers, d_ff 1024, vocabularies of 8000, dropout 0.1 everywhere, 32 source tokens).
 */
final class TransformerShape {
  /** Id 0 pads, 1 starts a target (BOS), 2 ends it (EOS); real tokens are drawn from 3 up. */
  static final int PAD = 0;
  static final int BOS = 1;
  static final int FIRST_TOKEN = 3;

  @Spec(Spec.Target.MIXEE) CommandSpec mixee;

  int dModel = 256;
  int heads = 4;
  int layers = 3;
  int ffDim = 1024;
  int vocab = 8000;
  double dropout = 0.1;
  int sourceLength = 32;

  @Option(names = "--d-model", order = 20, paramLabel = "D", description = "Model width (default: 256).")
  void setDModel(int v) {
    dModel = Require.atLeast(mixee, "--d-model", v, 1);
  }

  @Option(names = "--heads", order = 21, paramLabel = "H",
      description = "Attention heads; must divide --d-model (default: 4).")
  void setHeads(int v) {
    heads = Require.atLeast(mixee, "--heads", v, 1);
  }

  @Option(names = "--layers", order = 22, paramLabel = "N",
      description = "Encoder layers and decoder layers, N each (default: 3).")
  void setLayers(int v) {
    layers = Require.atLeast(mixee, "--layers", v, 1);
  }

  @Option(names = "--ff-dim", order = 23, paramLabel = "F",
      description = "Feed-forward inner width (default: 1024).")
  void setFfDim(int v) {
    ffDim = Require.atLeast(mixee, "--ff-dim", v, 1);
  }

  @Option(names = "--vocab", order = 24, paramLabel = "V",
      description = "Source and target vocabulary size (default: 8000).")
  void setVocab(int v) {
    vocab = Require.atLeast(mixee, "--vocab", v, FIRST_TOKEN + 1);
  }

  @Option(names = "--dropout", order = 25, paramLabel = "P",
      description = "Dropout on residuals, attention weights and activations (default: 0.1).")
  void setDropout(double p) {
    if (!(p >= 0 && p < 1)) {
      throw new picocli.CommandLine.ParameterException(mixee.commandLine(),
          "--dropout must be in [0, 1), got " + p);
    }
    dropout = p;
  }

  @Option(names = "--source-len", order = 26, paramLabel = "S",
      description = "Source tokens per row (default: 32).")
  void setSourceLength(int v) {
    sourceLength = Require.atLeast(mixee, "--source-len", v, 1);
  }

  /** The model, with parameters drawn from a generator seeded with {@code seed}. */
  Transformer model(int maxLength, long seed) {
    if (dModel % heads != 0) {
      throw new picocli.CommandLine.ParameterException(mixee.commandLine(),
          "--heads (" + heads + ") must divide --d-model (" + dModel + ")");
    }
    TransformerConfig config = TransformerConfig.builder(vocab, vocab, PAD)
        .dModel(dModel).heads(heads).layers(layers, layers).ffDim(ffDim).dropout(dropout)
        .labelSmoothing(0).maxLength(Math.max(maxLength, sourceLength)).build();
    return new Transformer(config, new SplittableRandom(seed));
  }

  /** {@code (rows, length)} ids uniform over the real tokens. */
  int[] tokens(int rows, int length, SplittableRandom rng) {
    int[] ids = new int[rows * length];
    for (int i = 0; i < ids.length; i++) ids[i] = rng.nextInt(FIRST_TOKEN, vocab);
    return ids;
  }

  /** {@code rows} unpadded source rows of {@code --source-len} random tokens. */
  SourceBatch source(int rows, SplittableRandom rng) {
    int[] lengths = new int[rows];
    java.util.Arrays.fill(lengths, sourceLength);
    return new SourceBatch(IntTensor.of(tokens(rows, sourceLength, rng), rows, sourceLength), lengths);
  }

  /** The model parameters in display order. */
  Map<String, Object> params() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("d_model", dModel);
    p.put("heads", heads);
    p.put("layers", layers);
    p.put("ff_dim", ffDim);
    p.put("vocab", vocab);
    p.put("dropout", dropout);
    p.put("source_len", sourceLength);
    return p;
  }
}
