package org.attention4j.tensor;

import org.attention4j.kernel.Parallel;

/**
 * An n-dimensional loop over up to three strided operands of one shape, reduced to rows: the
 * dims are coalesced (size-1 dims dropped, neighbouring dims merged where every operand's strides
 * allow it) and the body is called once per row of the innermost dim with each operand's offset.
 * Kernels then see a 1-D problem with fixed inner strides (1 for contiguous, 0 for broadcast).
 */
final class Loop {
  /** Called once per innermost row with the offset of each operand's first element. */
  @FunctionalInterface
  interface RowBody {
    void row(int off0, int off1, int off2, int length);
  }

  final int[] dims;
  final int[][] strides;
  final int rows;
  final int innerLength;

  private Loop(int[] dims, int[][] strides) {
    this.dims = dims;
    this.strides = strides;
    int r = 1;
    for (int i = 0; i < dims.length - 1; i++) r *= dims[i];
    this.rows = dims.length == 0 ? 1 : r;
    this.innerLength = dims.length == 0 ? 1 : dims[dims.length - 1];
  }

  /** A loop over {@code shape} where operand {@code i} moves by {@code strides[i]}. */
  static Loop of(int[] shape, int[]... operandStrides) {
    int n = operandStrides.length;
    int[] dims = new int[shape.length];
    int[][] st = new int[n][shape.length];
    int rank = 0;
    for (int d = 0; d < shape.length; d++) {
      if (shape[d] == 1) continue;
      if (rank > 0 && mergeable(dims[rank - 1], st, rank - 1, shape[d], operandStrides, d)) {
        dims[rank - 1] *= shape[d];
        for (int k = 0; k < n; k++) st[k][rank - 1] = operandStrides[k][d];
        continue;
      }
      dims[rank] = shape[d];
      for (int k = 0; k < n; k++) st[k][rank] = operandStrides[k][d];
      rank++;
    }
    if (rank == 0) return new Loop(new int[] {1}, new int[n][1]); // a single element
    int[] cd = java.util.Arrays.copyOf(dims, rank);
    int[][] cs = new int[n][];
    for (int k = 0; k < n; k++) cs[k] = java.util.Arrays.copyOf(st[k], rank);
    return new Loop(cd, cs);
  }

  private static boolean mergeable(int outerSize, int[][] st, int outer, int innerSize, int[][] src, int d) {
    for (int k = 0; k < st.length; k++) {
      if (st[k][outer] != src[k][d] * innerSize) return false;
    }
    return true;
  }

  /** The inner stride of operand {@code k}. */
  int innerStride(int k) {
    return strides[k][dims.length - 1];
  }

  /** Runs the body for every row, in parallel over rows when the loop is large. */
  void forEachRow(int base0, int base1, int base2, RowBody body) {
    if (innerLength == 0) return; // no elements: offsets may point past the storage
    int grain = Math.max(1, (1 << 15) / Math.max(1, innerLength));
    if ((long) rows * innerLength < (1 << 16)) grain = rows;
    Parallel.forRange(rows, grain, (from, to) -> runRows(from, to, base0, base1, base2, body));
  }

  /** Runs the body for every row on the calling thread. */
  void forEachRowSerial(int base0, int base1, int base2, RowBody body) {
    if (innerLength == 0) return;
    runRows(0, rows, base0, base1, base2, body);
  }

  private void runRows(int from, int to, int base0, int base1, int base2, RowBody body) {
    int outer = dims.length - 1;
    int n = strides.length;
    int[] idx = new int[Math.max(outer, 1)];
    int rem = from;
    for (int d = outer - 1; d >= 0; d--) {
      idx[d] = rem % dims[d];
      rem /= dims[d];
    }
    int o0 = base0, o1 = base1, o2 = base2;
    for (int d = 0; d < outer; d++) {
      o0 += idx[d] * strides[0][d];
      if (n > 1) o1 += idx[d] * strides[1][d];
      if (n > 2) o2 += idx[d] * strides[2][d];
    }
    for (int r = from; r < to; r++) {
      body.row(o0, o1, o2, innerLength);
      // odometer increment over the outer dims
      for (int d = outer - 1; d >= 0; d--) {
        idx[d]++;
        o0 += strides[0][d];
        if (n > 1) o1 += strides[1][d];
        if (n > 2) o2 += strides[2][d];
        if (idx[d] < dims[d]) break;
        o0 -= strides[0][d] * dims[d];
        if (n > 1) o1 -= strides[1][d] * dims[d];
        if (n > 2) o2 -= strides[2][d] * dims[d];
        idx[d] = 0;
      }
    }
  }
}
