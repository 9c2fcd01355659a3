package org.attention4j.tensor;

import org.attention4j.autograd.GradMode;

/**
 * Ops that pick elements by integer index: embedding lookup, {@code index_select} and
 * {@code gather}. Their backward scatter-adds the gradient to the picked positions, in index
 * order, so repeated indices accumulate deterministically.
 */
final class Indexing {
  private Indexing() {}

  static Tensor embedding(Tensor weight, IntTensor ids, int paddingIdx) {
    if (weight.rank() != 2) {
      throw new IllegalArgumentException("embedding: weight must be (V, C), got " + weight.shape);
    }
    int vocab = weight.dim(0);
    int c = weight.dim(1);
    if (paddingIdx < -1 || paddingIdx >= vocab) {
      throw new IllegalArgumentException("embedding: padding index " + paddingIdx + " outside [0, " + vocab + ") (use -1 for none)");
    }
    int[] idx = ids.dataUnsafe();
    for (int i = 0; i < idx.length; i++) {
      if (idx[i] < 0 || idx[i] >= vocab) {
        throw new IllegalArgumentException(
            "embedding: id " + idx[i] + " at position " + i + " of ids " + ids.shape() + " is outside the vocabulary [0, " + vocab + ")");
      }
    }
    Tensor w = weight.contiguous();
    int[] outShape = java.util.Arrays.copyOf(ids.shape().dimsUnsafe(), ids.rank() + 1);
    outShape[ids.rank()] = c;
    Tensor out = Tensor.zeros(outShape);
    for (int i = 0; i < idx.length; i++) System.arraycopy(w.data, w.offset + idx[i] * c, out.data, i * c, c);
    return OpNode.record("embedding", out, (g, needs) -> {
      Tensor gc = g.contiguous();
      Tensor dw = Tensor.zeros(vocab, c);
      for (int i = 0; i < idx.length; i++) {
        if (idx[i] == paddingIdx) continue;
        org.attention4j.kernel.Binary.axpy(1f, gc.data, gc.offset + i * c, 1, dw.data, idx[i] * c, c);
      }
      return new Tensor[] {dw};
    }, weight);
  }

  static Tensor indexSelect(Tensor x, int dim, IntTensor index) {
    if (index.rank() != 1) {
      throw new IllegalArgumentException("index_select: index must be 1-D, got " + index.shape());
    }
    int a = Shape.axis(dim, x.rank(), "index_select: dim", x.shape);
    int size = x.dim(a);
    int[] idx = index.dataUnsafe();
    for (int i = 0; i < idx.length; i++) {
      if (idx[i] < 0 || idx[i] >= size) {
        throw new IllegalArgumentException(
            "index_select: index " + idx[i] + " at position " + i + " is out of range for dim " + dim + " of size " + size + " in " + x.shape);
      }
    }
    int[] outShape = x.shape.toArray();
    outShape[a] = idx.length;
    Tensor out = Tensor.zeros(outShape);
    try (var _ = GradMode.noGrad()) {
      for (int i = 0; i < idx.length; i++) Movement.copyInto(x.select(a, idx[i]), out.select(a, i));
    }
    Shape in = x.shape;
    return OpNode.record("index_select", out, (g, needs) -> {
      Tensor gx = Tensor.zeros(in.dimsUnsafe());
      for (int i = 0; i < idx.length; i++) BinaryOps.addInPlace(gx.select(a, idx[i]), g.select(a, i), 1f);
      return new Tensor[] {gx};
    }, x);
  }

  static Tensor gather(Tensor x, int dim, IntTensor index) {
    int r = x.rank();
    if (index.rank() != r) {
      throw new IllegalArgumentException("gather: index rank " + index.rank() + " differs from input rank " + r
          + " (" + index.shape() + " vs " + x.shape + ")");
    }
    int a = Shape.axis(dim, r, "gather: dim", x.shape);
    for (int d = 0; d < r; d++) {
      if (d != a && index.dim(d) > x.dim(d)) {
        throw new IllegalArgumentException("gather: index " + index.shape() + " is larger than input " + x.shape + " at dim " + d);
      }
    }
    int[] positions = positions(x, a, index, x.strides, x.offset);
    Tensor out = Tensor.zeros(index.shape().dimsUnsafe());
    for (int i = 0; i < positions.length; i++) out.data[i] = x.data[positions[i]];
    Shape in = x.shape;
    return OpNode.record("gather", out, (g, needs) -> {
      Tensor gc = g.contiguous();
      Tensor gx = Tensor.zeros(in.dimsUnsafe());
      int[] target = positions(gx, a, index, gx.strides, 0);
      for (int i = 0; i < target.length; i++) gx.data[target[i]] += gc.data[gc.offset + i];
      return new Tensor[] {gx};
    }, x);
  }

  /** Positions, under {@code strides} and {@code offset}, of every gathered element in the index's order. */
  private static int[] positions(Tensor x, int a, IntTensor index, int[] strides, int offset) {
    int r = x.rank();
    int[] idx = index.dataUnsafe();
    int[] dims = index.shape().dimsUnsafe();
    int[] pos = new int[idx.length];
    int[] counter = new int[r];
    for (int i = 0; i < idx.length; i++) {
      int v = idx[i];
      if (v < 0 || v >= x.dim(a)) {
        throw new IllegalArgumentException(
            "gather: index value " + v + " at position " + i + " is out of range for dim " + a + " of size " + x.dim(a)
                + " in " + x.shape);
      }
      int p = offset;
      for (int d = 0; d < r; d++) p += (d == a ? v : counter[d]) * strides[d];
      pos[i] = p;
      for (int d = r - 1; d >= 0; d--) {
        if (++counter[d] < dims[d]) break;
        counter[d] = 0;
      }
    }
    return pos;
  }
}
