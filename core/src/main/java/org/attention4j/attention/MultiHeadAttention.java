package org.attention4j.attention;

import java.util.random.RandomGenerator;
import org.attention4j.nn.Init;
import org.attention4j.nn.Linear;
import org.attention4j.nn.Module;
import org.attention4j.tensor.Tensor;

/**
 * Multi-head attention (Vaswani et al. 2017, sec. 3.2.2):
 * {@code MultiHead(Q, K, V) = Concat(head_1..head_h) W^O}, {@code head_i = Attention(Q W_i^Q,
 * K W_i^K, V W_i^V)}, batch-first, for self- and cross-attention.
 *
 * <p>Parameters: {@code wq (E -> E)}, {@code wk (kdim -> E)}, {@code wv (vdim -> E)},
 * {@code wo (E -> E)}, each a {@link Linear}; initialised as PyTorch's
 * {@code nn.MultiheadAttention} (Xavier-uniform projections, zero biases).
 *
 * <p>Shapes: query {@code (B, Tq, E)}, key {@code (B, Tk, kdim)}, value {@code (B, Tk, vdim)}
 * give a context {@code (B, Tq, E)} and, on request, weights {@code (B, h, Tq, Tk)} or their mean
 * over heads {@code (B, Tq, Tk)}. Returned weights are taken before dropout (what the layer
 * attends to), unlike PyTorch, which returns them after dropout.
 *
 * <p>Incremental decoding: pass a {@link KVCache}. A self-attention cache appends the new
 * positions' keys and values and attends over everything cached, so feeding a sequence one
 * step at a time (with {@code Mask.causal(offset)}) gives the same outputs as the full causal
 * pass. A cross-attention cache projects the encoder memory once.
 */
public final class MultiHeadAttention extends Module {
  /**
   * Sizes and options.
   *
   * @param embedDim model width E (query width and output width)
   * @param heads number of heads h; E must be divisible by h
   * @param keyDim width of the key input (PyTorch {@code kdim})
   * @param valueDim width of the value input (PyTorch {@code vdim})
   * @param bias whether the four projections have biases
   * @param dropout dropout on the attention weights in training, in {@code [0, 1)}
   */
  public record Config(int embedDim, int heads, int keyDim, int valueDim, boolean bias, double dropout) {
    public Config {
      if (embedDim <= 0 || heads <= 0 || keyDim <= 0 || valueDim <= 0) {
        throw new IllegalArgumentException("MultiHeadAttention: sizes must be positive, got embedDim " + embedDim
            + ", heads " + heads + ", keyDim " + keyDim + ", valueDim " + valueDim);
      }
      if (embedDim % heads != 0) {
        throw new IllegalArgumentException("MultiHeadAttention: embedDim (" + embedDim + ") must be divisible by heads (" + heads + ")");
      }
      if (!(dropout >= 0 && dropout < 1)) {
        throw new IllegalArgumentException("MultiHeadAttention: dropout must be in [0, 1), got " + dropout);
      }
    }

    /** Self-attention sizes: key and value widths equal E, biases on, no dropout. */
    public static Config of(int embedDim, int heads) {
      return new Config(embedDim, heads, embedDim, embedDim, true, 0);
    }

    public Config withDropout(double p) {
      return new Config(embedDim, heads, keyDim, valueDim, bias, p);
    }

    public Config withKeyValueDims(int kdim, int vdim) {
      return new Config(embedDim, heads, kdim, vdim, bias, dropout);
    }

    public Config withBias(boolean on) {
      return new Config(embedDim, heads, keyDim, valueDim, on, dropout);
    }

    /** Width of one head. */
    public int headDim() {
      return embedDim / heads;
    }
  }

  private final Config config;
  private final Linear wq;
  private final Linear wk;
  private final Linear wv;
  private final Linear wo;
  private final RandomGenerator rng;

  /** A layer with fresh parameters drawn from {@code rng}, which also drives dropout. */
  public MultiHeadAttention(Config config, RandomGenerator rng) {
    this.config = config;
    this.rng = rng;
    int e = config.embedDim();
    wq = child("wq", new Linear(e, e, config.bias(), rng));
    wk = child("wk", new Linear(config.keyDim(), e, config.bias(), rng));
    wv = child("wv", new Linear(config.valueDim(), e, config.bias(), rng));
    wo = child("wo", new Linear(e, e, config.bias(), rng));
    boolean packed = config.keyDim() == e && config.valueDim() == e;
    // PyTorch packs q/k/v into one (3E, E) matrix when widths agree; its Xavier bound then
    // uses fan_out = 3E. Reproduce that bound so that initial scales match.
    double packedBound = Math.sqrt(6.0 / (e + 3.0 * e));
    for (Linear l : new Linear[] {wq, wk, wv}) {
      if (packed) Init.uniform(l.weight(), -packedBound, packedBound, rng);
      else Init.xavierUniform(l.weight(), 1.0, rng);
      if (l.bias() != null) Init.zeros(l.bias());
    }
    if (wo.bias() != null) Init.zeros(wo.bias());
  }

  public Config config() {
    return config;
  }

  /** Self-attention: {@code x} is query, key and value. */
  public AttentionResult forward(Tensor x, Mask mask, Weights weights) {
    return forward(x, x, x, mask, weights, null);
  }

  /** Attention of {@code query} over {@code key}/{@code value}, without a cache. */
  public AttentionResult forward(Tensor query, Tensor key, Tensor value, Mask mask, Weights weights) {
    return forward(query, key, value, mask, weights, null);
  }

  /**
   * Attention of {@code query} over {@code key}/{@code value} under {@code mask} (may be null).
   *
   * @param cache null, or a cache that keeps keys and values between decoding steps; a filled
   *     cross-attention cache ignores {@code key} and {@code value}
   * @throws IllegalArgumentException if widths or batch sizes do not match the config
   */
  public AttentionResult forward(Tensor query, Tensor key, Tensor value, Mask mask, Weights weights, KVCache cache) {
    checkInputs(query, key, value, cache);
    int b = query.dim(0);
    int tq = query.dim(1);
    int h = config.heads();
    int d = config.headDim();
    Tensor q = splitHeads(wq.forward(query), b, tq); // (B, Tq, E) -> (B, h, Tq, d)
    Tensor k;
    Tensor v;
    if (cache == null) {
      k = splitHeads(wk.forward(key), b, key.dim(1));
      v = splitHeads(wv.forward(value), b, value.dim(1));
    } else {
      if (cache.isGrowing() || !cache.isFilled()) {
        cache.append(splitHeads(wk.forward(key), b, key.dim(1)), splitHeads(wv.forward(value), b, value.dim(1)));
      }
      k = cache.keys();
      v = cache.values();
    }
    var options = new ScaledDotProductAttention.Options(Float.NaN, (float) config.dropout(), isTraining(), rng,
        weights == null ? Weights.NONE : weights);
    AttentionResult r = ScaledDotProductAttention.attend(q, k, v, mask, options);
    Tensor merged = r.context().transpose(1, 2).reshape(b, tq, h * d); // (B, h, Tq, d) -> (B, Tq, E)
    return new AttentionResult(wo.forward(merged), r.hasWeights() ? r.weights() : null);
  }

  private Tensor splitHeads(Tensor x, int b, int t) {
    return x.reshape(b, t, config.heads(), config.headDim()).transpose(1, 2); // (B, T, E) -> (B, h, T, d)
  }

  private void checkInputs(Tensor query, Tensor key, Tensor value, KVCache cache) {
    if (query.rank() != 3 || query.dim(2) != config.embedDim()) {
      throw new IllegalArgumentException("MultiHeadAttention: query must be (B, Tq, " + config.embedDim() + "), got " + query.shape());
    }
    boolean needKv = cache == null || cache.isGrowing() || !cache.isFilled();
    if (!needKv) return;
    if (key.rank() != 3 || key.dim(2) != config.keyDim()) {
      throw new IllegalArgumentException("MultiHeadAttention: key must be (B, Tk, " + config.keyDim() + "), got " + key.shape());
    }
    if (value.rank() != 3 || value.dim(2) != config.valueDim()) {
      throw new IllegalArgumentException("MultiHeadAttention: value must be (B, Tk, " + config.valueDim() + "), got " + value.shape());
    }
    if (key.dim(0) != query.dim(0) || value.dim(0) != query.dim(0) || key.dim(1) != value.dim(1)) {
      throw new IllegalArgumentException("MultiHeadAttention: batch or length mismatch: query " + query.shape()
          + ", key " + key.shape() + ", value " + value.shape());
    }
  }
}
