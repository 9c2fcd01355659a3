package org.attention4j.attention;

import org.attention4j.tensor.Tensor;

/**
 * Luong et al. (2015), section 3.2, local attention with <b>monotonic</b> alignment (local-m):
 * the target position {@code t} attends to source positions {@code [p_t - D, p_t + D]} with
 * {@code p_t = t} (source and target assumed roughly aligned); inside the window the weights are
 * those of the normaliser (eq. (7)).
 *
 * <p>The window is a hard restriction like {@link Mask#band}, but relative to explicit query
 * positions: a decoder at step {@code t} has one query whose position is {@code t}, not 0.
 * Positions outside {@code [0, Tk)} are simply absent, so the window shrinks at the edges; a
 * query whose window holds no key gets zero weights.
 */
public final class LocalM implements Window {
  private final int halfWidth;

  /**
   * @param halfWidth {@code D >= 0}; the window has {@code 2D + 1} positions
   * @throws IllegalArgumentException if {@code D} is negative
   */
  public LocalM(int halfWidth) {
    if (halfWidth < 0) throw new IllegalArgumentException("LocalM: half-width D must be >= 0, got " + halfWidth);
    this.halfWidth = halfWidth;
  }

  public int halfWidth() {
    return halfWidth;
  }

  /**
   * The window as a dense {@link Mask} {@code (Tq, Tk)}: query {@code i} (at position
   * {@code firstQueryPosition + i}) may attend to key {@code j} iff {@code |j - (t + i)| <= D}.
   * Usable with any attention that takes a {@link Mask}.
   *
   * @throws IllegalArgumentException if a count is negative
   */
  public Mask mask(int firstQueryPosition, int queries, int keys) {
    return Mask.of(allowed(firstQueryPosition, queries, keys));
  }

  /** The window as a 0/1 tensor {@code (Tq, Tk)}. */
  Tensor allowed(int firstQueryPosition, int queries, int keys) {
    if (queries < 0 || keys < 0) {
      throw new IllegalArgumentException("LocalM: query and key counts must be >= 0, got " + queries + " and " + keys);
    }
    float[] a = new float[queries * keys];
    for (int i = 0; i < queries; i++) {
      long p = (long) firstQueryPosition + i;
      for (int j = 0; j < keys; j++) a[i * keys + j] = Math.abs(j - p) <= halfWidth ? 1f : 0f;
    }
    return Tensor.wrap(a, queries, keys);
  }

  @Override
  public Region region(Tensor queries, int firstQueryPosition, int[] sourceLengths, int keys) {
    int batch = queries.dim(0);
    int tq = queries.dim(1);
    Tensor centres = Tensor.arange(firstQueryPosition, firstQueryPosition + tq, 1).reshape(1, tq).expand(batch, tq);
    return new Region(allowed(firstQueryPosition, tq, keys).unsqueeze(0), null, centres); // (1, Tq, Tk)
  }

  @Override
  public String toString() {
    return "LocalM(D=" + halfWidth + ")";
  }
}
