package org.attention4j.models.transformer;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.attention4j.attention.Mask;
import org.attention4j.nn.LayerNorm;
import org.attention4j.nn.Module;
import org.attention4j.nn.ModuleList;
import org.attention4j.tensor.Tensor;

/** A stack of {@link EncoderLayer}s, with a final layer norm when norms come first ({@code PRE}). */
final class Encoder extends Module {
  private final ModuleList<EncoderLayer> layers;
  private final LayerNorm norm;

  /** The encoder output and, when traced, each layer's self-attention {@code (B, h, S, S)}. */
  record Output(Tensor memory, List<Tensor> selfWeights) {}

  Encoder(TransformerConfig c, RandomGenerator rng) {
    layers = child("layers", new ModuleList<>());
    for (int i = 0; i < c.encoderLayers(); i++) layers.add(new EncoderLayer(c, rng));
    norm = c.norm() == TransformerConfig.NormPlacement.PRE ? child("norm", new LayerNorm(c.dModel())) : null;
  }

  /** {@code x (B, S, d_model)} (embedded source) to the memory {@code (B, S, d_model)}. */
  Output forward(Tensor x, Mask padding, Trace trace) {
    List<Tensor> maps = new ArrayList<>();
    for (EncoderLayer layer : layers) {
      EncoderLayer.Output o = layer.forward(x, padding, trace.self());
      x = o.x();
      if (o.selfWeights() != null) maps.add(o.selfWeights());
    }
    return new Output(norm == null ? x : norm.forward(x), maps);
  }
}
