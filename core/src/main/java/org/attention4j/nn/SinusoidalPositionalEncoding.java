package org.attention4j.nn;

import org.attention4j.tensor.Tensor;

/**
 * The fixed positional encoding of Vaswani et al. (2017), "Attention Is All You Need", section
 * 3.5:
 *
 * <pre>
 * PE(pos, 2i)     = sin(pos / 10000^(2i / d))
 * PE(pos, 2i + 1) = cos(pos / 10000^(2i / d))
 * </pre>
 *
 * <p>An odd {@code d} is allowed: the last column is then a sine. The {@code (maxLen, d)} table
 * is computed once (in double precision) when the module is built; it is neither a parameter
 * nor a buffer, so it is not part of the state dict.
 */
public final class SinusoidalPositionalEncoding extends Module {
  private final int maxLen;
  private final int dim;
  private final Tensor table;

  /**
   * @param maxLen the longest sequence the encoding will be asked for
   * @param dim the model dimension {@code d}
   * @throws IllegalArgumentException if a size is not positive
   */
  public SinusoidalPositionalEncoding(int maxLen, int dim) {
    if (maxLen <= 0 || dim <= 0) {
      throw new IllegalArgumentException(
          "SinusoidalPositionalEncoding: maxLen and dim must be positive, got " + maxLen + " and " + dim);
    }
    this.maxLen = maxLen;
    this.dim = dim;
    float[] pe = new float[maxLen * dim];
    for (int j = 0; j < dim; j++) {
      double frequency = Math.pow(10000.0, -(double) (j - (j & 1)) / dim); // 1 / 10000^(2i/d), 2i = j rounded down to even
      for (int pos = 0; pos < maxLen; pos++) {
        double angle = pos * frequency;
        pe[pos * dim + j] = (float) ((j & 1) == 0 ? Math.sin(angle) : Math.cos(angle));
      }
    }
    this.table = Tensor.of(pe, maxLen, dim);
  }

  /**
   * {@code x + PE[:T]}, the table broadcast over the batch.
   *
   * @param x {@code (B, T, d)} (or {@code (T, d)})
   * @return the same shape as {@code x}
   * @throws IllegalArgumentException if the last dim is not {@code d} or {@code T > maxLen}
   */
  public Tensor forward(Tensor x) {
    if (x.rank() < 2 || x.dim(-1) != dim) {
      throw new IllegalArgumentException(
          "SinusoidalPositionalEncoding: input must be (batch, time, " + dim + "), got " + x.shape());
    }
    return x.add(rows(x.dim(-2)));
  }

  /**
   * A copy of the first {@code length} rows of the table: {@code (length, d)}.
   *
   * @throws IllegalArgumentException if {@code length} is negative or exceeds {@code maxLen}
   */
  public Tensor table(int length) {
    return rows(length).copy();
  }

  private Tensor rows(int length) {
    return PositionalEncodings.rows("SinusoidalPositionalEncoding", table, length, maxLen);
  }

  public int maxLen() {
    return maxLen;
  }

  public int dim() {
    return dim;
  }
}
