package org.attention4j.attention;

import org.attention4j.tensor.Tensor;

/**
 * Which part of the source each query looks at (Luong, Pham &amp; Manning 2015, section 3):
 * {@link #global()} attends to every source position; {@link LocalM} and {@link LocalP} attend
 * to a window {@code [p_t - D, p_t + D]} around an aligned position {@code p_t}.
 *
 * <p>A window contributes a {@link Region}: an extra restriction of the allowed keys, an
 * optional factor that multiplies the normalised weights, and the centres {@code p_t} (so that
 * they can be plotted). The composer {@link Attention} combines the restriction with the
 * caller's {@link Mask}, normalises, then applies the factor.
 */
public interface Window {
  /**
   * What a window contributes for one call.
   *
   * @param allowed 0/1, broadcastable to {@code (B, Tq, Tk)}, or {@code null} (no restriction)
   * @param factor multiplies the weights after normalisation, {@code (B, Tq, Tk)}, or
   *     {@code null} (Luong's local-p Gaussian)
   * @param centres the aligned positions {@code p_t}, {@code (B, Tq)}, or {@code null} for the
   *     global window
   */
  record Region(Tensor allowed, Tensor factor, Tensor centres) {
    /** The global window's region: no restriction, no factor, no centres. */
    public static final Region ALL = new Region(null, null, null);
  }

  /**
   * The region for a call.
   *
   * @param queries {@code (B, Tq, dq)}
   * @param firstQueryPosition the target position {@code t} of the first query (query {@code i}
   *     is at {@code t + i}); a decoder at step {@code t} with {@code Tq = 1} passes {@code t}
   * @param sourceLengths the real source length {@code S} of each batch row ({@code B} values)
   * @param keys {@code Tk}, the number of source positions
   * @throws IllegalArgumentException if the arguments do not fit the window
   */
  Region region(Tensor queries, int firstQueryPosition, int[] sourceLengths, int keys);

  /** Every source position (Luong's global attention; Bahdanau's attention). */
  static Window global() {
    return GlobalWindow.INSTANCE;
  }
}
