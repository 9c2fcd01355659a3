package org.attention4j.models.transformer;

import java.util.random.RandomGenerator;
import org.attention4j.attention.AttentionResult;
import org.attention4j.attention.Mask;
import org.attention4j.attention.MultiHeadAttention;
import org.attention4j.attention.Weights;
import org.attention4j.nn.Dropout;
import org.attention4j.nn.LayerNorm;
import org.attention4j.nn.Module;
import org.attention4j.tensor.Tensor;

/**
 * One encoder layer (Vaswani et al. 2017, sec. 3.1): multi-head self-attention, then the
 * position-wise feed-forward network, each wrapped in a residual connection with dropout and a
 * layer norm placed after ({@code POST}) or before ({@code PRE}) the sub-layer.
 */
final class EncoderLayer extends Module {
  private final MultiHeadAttention selfAttn;
  private final LayerNorm selfAttnNorm;
  private final FeedForward feedForward;
  private final LayerNorm feedForwardNorm;
  private final Dropout dropout;
  private final boolean pre;

  /** The layer's output and, when asked for, its self-attention weights. */
  record Output(Tensor x, Tensor selfWeights) {}

  EncoderLayer(TransformerConfig c, RandomGenerator rng) {
    pre = c.norm() == TransformerConfig.NormPlacement.PRE;
    selfAttn = child("selfAttn", new MultiHeadAttention(
        MultiHeadAttention.Config.of(c.dModel(), c.heads()).withDropout(c.attentionDropout()), rng));
    selfAttnNorm = child("selfAttnNorm", new LayerNorm(c.dModel()));
    feedForward = child("feedForward", new FeedForward(c, rng));
    feedForwardNorm = child("feedForwardNorm", new LayerNorm(c.dModel()));
    dropout = child("dropout", new Dropout(c.dropout(), rng));
  }

  /**
   * @param x {@code (B, S, d_model)}
   * @param mask source key padding
   * @param weights which self-attention weights to return ({@code (B, h, S, S)} per head)
   */
  Output forward(Tensor x, Mask mask, Weights weights) {
    Tensor h = pre ? selfAttnNorm.forward(x) : x;
    AttentionResult a = selfAttn.forward(h, h, h, mask, weights);
    x = x.add(dropout.forward(a.context()));
    if (!pre) x = selfAttnNorm.forward(x);
    h = pre ? feedForwardNorm.forward(x) : x;
    x = x.add(dropout.forward(feedForward.forward(h)));
    if (!pre) x = feedForwardNorm.forward(x);
    return new Output(x, a.hasWeights() ? a.weights() : null);
  }
}
