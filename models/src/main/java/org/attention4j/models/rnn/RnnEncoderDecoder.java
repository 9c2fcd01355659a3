package org.attention4j.models.rnn;

import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.attention4j.models.seq2seq.DecoderState;
import org.attention4j.models.seq2seq.Seq2SeqModel;
import org.attention4j.models.seq2seq.SourceBatch;
import org.attention4j.models.seq2seq.TargetBatch;
import org.attention4j.nn.Dropout;
import org.attention4j.nn.Embedding;
import org.attention4j.nn.RnnConfig;
import org.attention4j.nn.RnnOutput;
import org.attention4j.tensor.IntTensor;
import org.attention4j.tensor.Tensor;

/**
 * What the RNN encoder-decoders share: the config, the source and target embeddings (padding id
 * as padding index), the encoder ({@link org.attention4j.nn.GRU} or {@link org.attention4j.nn.LSTM},
 * source padding honoured through the lengths), dropout, and the argument checks.
 *
 * <p>State-dict names: {@code source_embedding.weight}, {@code target_embedding.weight},
 * {@code encoder.weight_ih_l0 ...} (PyTorch's {@code nn.GRU}/{@code nn.LSTM} names), then the
 * family's own modules (see each class).
 *
 * <p>{@link #step} is meant for inference: call it in eval mode inside
 * {@code GradMode.noGrad()} (it records a graph otherwise, like any op).
 */
public abstract sealed class RnnEncoderDecoder extends Seq2SeqModel permits PlainSeq2Seq, BahdanauSeq2Seq, LuongSeq2Seq {
  final RnnSeq2SeqConfig config;
  final RandomGenerator rng;
  final Embedding sourceEmbedding;
  final Embedding targetEmbedding;
  final RnnStack encoder;
  final Dropout dropout;

  RnnEncoderDecoder(RnnSeq2SeqConfig config, RandomGenerator rng) {
    this.config = Objects.requireNonNull(config, "RnnEncoderDecoder: config is null");
    this.rng = Objects.requireNonNull(rng, "RnnEncoderDecoder: rng is null");
    int pad = config.padId();
    sourceEmbedding = child("source_embedding", new Embedding(config.sourceVocab(), config.embedDim(), pad, rng));
    targetEmbedding = child("target_embedding", new Embedding(config.targetVocab(), config.embedDim(), pad, rng));
    encoder = new RnnStack(config.cell(), new RnnConfig(config.embedDim(), config.encoderHidden(),
        config.encoderLayers(), config.bidirectional(), config.dropout(), true), rng);
    child("encoder", encoder.module());
    dropout = child("dropout", new Dropout(config.dropout(), rng));
  }

  /** The config this model was built from. */
  public RnnSeq2SeqConfig config() {
    return config;
  }

  @Override
  public String modelType() {
    return config.kind().modelType();
  }

  @Override
  public Map<String, Object> configMap() {
    return config.toMap();
  }

  @Override
  public int sourceVocab() {
    return config.sourceVocab();
  }

  @Override
  public int targetVocab() {
    return config.targetVocab();
  }

  @Override
  public int padId() {
    return config.padId();
  }

  /**
   * Runs the encoder over the source: annotations {@code (B, S, D * He)}, zero at padding, and
   * the final states {@code (Le * D, B, He)} after each row's last real token.
   */
  RnnOutput encode(SourceBatch source) {
    Tensor x = dropout.forward(sourceEmbedding.forward(source.ids())); // (B, S) -> (B, S, E)
    return encoder.run(x, source.lengths(), null);
  }

  /** Target ids {@code (B, T)} to dropped-out embeddings {@code (B, T, E)}. */
  Tensor embedTarget(IntTensor ids) {
    return dropout.forward(targetEmbedding.forward(ids));
  }

  /** The final state of the encoder's top layer in direction {@code d} (0 forward, 1 backward): {@code (B, He)}. */
  static Tensor encoderFinal(RnnOutput enc, RnnConfig cfg, int direction) {
    return enc.hN().select(0, (cfg.numLayers() - 1) * cfg.directions() + direction);
  }

  /**
   * Splits {@code tanh(bridge(x))} of width {@code L * H} into the initial hidden states of the
   * decoder's {@code L} layers; LSTM cell states start at zero.
   */
  static RnnStack.Layers initialFromBridge(Tensor bridged, RnnStack decoder) {
    int layers = decoder.config().numLayers();
    int hidden = decoder.config().hiddenSize();
    Tensor s = bridged.tanh();
    Tensor[] h = new Tensor[layers];
    Tensor[] c = decoder.isLstm() ? new Tensor[layers] : null;
    for (int l = 0; l < layers; l++) {
      h[l] = layers == 1 ? s : s.narrow(1, l * hidden, hidden); // (B, L * H) -> (B, H)
      if (c != null) c[l] = Tensor.zeros(s.dim(0), hidden);
    }
    return new RnnStack.Layers(h, c);
  }

  void checkBatches(SourceBatch source, TargetBatch target) {
    Objects.requireNonNull(source, "forward: source is null");
    Objects.requireNonNull(target, "forward: target is null");
    if (source.batch() != target.input().dim(0)) {
      throw new IllegalArgumentException(
          "forward: source batch " + source.batch() + " differs from target batch " + target.input().dim(0));
    }
  }

  /** The state as this model's, after checking it and the token count. */
  RnnState checkStep(DecoderState state, int[] previous) {
    if (!(state instanceof RnnState s) || s.owner() != this) {
      throw new IllegalArgumentException("step: the state was not made by this model's start()");
    }
    if (previous.length != s.rows()) {
      throw new IllegalArgumentException("step: " + previous.length + " previous tokens for " + s.rows() + " rows");
    }
    return s;
  }

  /** The tokens of one step as ids {@code (N, 1)}. */
  static IntTensor column(int[] previous) {
    return IntTensor.of(previous.clone(), previous.length, 1);
  }

  /** Bahdanau's (and Cho's) maxout read-out: {@code (..., 2L) -> (..., L)}, max over adjacent pairs. */
  static Tensor maxout(Tensor t) {
    int[] dims = t.shape().toArray();
    int width = dims[dims.length - 1];
    int[] paired = java.util.Arrays.copyOf(dims, dims.length + 1);
    paired[dims.length - 1] = width / 2;
    paired[dims.length] = 2;
    return t.reshape(paired).max(dims.length, false); // (..., 2L) -> (..., L, 2) -> (..., L)
  }
}
