package org.attention4j.attention;

import org.attention4j.tensor.Tensor;

/**
 * The addressing mechanism of the Neural Turing Machine (Graves, Wayne &amp; Danihelka 2014,
 * section 3.3, eq. (5)-(9)), one public method per step and {@link #address} for the chain:
 *
 * <ol>
 *   <li>{@link #content}: {@code w_c(i) = softmax_i(beta K[k, M(i)])} with the cosine similarity
 *       {@code K} (eq. (5)-(6));
 *   <li>{@link #interpolate}: {@code w_g = g w_c + (1 - g) w_{t-1}} (eq. (7));
 *   <li>{@link #shift}: circular convolution {@code w~(i) = sum_j w_g(j) s(i - j)} (eq. (8)) with
 *       a distribution {@code s} over the offsets {@code -k .. k};
 *   <li>{@link #sharpen}: {@code w(i) = w~(i)^gamma / sum_j w~(j)^gamma}, {@code gamma >= 1} (eq. (9)).
 * </ol>
 *
 * Shapes: memory {@code (B, N, W)}, key {@code (B, W)}, weightings {@code (B, N)}, scalars per
 * batch row ({@code beta}, {@code g}, {@code gamma}) {@code (B, 1)} or {@code (B)}, shift
 * distribution {@code (B, 2k + 1)}. All functions are differentiable and return new tensors;
 * value ranges ({@code g} in {@code [0, 1]}, {@code gamma >= 1}, {@code s} a distribution) are
 * the caller's to keep (typically sigmoid, {@code 1 + softplus} and softmax outputs).
 */
public final class NtmAddressing {
  /** The {@code eps} of the cosine's norms. */
  static final float EPS = CosineScore.DEFAULT_EPS;
  /** Weights below this are raised to the power {@code gamma} as if they were this (0^gamma, safe). */
  static final float SHARPEN_FLOOR = 1e-30f;

  private NtmAddressing() {}

  /**
   * Every intermediate weighting of one {@link #address} call, each {@code (B, N)}.
   *
   * @param content {@code w_c}, eq. (5)
   * @param interpolated {@code w_g}, eq. (7)
   * @param shifted {@code w~}, eq. (8)
   * @param weights {@code w}, eq. (9), the final weighting
   */
  public record Addressing(Tensor content, Tensor interpolated, Tensor shifted, Tensor weights) {}

  /**
   * Runs the four steps in order.
   *
   * @param memory {@code (B, N, W)}
   * @param key {@code (B, W)}
   * @param beta key strength {@code (B, 1)}, {@code >= 0}
   * @param gate interpolation gate {@code (B, 1)} in {@code [0, 1]}
   * @param shift shift distribution {@code (B, 2k + 1)} over offsets {@code -k .. k}
   * @param gamma sharpening exponent {@code (B, 1)}, {@code >= 1}
   * @param previous the weighting of the previous step {@code (B, N)}
   * @throws IllegalArgumentException if the shapes do not fit
   */
  public static Addressing address(
      Tensor memory, Tensor key, Tensor beta, Tensor gate, Tensor shift, Tensor gamma, Tensor previous) {
    Tensor wc = content(memory, key, beta);
    Tensor wg = interpolate(wc, previous, gate);
    Tensor ws = shift(wg, shift);
    return new Addressing(wc, wg, ws, sharpen(ws, gamma));
  }

  /**
   * Content addressing, eq. (5)-(6): {@code softmax_i(beta K[k, M(i)])}.
   *
   * @return {@code (B, N)}
   * @throws IllegalArgumentException if the shapes do not fit
   */
  public static Tensor content(Tensor memory, Tensor key, Tensor beta) {
    if (memory.rank() != 3 || key.rank() != 2 || key.dim(0) != memory.dim(0) || key.dim(1) != memory.dim(2)) {
      throw new IllegalArgumentException(
          "NtmAddressing.content: key " + key.shape() + " must be (B, W) for memory " + memory.shape() + " (B, N, W)");
    }
    Tensor b = perRow("content", "beta", beta, memory.dim(0));
    Tensor cos = CosineScore.cosine(key.unsqueeze(1), memory, EPS).squeeze(1); // (B, 1, W) x (B, N, W) -> (B, N)
    return cos.mul(b).softmax(1);
  }

  /**
   * Interpolation with the previous weighting, eq. (7): {@code g w_c + (1 - g) w_prev}.
   *
   * @return {@code (B, N)}
   * @throws IllegalArgumentException if the shapes do not fit
   */
  public static Tensor interpolate(Tensor content, Tensor previous, Tensor gate) {
    checkWeighting("interpolate", "content weighting", content);
    if (!previous.shape().equals(content.shape())) {
      throw new IllegalArgumentException(
          "NtmAddressing.interpolate: previous weighting " + previous.shape() + " differs from content weighting " + content.shape());
    }
    Tensor g = perRow("interpolate", "gate", gate, content.dim(0));
    return content.mul(g).add(previous.mul(g.neg().add(1f)));
  }

  /**
   * Circular shift, eq. (8): {@code w~(i) = sum_{o=-k..k} s(o) w((i - o) mod N)}; a one-hot
   * {@code s} at offset {@code +1} moves every weight one slot forward, the last to slot 0.
   *
   * @param weights {@code (B, N)}
   * @param shift {@code (B, 2k + 1)}, entry {@code o + k} is the weight of offset {@code o}
   * @return {@code (B, N)}
   * @throws IllegalArgumentException if the shapes do not fit or the shift width is even
   */
  public static Tensor shift(Tensor weights, Tensor shift) {
    checkWeighting("shift", "weighting", weights);
    int batch = weights.dim(0);
    int slots = weights.dim(1);
    if (shift.rank() != 2 || shift.dim(0) != batch || shift.dim(1) % 2 == 0) {
      throw new IllegalArgumentException(
          "NtmAddressing.shift: shift " + shift.shape() + " must be (B, 2k + 1) with B = " + batch + " and an odd width");
    }
    int k = shift.dim(1) / 2;
    Tensor out = null;
    for (int o = -k; o <= k; o++) {
      Tensor term = roll(weights, o).mul(shift.narrow(1, o + k, 1)); // (B, N) * (B, 1)
      out = out == null ? term : out.add(term);
    }
    return out;
  }

  /** {@code out(i) = w((i - o) mod N)}: the weighting moved {@code o} slots forward, wrapping. */
  private static Tensor roll(Tensor w, int offset) {
    int n = w.dim(1);
    int o = Math.floorMod(offset, n);
    if (o == 0) return w;
    return Tensor.concat(1, w.narrow(1, n - o, o), w.narrow(1, 0, n - o));
  }

  /**
   * Sharpening, eq. (9): {@code w(i) = w~(i)^gamma / sum_j w~(j)^gamma}, computed as
   * {@code exp(gamma log max(w~, 1e-30))} so that exact zeros stay (numerically) zero with finite
   * gradients.
   *
   * @return {@code (B, N)}
   * @throws IllegalArgumentException if the shapes do not fit
   */
  public static Tensor sharpen(Tensor weights, Tensor gamma) {
    checkWeighting("sharpen", "weighting", weights);
    Tensor g = perRow("sharpen", "gamma", gamma, weights.dim(0));
    Tensor powered = weights.clamp(SHARPEN_FLOOR, Float.MAX_VALUE).log().mul(g).exp(); // w^gamma
    return powered.div(powered.sum(1, true));
  }

  private static void checkWeighting(String op, String name, Tensor w) {
    if (w.rank() != 2) throw new IllegalArgumentException("NtmAddressing." + op + ": " + name + " " + w.shape() + " must be (B, N)");
  }

  /** A per-batch-row scalar as {@code (B, 1)}. */
  private static Tensor perRow(String op, String name, Tensor t, int batch) {
    if (t.rank() == 1 && t.dim(0) == batch) return t.unsqueeze(1);
    if (t.rank() == 2 && t.dim(0) == batch && t.dim(1) == 1) return t;
    throw new IllegalArgumentException("NtmAddressing." + op + ": " + name + " " + t.shape() + " must be (B, 1) or (B) with B = " + batch);
  }
}
