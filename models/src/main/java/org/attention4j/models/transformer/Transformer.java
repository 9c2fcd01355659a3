package org.attention4j.models.transformer;

import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.attention4j.attention.KVCache;
import org.attention4j.attention.Mask;
import org.attention4j.autograd.GradMode;
import org.attention4j.models.seq2seq.DecoderState;
import org.attention4j.models.seq2seq.Seq2SeqModel;
import org.attention4j.models.seq2seq.SourceBatch;
import org.attention4j.models.seq2seq.Step;
import org.attention4j.models.seq2seq.TargetBatch;
import org.attention4j.models.seq2seq.TeacherForced;
import org.attention4j.nn.Dropout;
import org.attention4j.nn.Embedding;
import org.attention4j.nn.Init;
import org.attention4j.nn.LearnedPositionalEncoding;
import org.attention4j.nn.Linear;
import org.attention4j.tensor.IntTensor;
import org.attention4j.tensor.Tensor;

/**
 * The Transformer encoder-decoder of Vaswani et al. (2017), "Attention Is All You Need":
 * embeddings scaled by {@code sqrt(d_model)} plus positions, {@code N} encoder layers
 * (self-attention, feed-forward), {@code N} decoder layers (masked self-attention, cross-attention,
 * feed-forward), and a linear map to target logits. Options ({@link TransformerConfig}): post- or
 * pre-norm (Xiong et al. 2020), sinusoidal or learned positions, shared source/target embeddings,
 * output projection tied to the target embedding.
 *
 * <p>Parameter names read like the code: {@code sourceEmbedding.weight},
 * {@code encoder.layers.0.selfAttn.wq.weight}, {@code decoder.layers.2.crossAttn.wo.bias},
 * {@code decoder.layers.0.feedForward.w1.weight}, {@code outputProjection.weight} (no bias, as
 * fairseq: it saves a pass over the {@code B x T x V} logits and changes nothing a softmax over a
 * learned projection cannot express); with pre-norm
 * also {@code encoder.norm.*} and {@code decoder.norm.*}; with learned positions
 * {@code sourcePositions.weight} and {@code targetPositions.weight}. Shared embeddings are one
 * tensor under both names in the state dict.
 *
 * <p>Initialisation, as the reference implementations: attention projections as PyTorch's
 * {@code nn.MultiheadAttention} (Xavier-uniform, zero biases); feed-forward and the untied output
 * projection Xavier-uniform, biases zero (the Annotated Transformer, fairseq); embeddings
 * {@code N(0, d_model^-1)} with the padding row zero (fairseq), so that after the
 * {@code sqrt(d_model)} scale they have unit variance like the sinusoids they are added to;
 * learned positions {@code N(0, 0.02^2)}; layer norms ones and zeros.
 *
 * <p>Masks: encoder self-attention and cross-attention hide source padding; decoder
 * self-attention is causal and hides target padding.
 *
 * <p>Decoding: {@link #start} encodes once and projects the memory into per-layer
 * cross-attention caches; {@link #step} feeds one token per row, projects only that token and
 * appends its keys and values to per-layer self-attention caches; see {@link TransformerState}
 * for how {@link DecoderState#select} reorders them. Both run without recording gradients and
 * apply dropout only in training mode: call {@link #eval()} first.
 */
public final class Transformer extends Seq2SeqModel {
  /** The family name in checkpoints and on the command line. */
  public static final String MODEL_TYPE = "transformer";

  private final TransformerConfig config;
  private final Embedding sourceEmbedding;
  private final Embedding targetEmbedding;
  private final Positions sourcePositions;
  private final Positions targetPositions;
  private final Dropout dropout;
  private final Encoder encoder;
  private final Decoder decoder;
  private final Linear outputProjection;
  private final float embedScale;

  /** A model with fresh parameters drawn from {@code rng}, which also drives dropout. */
  public Transformer(TransformerConfig config, RandomGenerator rng) {
    this.config = Objects.requireNonNull(config, "Transformer: config is null");
    Objects.requireNonNull(rng, "Transformer: rng is null");
    int d = config.dModel();
    embedScale = (float) Math.sqrt(d);
    sourceEmbedding = child("sourceEmbedding", embedding(config.sourceVocab(), rng));
    targetEmbedding = child("targetEmbedding", config.shareEmbeddings() ? sourceEmbedding : embedding(config.targetVocab(), rng));
    if (config.positions() == TransformerConfig.PositionKind.LEARNED) {
      sourcePositions = Positions.learned("source", child("sourcePositions", new LearnedPositionalEncoding(config.maxLength(), d, rng)));
      targetPositions = Positions.learned("target", child("targetPositions", new LearnedPositionalEncoding(config.maxLength(), d, rng)));
    } else {
      sourcePositions = Positions.sinusoidal("source", config.maxLength(), d);
      targetPositions = Positions.sinusoidal("target", config.maxLength(), d);
    }
    dropout = child("dropout", new Dropout(config.dropout(), rng));
    encoder = child("encoder", new Encoder(config, rng));
    decoder = child("decoder", new Decoder(config, rng));
    outputProjection = config.tieOutput() ? null
        : child("outputProjection", FeedForward.xavier(new Linear(d, config.targetVocab(), false, rng), rng));
  }

  private Embedding embedding(int vocab, RandomGenerator rng) {
    Embedding e = new Embedding(vocab, config.dModel(), config.padId(), rng);
    Init.normal(e.weight(), 0, 1 / Math.sqrt(config.dModel()), rng);
    try (var _ = GradMode.noGrad()) {
      e.weight().select(0, config.padId()).fill(0f);
    }
    return e;
  }

  /**
   * Builds a model from {@link #configMap()}'s values (or their JSON).
   *
   * @throws IllegalArgumentException naming the field that is missing, mistyped or out of range
   */
  public static Transformer fromConfig(Map<String, ?> config, RandomGenerator rng) {
    return new Transformer(TransformerConfig.fromMap(config), rng);
  }

  public TransformerConfig config() {
    return config;
  }

  @Override
  public String modelType() {
    return MODEL_TYPE;
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

  // ---------------------------------------------------------------- teacher forcing

  /**
   * Teacher-forced pass.
   *
   * @param wantAttention whether to return the last decoder layer's cross-attention averaged over
   *     heads, {@code (B, T, S)}
   * @return logits {@code (B, T, V)}
   * @throws IllegalArgumentException if source and target batch sizes differ, an id is outside
   *     its vocabulary or a sequence is longer than {@code maxLength}
   */
  @Override
  public TeacherForced forward(SourceBatch source, TargetBatch target, boolean wantAttention) {
    Pass p = run(source, target, wantAttention ? Trace.LAST_CROSS : Trace.NONE);
    return new TeacherForced(p.logits, wantAttention ? p.decoder.crossWeights().getFirst() : null);
  }

  /**
   * A teacher-forced pass that returns every layer's self- and cross-attention per head, for
   * visualisation. Call it inside {@code GradMode.noGrad()} unless a loss on the weights is wanted.
   *
   * @throws IllegalArgumentException as {@link #forward}
   */
  public AttentionMaps attentionMaps(SourceBatch source, TargetBatch target) {
    Pass p = run(source, target, Trace.ALL);
    return new AttentionMaps(p.logits, p.encoder.selfWeights(), p.decoder.selfWeights(), p.decoder.crossWeights());
  }

  private record Pass(Tensor logits, Encoder.Output encoder, Decoder.Output decoder) {}

  private Pass run(SourceBatch source, TargetBatch target, Trace trace) {
    if (source.batch() != target.input().dim(0)) {
      throw new IllegalArgumentException("Transformer.forward: source batch " + source.batch() + " and target batch "
          + target.input().dim(0) + " differ");
    }
    Mask sourcePadding = Mask.keyPadding(source.lengths());
    Encoder.Output enc = encoder.forward(embedSource(source.ids()), sourcePadding, trace);
    Mask selfMask = Mask.causal().and(Mask.keyPadding(target.lengths()));
    Decoder.Output dec = decoder.forward(embedTarget(target.input(), 0), enc.memory(), selfMask, sourcePadding, trace,
        null, null);
    return new Pass(project(dec.y()), enc, dec);
  }

  /** {@code (B, S)} ids to {@code dropout(sqrt(d) * E[ids] + PE)}, {@code (B, S, d_model)}. */
  private Tensor embedSource(IntTensor ids) {
    return dropout.forward(sourcePositions.add(sourceEmbedding.forward(ids).mul(embedScale), 0));
  }

  /** {@code (B, T)} ids at positions {@code offset..} to {@code (B, T, d_model)}. */
  private Tensor embedTarget(IntTensor ids, int offset) {
    return dropout.forward(targetPositions.add(targetEmbedding.forward(ids).mul(embedScale), offset));
  }

  /** {@code (B, T, d_model) -> (B, T, V)}: one GEMM over all {@code B * T} rows. */
  private Tensor project(Tensor y) {
    return outputProjection != null ? outputProjection.forward(y)
        : y.matmul(targetEmbedding.weight().transpose(0, 1)); // (B, T, d) @ (d, V)
  }

  /** The encoder output {@code (B, S, d_model)} for {@code source} (recorded if grad mode is on). */
  public Tensor encode(SourceBatch source) {
    return encoder.forward(embedSource(source.ids()), Mask.keyPadding(source.lengths()), Trace.NONE).memory();
  }

  // ---------------------------------------------------------------- incremental decoding

  /** Encodes {@code source} once and projects the memory into every layer's cross-attention cache. */
  @Override
  public DecoderState start(SourceBatch source) {
    try (var _ = GradMode.noGrad()) {
      Mask padding = Mask.keyPadding(source.lengths());
      Tensor memory = encode(source);
      KVCache[] cross = new KVCache[decoder.depth()];
      for (int i = 0; i < cross.length; i++) cross[i] = KVCache.crossAttention();
      decoder.fillCrossCaches(memory, padding, cross);
      return TransformerState.initial(this, cross, source.lengths(), decoder.depth());
    }
  }

  /**
   * Feeds {@code previous[n]} to row {@code n} at position {@code state.position()}: projects only
   * the new token in every layer and attends over the cached keys and values.
   *
   * @return log-probabilities {@code (N, V)}, the last decoder layer's cross-attention averaged
   *     over heads {@code (N, S)}, and the advanced state
   * @throws IllegalArgumentException if {@code state} is not from this model's {@link #start},
   *     {@code previous.length != state.rows()}, an id is outside the target vocabulary, or the
   *     position reaches {@code maxLength}
   */
  @Override
  public Step step(DecoderState state, int[] previous) {
    if (!(state instanceof TransformerState s) || s.owner() != this) {
      throw new IllegalArgumentException("Transformer.step: the state must come from this model's start(), got "
          + (state == null ? "null" : state.getClass().getSimpleName()));
    }
    if (previous.length != s.rows()) {
      throw new IllegalArgumentException("Transformer.step: " + previous.length + " previous tokens for " + s.rows() + " rows");
    }
    try (var _ = GradMode.noGrad()) {
      int n = previous.length;
      KVCache[] self = s.selfCachesForStep();
      Tensor y = embedTarget(IntTensor.of(previous, n, 1), s.position()); // (N, 1, d_model)
      Decoder.Output dec = decoder.forward(y, null, null, s.crossMask(), Trace.LAST_CROSS, self, s.crossCaches());
      Tensor logProbs = project(dec.y()).reshape(n, config.targetVocab()).logSoftmax(-1); // (N, 1, V) -> (N, V)
      Tensor attention = dec.crossWeights().getFirst().reshape(n, -1);                    // (N, 1, S) -> (N, S)
      return new Step(logProbs, attention, s.advance(self));
    }
  }
}
