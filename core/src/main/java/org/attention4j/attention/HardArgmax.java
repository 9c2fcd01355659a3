package org.attention4j.attention;

import org.attention4j.autograd.GradMode;
import org.attention4j.tensor.Tensor;

/**
 * Deterministic hard attention for inference: weight 1 on the allowed key with the highest
 * score (the first, at ties), 0 elsewhere; a row with nothing allowed gets zeros.
 *
 * <p>The argmax has no useful gradient, so the weights are not recorded: gradients through a
 * composer that uses it reach the values but not the scores. Train with {@link StochasticHard}
 * (REINFORCE) or {@link GumbelSoftmax} (straight-through) instead.
 */
public final class HardArgmax implements Normaliser {
  /** The argmax normaliser (stateless). */
  public HardArgmax() {}

  @Override
  public Tensor weights(Tensor scores, Tensor allowed) {
    Shapes.allowed("HardArgmax", allowed, scores);
    if (scores.rank() == 0) {
      throw new IllegalArgumentException("HardArgmax: scores must have at least 1 dim, got a scalar");
    }
    try (var _ = GradMode.noGrad()) {
      return oneHot(scores.toArray(), allowed == null ? null : Shapes.expandedAllowed(allowed, scores), scores.shape().toArray());
    }
  }

  /** One-hot rows at the first allowed maximum of {@code v} (zero rows when nothing is allowed). */
  static Tensor oneHot(float[] v, float[] mask, int[] shape) {
    int n = shape[shape.length - 1];
    int rows = n == 0 ? 0 : v.length / n;
    float[] out = new float[v.length];
    for (int r = 0; r < rows; r++) {
      int best = -1;
      float max = Float.NEGATIVE_INFINITY;
      for (int j = 0; j < n; j++) {
        int i = r * n + j;
        if (mask != null && mask[i] == 0f) continue;
        if (best < 0 || v[i] > max) {
          best = j;
          max = v[i];
        }
      }
      if (best >= 0) out[r * n + best] = 1f;
    }
    return Tensor.wrap(out, shape);
  }

  @Override
  public String toString() {
    return "HardArgmax";
  }
}
