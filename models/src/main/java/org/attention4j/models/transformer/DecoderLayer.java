package org.attention4j.models.transformer;

import java.util.random.RandomGenerator;
import org.attention4j.attention.AttentionResult;
import org.attention4j.attention.KVCache;
import org.attention4j.attention.Mask;
import org.attention4j.attention.MultiHeadAttention;
import org.attention4j.attention.Weights;
import org.attention4j.nn.Dropout;
import org.attention4j.nn.LayerNorm;
import org.attention4j.nn.Module;
import org.attention4j.tensor.Tensor;

/**
 * One decoder layer (Vaswani et al. 2017, sec. 3.1): masked multi-head self-attention,
 * encoder-decoder (cross) attention over the encoder output, and the feed-forward network, each in
 * a residual connection with dropout and a layer norm ({@code POST} or {@code PRE}).
 *
 * <p>The same code serves the teacher-forced pass (no caches, causal mask) and incremental
 * decoding (a growing self-attention cache, a filled cross-attention cache), so the two agree by
 * construction.
 */
final class DecoderLayer extends Module {
  private final MultiHeadAttention selfAttn;
  private final LayerNorm selfAttnNorm;
  private final MultiHeadAttention crossAttn;
  private final LayerNorm crossAttnNorm;
  private final FeedForward feedForward;
  private final LayerNorm feedForwardNorm;
  private final Dropout dropout;
  private final boolean pre;

  /** The layer's output and, when asked for, its attention weights. */
  record Output(Tensor y, Tensor selfWeights, Tensor crossWeights) {}

  DecoderLayer(TransformerConfig c, RandomGenerator rng) {
    pre = c.norm() == TransformerConfig.NormPlacement.PRE;
    var attn = MultiHeadAttention.Config.of(c.dModel(), c.heads()).withDropout(c.attentionDropout());
    selfAttn = child("selfAttn", new MultiHeadAttention(attn, rng));
    selfAttnNorm = child("selfAttnNorm", new LayerNorm(c.dModel()));
    crossAttn = child("crossAttn", new MultiHeadAttention(attn, rng));
    crossAttnNorm = child("crossAttnNorm", new LayerNorm(c.dModel()));
    feedForward = child("feedForward", new FeedForward(c, rng));
    feedForwardNorm = child("feedForwardNorm", new LayerNorm(c.dModel()));
    dropout = child("dropout", new Dropout(c.dropout(), rng));
  }

  /**
   * @param y {@code (B, T, d_model)}: all target positions, or the newest one when decoding
   * @param memory encoder output {@code (B, S, d_model)}; ignored (may be null) when
   *     {@code crossCache} is filled
   * @param selfMask causal (and target padding) mask; null when decoding one token over a cache
   * @param crossMask source key padding
   * @param selfCache null, or the growing cache of this layer's self-attention
   * @param crossCache null, or the cache of the projected memory
   */
  Output forward(Tensor y, Tensor memory, Mask selfMask, Mask crossMask, Weights selfWeights, Weights crossWeights,
      KVCache selfCache, KVCache crossCache) {
    Tensor h = pre ? selfAttnNorm.forward(y) : y;
    AttentionResult s = selfAttn.forward(h, h, h, selfMask, selfWeights, selfCache);
    y = y.add(dropout.forward(s.context()));
    if (!pre) y = selfAttnNorm.forward(y);
    h = pre ? crossAttnNorm.forward(y) : y;
    AttentionResult c = crossAttn.forward(h, memory, memory, crossMask, crossWeights, crossCache);
    y = y.add(dropout.forward(c.context()));
    if (!pre) y = crossAttnNorm.forward(y);
    h = pre ? feedForwardNorm.forward(y) : y;
    y = y.add(dropout.forward(feedForward.forward(h)));
    if (!pre) y = feedForwardNorm.forward(y);
    return new Output(y, s.hasWeights() ? s.weights() : null, c.hasWeights() ? c.weights() : null);
  }

  /**
   * Projects {@code memory} {@code (B, S, d_model)} into the empty {@code cache} of the
   * cross-attention. {@link MultiHeadAttention} fills a cache only inside an attention call, so
   * this runs one call with a single zero query and throws its output away (cost: one query per
   * row, small next to projecting the memory).
   */
  void fillCrossCache(Tensor memory, Mask crossMask, KVCache cache) {
    Tensor probe = Tensor.zeros(memory.dim(0), 1, memory.dim(2));
    crossAttn.forward(probe, memory, memory, crossMask, Weights.NONE, cache);
  }
}
