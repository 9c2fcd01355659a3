package org.attention4j.tensor;

import java.util.Arrays;

/**
 * Movement ops: views that re-interpret shape and strides (reshape, transpose, permute, narrow,
 * select, expand, squeeze) and copies. Each backward maps the gradient back through the same
 * re-interpretation.
 */
final class Movement {
  private Movement() {}

  /** Resolves a single -1 and checks that the element count is kept. */
  static int[] inferShape(String op, Shape from, int[] requested) {
    int[] out = requested.clone();
    int infer = -1;
    long known = 1;
    for (int i = 0; i < out.length; i++) {
      if (out[i] == -1) {
        if (infer >= 0) {
          throw new IllegalArgumentException(op + ": only one size may be -1, got " + Arrays.toString(requested));
        }
        infer = i;
      } else if (out[i] < 0) {
        throw new IllegalArgumentException(op + ": invalid size " + out[i] + " in " + Arrays.toString(requested));
      } else {
        known *= out[i];
      }
    }
    if (infer >= 0) {
      if (known == 0 || from.numel() % known != 0) {
        throw new IllegalArgumentException(
            op + ": cannot infer -1 in " + Arrays.toString(requested) + " for " + from.numel() + " elements of " + from);
      }
      out[infer] = (int) (from.numel() / known);
    } else if (known != from.numel()) {
      throw new IllegalArgumentException(
          op + ": shape " + Arrays.toString(requested) + " (" + known + " elements) does not match "
              + from + " (" + from.numel() + " elements)");
    }
    return out;
  }

  /**
   * Strides that let a tensor with {@code oldShape}/{@code oldStrides} be viewed as
   * {@code newShape}, or {@code null} when a copy is needed (as PyTorch's computeStride).
   */
  static int[] viewStrides(int[] oldShape, int[] oldStrides, int[] newShape) {
    int[] newStrides = new int[newShape.length];
    if (oldShape.length == 0) {
      Arrays.fill(newStrides, 1);
      return newStrides;
    }
    long numel = 1;
    for (int d : oldShape) numel *= d;
    if (numel == 0) return Shape.of(newShape).contiguousStrides();
    int viewD = newShape.length - 1;
    long chunkBase = oldStrides[oldShape.length - 1];
    long tensorNumel = 1;
    long viewNumel = 1;
    for (int tensorD = oldShape.length - 1; tensorD >= 0; tensorD--) {
      tensorNumel *= oldShape[tensorD];
      if (tensorD == 0 || (oldShape[tensorD - 1] != 1 && oldStrides[tensorD - 1] != tensorNumel * chunkBase)) {
        while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] == 1)) {
          newStrides[viewD] = (int) (viewNumel * chunkBase);
          viewNumel *= newShape[viewD];
          viewD--;
        }
        if (viewNumel != tensorNumel) return null;
        if (tensorD > 0) {
          chunkBase = oldStrides[tensorD - 1];
          tensorNumel = 1;
          viewNumel = 1;
        }
      }
    }
    return viewD == -1 ? newStrides : null;
  }

  static Tensor reshape(Tensor x, int[] requested) {
    int[] dims = inferShape("reshape", x.shape, requested);
    int[] st = viewStrides(x.shape.dimsUnsafe(), x.strides, dims);
    Tensor src = st == null ? copy(x) : x;
    if (st == null) st = Shape.of(dims).contiguousStrides();
    return asView("reshape", x, src, Shape.of(dims), st, src.offset);
  }

  static Tensor view(Tensor x, int[] requested) {
    int[] dims = inferShape("view", x.shape, requested);
    int[] st = viewStrides(x.shape.dimsUnsafe(), x.strides, dims);
    if (st == null) {
      throw new IllegalArgumentException(
          "view: shape " + Arrays.toString(dims) + " is not compatible with the strides "
              + Arrays.toString(x.strides) + " of " + x.shape + "; use reshape() to copy");
    }
    return asView("view", x, x, Shape.of(dims), st, x.offset);
  }

  /** A view of {@code src} storage with a new shape whose gradient is reshaped back to {@code x}. */
  private static Tensor asView(String op, Tensor x, Tensor src, Shape shape, int[] strides, int offset) {
    Tensor out = new Tensor(src.data, offset, shape, strides);
    if (src != x) { // reshape through a copy: the copy already recorded x
      return OpNode.record(op, out, (g, needs) -> new Tensor[] {g.reshape(src.shape.dimsUnsafe())}, src);
    }
    Shape in = x.shape;
    return OpNode.record(op, out, (g, needs) -> new Tensor[] {g.reshape(in.dimsUnsafe())}, x);
  }

  static Tensor flatten(Tensor x, int start, int end) {
    int r = x.rank();
    if (r == 0) return x.reshape(1);
    int s = Shape.axis(start, r, "flatten: start dim", x.shape);
    int e = Shape.axis(end, r, "flatten: end dim", x.shape);
    if (s > e) throw new IllegalArgumentException("flatten: start dim " + start + " is after end dim " + end);
    int[] dims = new int[r - (e - s)];
    int j = 0;
    for (int i = 0; i < s; i++) dims[j++] = x.dim(i);
    int merged = 1;
    for (int i = s; i <= e; i++) merged *= x.dim(i);
    dims[j++] = merged;
    for (int i = e + 1; i < r; i++) dims[j++] = x.dim(i);
    return x.reshape(dims);
  }

  static Tensor transpose(Tensor x, int d0, int d1) {
    int r = x.rank();
    int a = Shape.axis(d0, r, "transpose: dim", x.shape);
    int b = Shape.axis(d1, r, "transpose: dim", x.shape);
    int[] order = new int[r];
    for (int i = 0; i < r; i++) order[i] = i;
    order[a] = b;
    order[b] = a;
    return permute(x, order, "transpose");
  }

  static Tensor permute(Tensor x, int[] order) {
    return permute(x, order, "permute");
  }

  private static Tensor permute(Tensor x, int[] order, String op) {
    int r = x.rank();
    if (order.length != r) {
      throw new IllegalArgumentException(op + ": " + order.length + " dims given for rank " + r + " tensor " + x.shape);
    }
    int[] dims = new int[r];
    int[] st = new int[r];
    int[] inverse = new int[r];
    boolean[] seen = new boolean[r];
    for (int i = 0; i < r; i++) {
      int a = Shape.axis(order[i], r, op + ": dim", x.shape);
      if (seen[a]) throw new IllegalArgumentException(op + ": dim " + a + " repeats in " + Arrays.toString(order));
      seen[a] = true;
      dims[i] = x.dim(a);
      st[i] = x.strides[a];
      inverse[a] = i;
    }
    Tensor out = new Tensor(x.data, x.offset, Shape.of(dims), st);
    return OpNode.record(op, out, (g, needs) -> new Tensor[] {permute(g, inverse, op)}, x);
  }

  static Tensor narrow(Tensor x, int dim, int start, int length) {
    int a = Shape.axis(dim, x.rank(), "narrow: dim", x.shape);
    int size = x.dim(a);
    if (start < 0 || length < 0 || start + length > size) {
      throw new IllegalArgumentException(
          "narrow: start " + start + " + length " + length + " exceeds size " + size + " of dim " + dim + " in " + x.shape);
    }
    int[] dims = x.shape.toArray();
    dims[a] = length;
    Tensor out = new Tensor(x.data, x.offset + start * x.strides[a], Shape.of(dims), x.strides.clone());
    return OpNode.recordSlice(out, x, a, start);
  }

  static Tensor slice(Tensor x, int dim, int start, int end) {
    int size = x.dim(Shape.axis(dim, x.rank(), "slice: dim", x.shape));
    int s = start < 0 ? start + size : start;
    int e = end < 0 ? end + size : end;
    s = Math.max(0, Math.min(s, size));
    e = Math.max(s, Math.min(e, size));
    return narrow(x, dim, s, e - s);
  }

  static Tensor select(Tensor x, int dim, int index) {
    int a = Shape.axis(dim, x.rank(), "select: dim", x.shape);
    int size = x.dim(a);
    int i = index < 0 ? index + size : index;
    if (i < 0 || i >= size) {
      throw new IllegalArgumentException(
          "select: index " + index + " out of range for dim " + dim + " of size " + size + " in " + x.shape);
    }
    return squeeze(narrow(x, a, i, 1), a);
  }

  static Tensor expand(Tensor x, int[] sizes) {
    int r = sizes.length;
    if (r < x.rank()) {
      throw new IllegalArgumentException(
          "expand: " + Arrays.toString(sizes) + " has fewer dims than " + x.shape);
    }
    int[] dims = new int[r];
    int[] st = new int[r];
    int lead = r - x.rank();
    for (int i = 0; i < r; i++) {
      int want = sizes[i];
      if (i < lead) {
        if (want < 0) throw new IllegalArgumentException("expand: -1 not allowed for new leading dim " + i);
        dims[i] = want;
        st[i] = 0;
        continue;
      }
      int have = x.dim(i - lead);
      if (want == -1) want = have;
      if (have == want) {
        dims[i] = have;
        st[i] = x.strides[i - lead];
      } else if (have == 1) {
        dims[i] = want;
        st[i] = 0;
      } else {
        throw new IllegalArgumentException(
            "expand: cannot expand " + x.shape + " to " + Arrays.toString(sizes)
                + " (dim " + i + ": size " + have + " is not 1)");
      }
    }
    Tensor out = new Tensor(x.data, x.offset, Shape.of(dims), st);
    // The gradient comes back in the expanded shape; OpNode sums it down to x's shape.
    return OpNode.record("expand", out, (g, needs) -> new Tensor[] {g}, x);
  }

  static Tensor unsqueeze(Tensor x, int dim) {
    int r = x.rank();
    int a = Shape.axis(dim, r + 1, "unsqueeze: dim", x.shape);
    int[] dims = new int[r + 1];
    int[] st = new int[r + 1];
    for (int i = 0, j = 0; i <= r; i++) {
      if (i == a) {
        dims[i] = 1;
        st[i] = j < r ? x.strides[j] * x.dim(j) : 1;
      } else {
        dims[i] = x.dim(j);
        st[i] = x.strides[j];
        j++;
      }
    }
    Tensor out = new Tensor(x.data, x.offset, Shape.of(dims), st);
    Shape in = x.shape;
    return OpNode.record("unsqueeze", out, (g, needs) -> new Tensor[] {g.reshape(in.dimsUnsafe())}, x);
  }

  static Tensor squeeze(Tensor x, int dim) {
    int a = Shape.axis(dim, x.rank(), "squeeze: dim", x.shape);
    if (x.dim(a) != 1) {
      throw new IllegalArgumentException("squeeze: dim " + dim + " has size " + x.dim(a) + ", not 1, in " + x.shape);
    }
    int r = x.rank();
    int[] dims = new int[r - 1];
    int[] st = new int[r - 1];
    for (int i = 0, j = 0; i < r; i++) {
      if (i == a) continue;
      dims[j] = x.dim(i);
      st[j++] = x.strides[i];
    }
    Tensor out = new Tensor(x.data, x.offset, Shape.of(dims), st);
    Shape in = x.shape;
    return OpNode.record("squeeze", out, (g, needs) -> new Tensor[] {g.reshape(in.dimsUnsafe())}, x);
  }

  /** A contiguous copy of {@code x}; the gradient passes through unchanged. */
  static Tensor copy(Tensor x) {
    Tensor out = Tensor.zeros(x.shape.dimsUnsafe());
    copyInto(x, out);
    return OpNode.record("copy", out, (g, needs) -> new Tensor[] {g}, x);
  }

  /** Copies {@code src}, broadcast to {@code dst}'s shape, into {@code dst}'s elements. */
  static void copyInto(Tensor src, Tensor dst) {
    copyInto("copy", src, dst);
  }

  /** {@link #copyInto(Tensor, Tensor)} naming {@code op} if {@code src} does not broadcast. */
  static void copyInto(String op, Tensor src, Tensor dst) {
    int[] srcStrides = broadcastStrides(op, src, dst.shape);
    Loop loop = Loop.of(dst.shape.dimsUnsafe(), dst.strides, srcStrides);
    int sd = loop.innerStride(0);
    int ss = loop.innerStride(1);
    float[] d = dst.data;
    float[] s = src.data;
    loop.forEachRow(dst.offset, src.offset, 0, (od, os, unused, n) -> {
      if (sd == 1 && ss == 1) {
        System.arraycopy(s, os, d, od, n);
      } else if (ss == 0) {
        float v = s[os];
        for (int i = 0; i < n; i++) d[od + i * sd] = v;
      } else {
        for (int i = 0; i < n; i++) d[od + i * sd] = s[os + i * ss];
      }
    });
  }

  /**
   * Strides that read {@code t} as if broadcast to {@code target} (0 on broadcast dims).
   *
   * @throws IllegalArgumentException naming {@code op} if {@code t} does not broadcast to it
   */
  static int[] broadcastStrides(String op, Tensor t, Shape target) {
    int r = target.rank();
    int lead = r - t.rank();
    if (lead < 0) {
      throw new IllegalArgumentException(op + ": shape " + t.shape + " does not broadcast to " + target);
    }
    int[] st = new int[r];
    for (int i = 0; i < r; i++) {
      if (i < lead) continue;
      int have = t.dim(i - lead);
      if (have == target.dim(i)) {
        st[i] = t.strides[i - lead];
      } else if (have != 1) {
        throw new IllegalArgumentException(
            op + ": shape " + t.shape + " does not broadcast to " + target + " (dim " + i + ": " + have + " vs " + target.dim(i) + ")");
      }
    }
    return st;
  }
}
