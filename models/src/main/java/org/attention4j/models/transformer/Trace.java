package org.attention4j.models.transformer;

import org.attention4j.attention.Weights;

/** Which attention weights a pass collects. */
enum Trace {
  /** None: the fused kernels never build a {@code T x S} matrix. */
  NONE,
  /** The last decoder layer's cross-attention, averaged over heads (alignments). */
  LAST_CROSS,
  /** Every layer's self- and cross-attention, per head (visualisation). */
  ALL;

  Weights self() {
    return this == ALL ? Weights.PER_HEAD : Weights.NONE;
  }

  Weights cross(boolean lastLayer) {
    return switch (this) {
      case NONE -> Weights.NONE;
      case LAST_CROSS -> lastLayer ? Weights.AVERAGED : Weights.NONE;
      case ALL -> Weights.PER_HEAD;
    };
  }
}
