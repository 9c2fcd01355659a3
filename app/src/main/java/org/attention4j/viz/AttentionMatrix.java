package org.attention4j.viz;

import java.util.Arrays;
import org.attention4j.tensor.Tensor;

/**
 * One immutable attention matrix {@code (Tq, Tk)}: row {@code q} holds the weights that query
 * token {@code q} gives to each key token. Stored row-major in one {@code float[]}.
 */
public final class AttentionMatrix {
  private final int rows;
  private final int cols;
  private final float[] data;

  private AttentionMatrix(int rows, int cols, float[] data) {
    this.rows = rows;
    this.cols = cols;
    this.data = data;
  }

  /**
   * A matrix over a copy of {@code data} (row-major).
   *
   * @throws IllegalArgumentException if the sizes are negative, {@code data.length != rows *
   *     cols}, or a weight is NaN or infinite
   */
  public static AttentionMatrix of(int rows, int cols, float[] data) {
    if (rows < 0 || cols < 0) {
      throw new IllegalArgumentException("AttentionMatrix: sizes must be >= 0, got " + rows + " x " + cols);
    }
    if (data.length != (long) rows * cols) {
      throw new IllegalArgumentException("AttentionMatrix: " + rows + " x " + cols + " needs "
          + (long) rows * cols + " weights, got " + data.length);
    }
    for (int i = 0; i < data.length; i++) {
      if (!Float.isFinite(data[i])) {
        throw new IllegalArgumentException("AttentionMatrix: weight [" + i / cols + "][" + i % cols
            + "] is " + data[i]);
      }
    }
    return new AttentionMatrix(rows, cols, data.clone());
  }

  /**
   * A matrix from rows of equal length.
   *
   * @throws IllegalArgumentException if rows differ in length or a weight is not finite
   */
  public static AttentionMatrix of(float[][] weights) {
    int r = weights.length, c = r == 0 ? 0 : weights[0].length;
    float[] flat = new float[r * c];
    for (int i = 0; i < r; i++) {
      if (weights[i].length != c) {
        throw new IllegalArgumentException(
            "AttentionMatrix: row " + i + " has " + weights[i].length + " weights, row 0 has " + c);
      }
      System.arraycopy(weights[i], 0, flat, i * c, c);
    }
    return of(r, c, flat);
  }

  /**
   * A matrix from a rank-2 tensor {@code (Tq, Tk)}; take one batch item and head first, e.g.
   * {@code weights.select(0, b).select(0, h)} for {@code (B, h, Tq, Tk)}.
   *
   * @throws IllegalArgumentException if the tensor is not rank 2
   */
  public static AttentionMatrix of(Tensor weights) {
    if (weights.rank() != 2) {
      throw new IllegalArgumentException(
          "AttentionMatrix: expected a (Tq, Tk) tensor, got shape " + weights.shape());
    }
    return of(weights.dim(0), weights.dim(1), weights.toArray());
  }

  /** Wraps without copying or checking; for this package's own freshly made arrays. */
  static AttentionMatrix wrap(int rows, int cols, float[] data) {
    return new AttentionMatrix(rows, cols, data);
  }

  /** Number of rows (queries), {@code Tq}. */
  public int rows() {
    return rows;
  }

  /** Number of columns (keys), {@code Tk}. */
  public int cols() {
    return cols;
  }

  /** The weight query {@code row} gives to key {@code col}. */
  public float get(int row, int col) {
    if (row < 0 || row >= rows || col < 0 || col >= cols) {
      throw new IndexOutOfBoundsException(
          "AttentionMatrix.get: [" + row + "][" + col + "] outside " + rows + " x " + cols);
    }
    return data[row * cols + col];
  }

  /** A copy of row {@code row}. */
  public float[] row(int row) {
    return Arrays.copyOfRange(data, row * cols, row * cols + cols);
  }

  /** A copy of column {@code col}: what each query gives to key {@code col}. */
  public float[] column(int col) {
    float[] out = new float[rows];
    for (int r = 0; r < rows; r++) out[r] = data[r * cols + col];
    return out;
  }

  /** A copy of all weights, row-major. */
  public float[] toArray() {
    return data.clone();
  }

  /** Row-major weights without copying; callers in this package must not write to them. */
  float[] raw() {
    return data;
  }

  /** The largest weight (0 for an empty matrix). */
  public float max() {
    float m = 0;
    for (float v : data) m = Math.max(m, v);
    return m;
  }

  /** The element-wise mean of matrices of one size (e.g. over heads). */
  public static AttentionMatrix mean(java.util.List<AttentionMatrix> ms) {
    if (ms.isEmpty()) throw new IllegalArgumentException("AttentionMatrix.mean: no matrices");
    AttentionMatrix first = ms.getFirst();
    float[] sum = new float[first.data.length];
    for (AttentionMatrix m : ms) {
      if (m.rows != first.rows || m.cols != first.cols) {
        throw new IllegalArgumentException("AttentionMatrix.mean: sizes differ: " + first.rows + " x "
            + first.cols + " and " + m.rows + " x " + m.cols);
      }
      for (int i = 0; i < sum.length; i++) sum[i] += m.data[i];
    }
    for (int i = 0; i < sum.length; i++) sum[i] /= ms.size();
    return new AttentionMatrix(first.rows, first.cols, sum);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AttentionMatrix m && m.rows == rows && m.cols == cols && Arrays.equals(m.data, data);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * rows + cols) + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "AttentionMatrix[" + rows + " x " + cols + "]";
  }
}
