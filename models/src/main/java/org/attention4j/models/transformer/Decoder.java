package org.attention4j.models.transformer;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.attention4j.attention.KVCache;
import org.attention4j.attention.Mask;
import org.attention4j.nn.LayerNorm;
import org.attention4j.nn.Module;
import org.attention4j.nn.ModuleList;
import org.attention4j.tensor.Tensor;

/** A stack of {@link DecoderLayer}s, with a final layer norm when norms come first ({@code PRE}). */
final class Decoder extends Module {
  private final ModuleList<DecoderLayer> layers;
  private final LayerNorm norm;

  /**
   * The decoder output {@code (B, T, d_model)} and the traced weights: per layer self-attention
   * {@code (B, h, T, T)}, and cross-attention {@code (B, h, T, S)} per layer or, for {@link
   * Trace#LAST_CROSS}, one averaged {@code (B, T, S)}.
   */
  record Output(Tensor y, List<Tensor> selfWeights, List<Tensor> crossWeights) {}

  Decoder(TransformerConfig c, RandomGenerator rng) {
    layers = child("layers", new ModuleList<>());
    for (int i = 0; i < c.decoderLayers(); i++) layers.add(new DecoderLayer(c, rng));
    norm = c.norm() == TransformerConfig.NormPlacement.PRE ? child("norm", new LayerNorm(c.dModel())) : null;
  }

  int depth() {
    return layers.size();
  }

  /**
   * Runs every layer. Without caches {@code y} holds all target positions; with caches
   * ({@code selfCaches[i]}, {@code crossCaches[i]} for layer {@code i}) it holds the newest
   * position only and {@code memory} may be null.
   */
  Output forward(Tensor y, Tensor memory, Mask selfMask, Mask crossMask, Trace trace, KVCache[] selfCaches,
      KVCache[] crossCaches) {
    List<Tensor> self = new ArrayList<>();
    List<Tensor> cross = new ArrayList<>();
    int n = layers.size();
    for (int i = 0; i < n; i++) {
      DecoderLayer.Output o = layers.get(i).forward(y, memory, selfMask, crossMask, trace.self(), trace.cross(i == n - 1),
          selfCaches == null ? null : selfCaches[i], crossCaches == null ? null : crossCaches[i]);
      y = o.y();
      if (o.selfWeights() != null) self.add(o.selfWeights());
      if (o.crossWeights() != null) cross.add(o.crossWeights());
    }
    return new Output(norm == null ? y : norm.forward(y), self, cross);
  }

  /** Fills each layer's empty cross-attention cache from {@code memory}. */
  void fillCrossCaches(Tensor memory, Mask crossMask, KVCache[] caches) {
    for (int i = 0; i < layers.size(); i++) layers.get(i).fillCrossCache(memory, crossMask, caches[i]);
  }
}
