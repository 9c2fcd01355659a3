package org.attention4j.attention;

import java.util.Arrays;
import org.attention4j.tensor.Tensor;

/**
 * Which keys each query may attend to. <b>Polarity: {@code true} means "may attend"</b>, here
 * and everywhere in attention4j (PyTorch's {@code attn_mask} uses the opposite for booleans).
 *
 * <p>A mask is the conjunction of up to four parts, so that kernels can skip whole tiles instead
 * of reading a dense matrix:
 * <ul>
 *   <li><b>causal</b> with an offset: query {@code i} may see key {@code j} iff
 *       {@code j <= i + offset} (offset {@code Tk - Tq} when the queries are the last positions of
 *       the keys, as in incremental decoding);
 *   <li><b>band</b>: {@code -left <= j - i <= right} (local attention around the diagonal);
 *   <li><b>key padding</b>: key {@code j} of batch row {@code b} is real iff {@code j < lengths[b]};
 *   <li><b>dense</b>: any boolean pattern given as a tensor of 0/1 whose shape broadcasts to
 *       {@code (B, H, Tq, Tk)} (rank 2: {@code (Tq, Tk)}; rank 3: {@code (B, Tq, Tk)}; rank 4).
 * </ul>
 * Combine with {@link #and}. A query row that may attend to nothing gets zero weights and a zero
 * context (never NaN), forward and backward.
 */
public final class Mask {
  /** Marks an absent causal part. */
  public static final int NO_CAUSAL = Integer.MAX_VALUE;

  private static final Mask NONE = new Mask(NO_CAUSAL, -1, -1, null, null);

  private final int causalOffset;
  private final int bandLeft;
  private final int bandRight;
  private final int[] keyLengths;
  private final Tensor dense;

  private Mask(int causalOffset, int bandLeft, int bandRight, int[] keyLengths, Tensor dense) {
    this.causalOffset = causalOffset;
    this.bandLeft = bandLeft;
    this.bandRight = bandRight;
    this.keyLengths = keyLengths;
    this.dense = dense;
  }

  /** Every query may attend to every key. */
  public static Mask none() {
    return NONE;
  }

  /** Query {@code i} may attend to keys {@code 0..i} (queries and keys aligned at the start). */
  public static Mask causal() {
    return causal(0);
  }

  /** Query {@code i} may attend to keys {@code 0..i + offset}. */
  public static Mask causal(int offset) {
    return new Mask(offset, -1, -1, null, null);
  }

  /**
   * Query {@code i} may attend to keys {@code i - left .. i + right}.
   *
   * @throws IllegalArgumentException if a width is negative
   */
  public static Mask band(int left, int right) {
    if (left < 0 || right < 0) {
      throw new IllegalArgumentException("Mask.band: widths must be >= 0, got left " + left + ", right " + right);
    }
    return new Mask(NO_CAUSAL, left, right, null, null);
  }

  /**
   * Batch row {@code b} has {@code lengths[b]} real keys; the rest are padding.
   *
   * @throws IllegalArgumentException if a length is negative
   */
  public static Mask keyPadding(int... lengths) {
    for (int b = 0; b < lengths.length; b++) {
      if (lengths[b] < 0) {
        throw new IllegalArgumentException("Mask.keyPadding: length " + lengths[b] + " of batch row " + b + " is negative");
      }
    }
    return new Mask(NO_CAUSAL, -1, -1, lengths.clone(), null);
  }

  /**
   * An arbitrary pattern: non-zero entries may attend. Rank 2 {@code (Tq, Tk)}, rank 3
   * {@code (B, Tq, Tk)} or rank 4 {@code (B, H, Tq, Tk)}; size-1 dims broadcast.
   *
   * @throws IllegalArgumentException for another rank
   */
  public static Mask of(Tensor allowed) {
    if (allowed.rank() < 2 || allowed.rank() > 4) {
      throw new IllegalArgumentException("Mask.of: mask must have rank 2 (Tq, Tk), 3 (B, Tq, Tk) or 4 (B, H, Tq, Tk), got " + allowed.shape());
    }
    return new Mask(NO_CAUSAL, -1, -1, null, allowed.detach());
  }

  /** A dense mask from a {@code [Tq][Tk]} boolean matrix. */
  public static Mask of(boolean[][] allowed) {
    int tq = allowed.length;
    int tk = tq == 0 ? 0 : allowed[0].length;
    float[] d = new float[tq * tk];
    for (int i = 0; i < tq; i++) {
      if (allowed[i].length != tk) {
        throw new IllegalArgumentException("Mask.of: row " + i + " has " + allowed[i].length + " entries, row 0 has " + tk);
      }
      for (int j = 0; j < tk; j++) d[i * tk + j] = allowed[i][j] ? 1f : 0f;
    }
    return of(Tensor.wrap(d, tq, tk));
  }

  /** Allowed where both masks allow. */
  public Mask and(Mask other) {
    if (other == null || other == NONE) return this;
    if (this == NONE) return other;
    int causal = Math.min(causalOffset, other.causalOffset);
    int left = bandLeft < 0 ? other.bandLeft : other.bandLeft < 0 ? bandLeft : Math.min(bandLeft, other.bandLeft);
    int right = bandRight < 0 ? other.bandRight : other.bandRight < 0 ? bandRight : Math.min(bandRight, other.bandRight);
    int[] lengths = keyLengths;
    if (other.keyLengths != null) {
      if (lengths == null) {
        lengths = other.keyLengths;
      } else {
        if (lengths.length != other.keyLengths.length) {
          throw new IllegalArgumentException("Mask.and: key padding for " + lengths.length + " and " + other.keyLengths.length + " batch rows");
        }
        lengths = new int[lengths.length];
        for (int b = 0; b < lengths.length; b++) lengths[b] = Math.min(keyLengths[b], other.keyLengths[b]);
      }
    }
    Tensor d = dense;
    if (other.dense != null) d = d == null ? other.dense : alignRank(d).mul(alignRank(other.dense));
    return new Mask(causal, left, right, lengths, d);
  }

  private static Tensor alignRank(Tensor t) {
    Tensor r = t;
    while (r.rank() < 4) r = r.unsqueeze(0);
    return r;
  }

  /** Whether no part restricts anything. */
  public boolean isNone() {
    return causalOffset == NO_CAUSAL && bandLeft < 0 && keyLengths == null && dense == null;
  }

  /** The causal offset, or {@link #NO_CAUSAL}. */
  public int causalOffset() {
    return causalOffset;
  }

  /** Band widths {@code {left, right}}, or {@code null} when there is no band. */
  public int[] band() {
    return bandLeft < 0 ? null : new int[] {bandLeft, bandRight};
  }

  /** Real key counts per batch row, or {@code null}. */
  public int[] keyLengths() {
    return keyLengths == null ? null : keyLengths.clone();
  }

  /** The dense part (0/1, rank 2 to 4), or {@code null}. */
  public Tensor dense() {
    return dense;
  }

  /**
   * Checks that this mask fits attention of {@code B} batch rows, {@code H} heads,
   * {@code Tq} queries and {@code Tk} keys.
   *
   * @throws IllegalArgumentException naming {@code op} and the mismatch
   */
  public void check(String op, int batch, int heads, int tq, int tk) {
    if (keyLengths != null) {
      if (keyLengths.length != batch) {
        throw new IllegalArgumentException(op + ": key padding has " + keyLengths.length + " lengths for batch " + batch);
      }
      for (int b = 0; b < batch; b++) {
        if (keyLengths[b] > tk) {
          throw new IllegalArgumentException(op + ": key length " + keyLengths[b] + " of batch row " + b + " exceeds " + tk + " keys");
        }
      }
    }
    if (dense != null) {
      int[] want = {batch, heads, tq, tk};
      Tensor d = alignRank(dense);
      for (int i = 0; i < 4; i++) {
        if (d.dim(i) != 1 && d.dim(i) != want[i]) {
          throw new IllegalArgumentException(
              op + ": mask of shape " + dense.shape() + " does not broadcast to (B, H, Tq, Tk) = " + Arrays.toString(want));
        }
      }
    }
  }

  /** Whether query {@code i} of batch row {@code b}, head {@code h} may attend to key {@code j}. */
  public boolean allows(int b, int h, int i, int j) {
    if (causalOffset != NO_CAUSAL && (long) j > (long) i + causalOffset) return false;
    if (bandLeft >= 0 && (j - i < -bandLeft || j - i > bandRight)) return false;
    if (keyLengths != null && j >= keyLengths[b]) return false;
    if (dense != null) {
      Tensor d = alignRank(dense);
      return d.get(d.dim(0) == 1 ? 0 : b, d.dim(1) == 1 ? 0 : h, d.dim(2) == 1 ? 0 : i, d.dim(3) == 1 ? 0 : j) != 0f;
    }
    return true;
  }

  /**
   * The mask as a 0/1 tensor of shape {@code (B, H, Tq, Tk)} ({@code H = 1} for single-head
   * attention), for the unfused path and for inspection.
   */
  public Tensor toTensor(int batch, int heads, int tq, int tk) {
    check("Mask.toTensor", batch, heads, tq, tk);
    float[] out = new float[batch * heads * tq * tk];
    int p = 0;
    for (int b = 0; b < batch; b++) {
      for (int h = 0; h < heads; h++) {
        for (int i = 0; i < tq; i++) {
          for (int j = 0; j < tk; j++) out[p++] = allowsStructured(b, i, j) ? 1f : 0f;
        }
      }
    }
    Tensor t = Tensor.wrap(out, batch, heads, tq, tk);
    return dense == null ? t : t.mul(alignRank(dense));
  }

  private boolean allowsStructured(int b, int i, int j) {
    if (causalOffset != NO_CAUSAL && (long) j > (long) i + causalOffset) return false;
    if (bandLeft >= 0 && (j - i < -bandLeft || j - i > bandRight)) return false;
    return keyLengths == null || j < keyLengths[b];
  }

  @Override
  public String toString() {
    if (isNone()) return "Mask(none)";
    StringBuilder sb = new StringBuilder("Mask(");
    String sep = "";
    if (causalOffset != NO_CAUSAL) {
      sb.append("causal").append(causalOffset == 0 ? "" : " offset " + causalOffset);
      sep = " & ";
    }
    if (bandLeft >= 0) {
      sb.append(sep).append("band -").append(bandLeft).append("..+").append(bandRight);
      sep = " & ";
    }
    if (keyLengths != null) {
      sb.append(sep).append("key lengths ").append(Arrays.toString(keyLengths));
      sep = " & ";
    }
    if (dense != null) sb.append(sep).append("dense ").append(dense.shape());
    return sb.append(')').toString();
  }
}
