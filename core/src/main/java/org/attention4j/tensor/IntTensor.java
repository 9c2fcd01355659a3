package org.attention4j.tensor;

import java.util.Arrays;

/**
 * A dense, row-major array of ints with a shape: token ids, class targets, gather indices and
 * argmax results. Immutable from the outside (accessors copy); never carries gradients.
 */
public final class IntTensor {
  private final int[] data;
  private final Shape shape;

  private IntTensor(int[] data, Shape shape) {
    this.data = data;
    this.shape = shape;
  }

  /**
   * Wraps a copy of {@code data} with the given shape.
   *
   * @throws IllegalArgumentException if the length does not match the shape
   */
  public static IntTensor of(int[] data, int... shape) {
    Shape s = shape.length == 0 && data.length != 1 ? Shape.of(data.length) : Shape.of(shape);
    if (s.numel() != data.length) {
      throw new IllegalArgumentException(
          "IntTensor.of: " + data.length + " values do not fill shape " + s + " (" + s.numel() + " elements)");
    }
    return new IntTensor(data.clone(), s);
  }

  /**
   * A 2-D tensor from equal-length rows.
   *
   * @throws IllegalArgumentException if rows differ in length
   */
  public static IntTensor of(int[][] rows) {
    int cols = rows.length == 0 ? 0 : rows[0].length;
    int[] flat = new int[rows.length * cols];
    for (int r = 0; r < rows.length; r++) {
      if (rows[r].length != cols) {
        throw new IllegalArgumentException(
            "IntTensor.of: row " + r + " has " + rows[r].length + " values, row 0 has " + cols);
      }
      System.arraycopy(rows[r], 0, flat, r * cols, cols);
    }
    return new IntTensor(flat, Shape.of(rows.length, cols));
  }

  /** A tensor filled with {@code value}. */
  public static IntTensor full(int value, int... shape) {
    Shape s = Shape.of(shape);
    int[] d = new int[s.numel()];
    Arrays.fill(d, value);
    return new IntTensor(d, s);
  }

  /** Wraps {@code data} without copying; callers in this package promise not to mutate it. */
  static IntTensor wrap(int[] data, Shape shape) {
    return new IntTensor(data, shape);
  }

  public Shape shape() {
    return shape;
  }

  public int dim(int d) {
    return shape.dim(d);
  }

  public int rank() {
    return shape.rank();
  }

  public int numel() {
    return data.length;
  }

  /** The element at the given indices (one per dimension). */
  public int get(int... index) {
    return data[flatIndex(index)];
  }

  /** The element at flat row-major position {@code i}. */
  public int at(int i) {
    return data[i];
  }

  /** A copy of the values in row-major order. */
  public int[] toArray() {
    return data.clone();
  }

  /** The values without a copy, for kernels in this package. */
  int[] dataUnsafe() {
    return data;
  }

  /**
   * The same values with another shape; one size may be -1 and is inferred.
   *
   * @throws IllegalArgumentException if the element counts differ
   */
  public IntTensor reshape(int... newShape) {
    return new IntTensor(data, Shape.of(Movement.inferShape("IntTensor.reshape", shape, newShape)));
  }

  private int flatIndex(int[] index) {
    if (index.length != shape.rank()) {
      throw new IllegalArgumentException(
          "IntTensor.get: " + index.length + " indices for shape " + shape);
    }
    int flat = 0;
    for (int i = 0; i < index.length; i++) {
      int size = shape.dim(i);
      if (index[i] < 0 || index[i] >= size) {
        throw new IllegalArgumentException(
            "IntTensor.get: index " + index[i] + " out of range for dim " + i + " of size " + size);
      }
      flat = flat * size + index[i];
    }
    return flat;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IntTensor t && shape.equals(t.shape) && Arrays.equals(data, t.data);
  }

  @Override
  public int hashCode() {
    return 31 * shape.hashCode() + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "IntTensor(" + (data.length <= 32 ? Arrays.toString(data) : "...") + ", shape=" + shape + ")";
  }
}
