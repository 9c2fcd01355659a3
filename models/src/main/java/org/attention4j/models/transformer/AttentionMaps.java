package org.attention4j.models.transformer;

import java.util.List;
import org.attention4j.tensor.Tensor;

/**
 * Every attention weight of one teacher-forced pass, per layer and per head, for visualisation;
 * returned by {@link Transformer#attentionMaps}, never stashed in the layers. Weights are taken
 * before attention dropout (what each head attends to). Masked keys have weight 0.
 *
 * @param logits {@code (B, T, V)}, as {@link Transformer#forward} returns them
 * @param encoderSelf one {@code (B, h, S, S)} per encoder layer, bottom first
 * @param decoderSelf one {@code (B, h, T, T)} per decoder layer (causal: zero above the diagonal)
 * @param cross one {@code (B, h, T, S)} per decoder layer: encoder-decoder attention
 */
public record AttentionMaps(Tensor logits, List<Tensor> encoderSelf, List<Tensor> decoderSelf, List<Tensor> cross) {
  public AttentionMaps {
    encoderSelf = List.copyOf(encoderSelf);
    decoderSelf = List.copyOf(decoderSelf);
    cross = List.copyOf(cross);
  }

  /** The cross-attention of decoder layer {@code layer}, averaged over heads: {@code (B, T, S)}. */
  public Tensor crossAveraged(int layer) {
    return cross.get(layer).mean(1);
  }
}
