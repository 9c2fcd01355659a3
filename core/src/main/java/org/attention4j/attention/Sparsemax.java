package org.attention4j.attention;

import java.util.Arrays;
import org.attention4j.autograd.GradMode;
import org.attention4j.kernel.Parallel;
import org.attention4j.tensor.Functions;
import org.attention4j.tensor.Tensor;

/**
 * Sparsemax (Martins &amp; Astudillo 2016): the Euclidean projection of the scores onto the
 * probability simplex, {@code p = argmin ||p - z||^2} over {@code p >= 0, sum p = 1}. Unlike the
 * softmax it gives exact zeros to keys that score far enough below the best.
 *
 * <p>Forward (their Algorithm 1): sort the allowed scores {@code z_(1) >= ... >= z_(n)}; the
 * support size is {@code k(z) = max{k : 1 + k z_(k) > sum_{j<=k} z_(j)}}; the threshold is
 * {@code tau = (sum_{j<=k(z)} z_(j) - 1) / k(z)}; {@code p_i = max(z_i - tau, 0)}.
 *
 * <p>Backward (their eq. (14)): with {@code s} the indicator of the support {@code S},
 * {@code dz = s * (g - (sum_{j in S} g_j) / |S|)}.
 *
 * <p>Masked keys are left out of the projection (weight 0, gradient 0); a row with nothing
 * allowed gives zeros. Both directions are one recorded op over contiguous rows (scalar row
 * kernels; the sort dominates, so there is no vector body).
 */
public final class Sparsemax implements Normaliser {
  /** The sparsemax normaliser (stateless). */
  public Sparsemax() {}

  @Override
  public Tensor weights(Tensor scores, Tensor allowed) {
    Shapes.allowed("Sparsemax", allowed, scores);
    if (scores.rank() == 0) {
      throw new IllegalArgumentException("Sparsemax: scores must have at least 1 dim, got a scalar");
    }
    int n = scores.dim(-1);
    float[] z;
    float[] mask;
    try (var _ = GradMode.noGrad()) {
      z = scores.toArray();
      mask = allowed == null ? null : Shapes.expandedAllowed(allowed, scores);
    }
    int rows = n == 0 ? 0 : z.length / n;
    float[] p = new float[z.length];
    Parallel.forRange(rows, Math.max(1, 2048 / Math.max(1, n)), (from, to) -> {
      float[] scratch = new float[n];
      for (int r = from; r < to; r++) forwardRow(z, mask, r * n, p, n, scratch);
    });
    Tensor out = Tensor.wrap(p, scores.shape().toArray());
    return Functions.record("sparsemax", out, (g, needs) -> {
      float[] dy;
      try (var _ = GradMode.noGrad()) {
        dy = g.toArray();
      }
      float[] dz = new float[p.length];
      Parallel.forRange(rows, Math.max(1, 2048 / Math.max(1, n)), (from, to) -> {
        for (int r = from; r < to; r++) backwardRow(p, dy, r * n, dz, n);
      });
      return new Tensor[] {Tensor.wrap(dz, scores.shape().toArray())};
    }, scores);
  }

  /**
   * One row: {@code p[o..o+n) = sparsemax(z[o..o+n))} over the entries where {@code mask} (may be
   * {@code null}) is non-zero; zeros elsewhere. {@code scratch} holds at least {@code n} floats.
   */
  static void forwardRow(float[] z, float[] mask, int o, float[] p, int n, float[] scratch) {
    int m = 0;
    for (int j = 0; j < n; j++) if (mask == null || mask[o + j] != 0f) scratch[m++] = z[o + j];
    if (m == 0) {
      Arrays.fill(p, o, o + n, 0f);
      return;
    }
    Arrays.sort(scratch, 0, m); // ascending: z_(r) is scratch[m - r]
    double cumulative = 0;
    double supportSum = 0;
    int support = 0;
    for (int r = 1; r <= m; r++) {
      double zr = scratch[m - r];
      cumulative += zr;
      if (1 + r * zr > cumulative) {
        support = r;
        supportSum = cumulative;
      }
    }
    double tau = (supportSum - 1) / support;
    for (int j = 0; j < n; j++) {
      boolean in = mask == null || mask[o + j] != 0f;
      p[o + j] = in ? (float) Math.max(z[o + j] - tau, 0) : 0f;
    }
  }

  /** One row of the backward: {@code dz = s * (g - mean of g over the support)}. */
  static void backwardRow(float[] p, float[] g, int o, float[] dz, int n) {
    double sum = 0;
    int support = 0;
    for (int j = 0; j < n; j++) {
      if (p[o + j] > 0f) {
        sum += g[o + j];
        support++;
      }
    }
    if (support == 0) return;
    float mean = (float) (sum / support);
    for (int j = 0; j < n; j++) dz[o + j] = p[o + j] > 0f ? g[o + j] - mean : 0f;
  }

  @Override
  public String toString() {
    return "Sparsemax";
  }
}
