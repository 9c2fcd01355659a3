package org.attention4j.tensor;

import java.util.Arrays;

/**
 * The sizes of a tensor's dimensions, outermost first. Immutable; a rank-0 shape is a scalar.
 *
 * <p>Negative dimension indices count from the end, as in PyTorch: {@code dim(-1)} is the last.
 */
public final class Shape {
  private static final Shape SCALAR = new Shape(new int[0]);

  private final int[] dims;
  private final long numel;

  private Shape(int[] dims) {
    this.dims = dims;
    long n = 1;
    for (int d : dims) n *= d;
    this.numel = n;
  }

  /**
   * A shape with the given sizes.
   *
   * @throws IllegalArgumentException if a size is negative or the element count passes 2^31 - 1
   */
  public static Shape of(int... dims) {
    if (dims.length == 0) return SCALAR;
    long n = 1;
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] < 0) {
        throw new IllegalArgumentException(
            "shape: size " + dims[i] + " at dim " + i + " is negative in " + Arrays.toString(dims));
      }
      n *= dims[i];
      if (n > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "shape: " + Arrays.toString(dims) + " has more than 2^31 - 1 elements");
      }
    }
    return new Shape(dims.clone());
  }

  /** The rank-0 (scalar) shape. */
  public static Shape scalar() {
    return SCALAR;
  }

  /** Number of dimensions. */
  public int rank() {
    return dims.length;
  }

  /** Number of elements (1 for a scalar). */
  public int numel() {
    return (int) numel;
  }

  /** Size of dimension {@code d}; negative {@code d} counts from the end. */
  public int dim(int d) {
    return dims[axis(d)];
  }

  /** A copy of the sizes. */
  public int[] toArray() {
    return dims.clone();
  }

  /** Sizes without copying, for this package's kernels. */
  int[] dimsUnsafe() {
    return dims;
  }

  /**
   * Normalises a possibly negative dimension index against this rank.
   *
   * @throws IllegalArgumentException if it is out of range
   */
  public int axis(int d) {
    return axis(d, dims.length, "dim", this);
  }

  /**
   * Normalises dimension {@code d} against {@code rank} (the shape's rank, or one more where a
   * dimension is inserted).
   *
   * @throws IllegalArgumentException {@code "<what> <d> is out of range for shape <shape>
   *     (valid: <lo>..<hi>)"}, where {@code what} names the op, e.g. {@code "sum: dim"}
   */
  static int axis(int d, int rank, String what, Shape shape) {
    int a = d < 0 ? d + rank : d;
    if (a < 0 || a >= rank) {
      throw new IllegalArgumentException(
          what + " " + d + " is out of range for shape " + shape
              + " (valid: " + (-rank) + ".." + (rank - 1) + ")");
    }
    return a;
  }

  /** Row-major (C-order) strides of a contiguous tensor with this shape. */
  int[] contiguousStrides() {
    int[] s = new int[dims.length];
    int acc = 1;
    for (int i = dims.length - 1; i >= 0; i--) {
      s[i] = acc;
      acc *= Math.max(dims[i], 1);
    }
    return s;
  }

  /**
   * The NumPy broadcast of two shapes: aligned from the right, sizes equal or one of them 1.
   *
   * @throws IllegalArgumentException naming {@code op} and both shapes if they do not broadcast
   */
  public static Shape broadcast(String op, Shape a, Shape b) {
    if (a.equals(b)) return a;
    int r = Math.max(a.rank(), b.rank());
    int[] out = new int[r];
    for (int i = 0; i < r; i++) {
      int da = i < r - a.rank() ? 1 : a.dims[i - (r - a.rank())];
      int db = i < r - b.rank() ? 1 : b.dims[i - (r - b.rank())];
      if (da != db && da != 1 && db != 1) {
        throw new IllegalArgumentException(
            op + ": shapes " + a + " and " + b + " do not broadcast (dim " + i + ": " + da + " vs " + db + ")");
      }
      out[i] = da == 1 ? db : da;
    }
    return new Shape(out);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Shape s && Arrays.equals(dims, s.dims);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(dims);
  }

  /** Like PyTorch: {@code [2, 3]}. */
  @Override
  public String toString() {
    return Arrays.toString(dims);
  }
}
