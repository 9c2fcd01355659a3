package org.attention4j.tensor;

import java.util.Arrays;
import org.attention4j.autograd.GradMode;
import org.attention4j.kernel.Binary;
import org.attention4j.kernel.Parallel;
import org.attention4j.kernel.Rows;

/**
 * Reductions over any set of dimensions, with or without keeping them as size 1: sum, mean,
 * max/min (values and indices), log-sum-exp and variance.
 *
 * <p>Reduced dims are moved last and the tensor is read as {@code (outer, R)} rows, so every
 * reduction is a row kernel. Sums over leading dims of a contiguous tensor (a bias gradient)
 * instead add whole rows, which needs no copy.
 */
final class Reduce {
  private Reduce() {}

  /** Sorted, distinct, non-negative axes. */
  static int[] axes(String op, Shape s, int[] dims) {
    boolean[] seen = new boolean[s.rank()];
    for (int d : dims) {
      int a = Shape.axis(d, s.rank(), op + ": dim", s);
      if (seen[a]) throw new IllegalArgumentException(op + ": dim " + d + " repeats in " + Arrays.toString(dims));
      seen[a] = true;
    }
    int[] out = new int[dims.length];
    int j = 0;
    for (int a = 0; a < seen.length; a++) if (seen[a]) out[j++] = a;
    return out;
  }

  /** The shape after reducing {@code axes}: dropped, or kept as 1. */
  static int[] reducedShape(Shape s, int[] axes, boolean keepdim) {
    boolean[] red = mask(s.rank(), axes);
    int[] out = new int[keepdim ? s.rank() : s.rank() - axes.length];
    for (int i = 0, j = 0; i < s.rank(); i++) {
      if (!red[i]) out[j++] = s.dim(i);
      else if (keepdim) out[j++] = 1;
    }
    return out;
  }

  private static boolean[] mask(int rank, int[] axes) {
    boolean[] m = new boolean[rank];
    for (int a : axes) m[a] = true;
    return m;
  }

  /** {@code x} as a contiguous {@code (outer, R)} layout with the reduced axes last. */
  private record RowView(Tensor t, int outer, int length, int[] order) {}

  private static RowView rows(Tensor x, int[] axes) {
    int r = x.rank();
    boolean[] red = mask(r, axes);
    int[] order = new int[r];
    int j = 0;
    for (int i = 0; i < r; i++) if (!red[i]) order[j++] = i;
    for (int a : axes) order[j++] = a;
    int length = 1;
    for (int a : axes) length *= x.dim(a);
    int outer = length == 0 ? 0 : x.numel() / Math.max(length, 1);
    if (length == 0) {
      outer = 1;
      for (int i = 0; i < r; i++) if (!red[i]) outer *= x.dim(i);
    }
    try (var _ = GradMode.noGrad()) {
      Tensor t = Movement.permute(x, order).contiguous();
      return new RowView(t, outer, length, order);
    }
  }

  private static boolean trailing(int rank, int[] axes) {
    for (int i = 0; i < axes.length; i++) if (axes[i] != rank - axes.length + i) return false;
    return true;
  }

  private static boolean leading(int[] axes) {
    for (int i = 0; i < axes.length; i++) if (axes[i] != i) return false;
    return true;
  }

  // ------------------------------------------------------------------ sum / mean

  static Tensor sum(Tensor x, int[] dims, boolean keepdim) {
    int[] axes = axes("sum", x.shape, dims);
    Tensor out = Tensor.zeros(reducedShape(x.shape, axes, keepdim));
    sumInto(x, axes, out.data);
    int[] keep = reducedShape(x.shape, axes, true);
    Shape in = x.shape;
    return OpNode.record("sum", out, (g, needs) ->
        new Tensor[] {g.reshape(keep).expand(in.dimsUnsafe())}, x);
  }

  private static void sumInto(Tensor x, int[] axes, float[] out) {
    int r = x.rank();
    int length = 1;
    for (int a : axes) length *= x.dim(a);
    int outer = out.length;
    if (length == 0 || outer == 0) return;
    if (x.isContiguous() && trailing(r, axes)) {
      float[] d = x.data;
      int off = x.offset;
      int len = length;
      Parallel.forRange(outer, Math.max(1, UnaryOps.GRAIN / len), (from, to) -> {
        for (int o = from; o < to; o++) out[o] = Rows.sum(d, off + o * len, len);
      });
    } else if (x.isContiguous() && leading(axes)) {
      // (R, outer) layout: add whole rows into the output, columns split across threads.
      float[] d = x.data;
      int off = x.offset;
      int len = length;
      Parallel.forRange(outer, 1024, (from, to) -> {
        for (int i = 0; i < len; i++) Binary.axpy(1f, d, off + i * outer + from, 1, out, from, to - from);
      });
    } else {
      RowView v = rows(x, axes);
      float[] d = v.t.data;
      int off = v.t.offset;
      int len = v.length;
      Parallel.forRange(outer, Math.max(1, UnaryOps.GRAIN / len), (from, to) -> {
        for (int o = from; o < to; o++) out[o] = Rows.sum(d, off + o * len, len);
      });
    }
  }

  static Tensor mean(Tensor x, int[] dims, boolean keepdim) {
    int[] axes = axes("mean", x.shape, dims);
    long count = 1;
    for (int a : axes) count *= x.dim(a);
    return sum(x, dims, keepdim).mul(1f / count);
  }

  /**
   * Sums a gradient of a broadcast shape down to {@code target}, which it was broadcast from.
   *
   * @throws IllegalStateException if {@code g} cannot have come from {@code target}
   */
  static Tensor sumTo(Tensor g, Shape target, String op) {
    int lead = g.rank() - target.rank();
    if (lead < 0) {
      throw new IllegalStateException("backward of '" + op + "': gradient " + g.shape + " is smaller than input " + target);
    }
    int[] axes = new int[g.rank()];
    int n = 0;
    for (int i = 0; i < g.rank(); i++) {
      if (i < lead) {
        axes[n++] = i;
      } else if (target.dim(i - lead) == 1 && g.dim(i) != 1) {
        axes[n++] = i;
      } else if (target.dim(i - lead) != g.dim(i)) {
        throw new IllegalStateException(
            "backward of '" + op + "': gradient " + g.shape + " does not reduce to input " + target);
      }
    }
    Tensor s = n == 0 ? g : sum(g, Arrays.copyOf(axes, n), true);
    return s.reshape(target.dimsUnsafe());
  }

  // ------------------------------------------------------------------ max / min / argmax

  static Tensor max(Tensor x, int dim, boolean keepdim) {
    return extreme(x, dim, keepdim, true);
  }

  static Tensor min(Tensor x, int dim, boolean keepdim) {
    return extreme(x, dim, keepdim, false);
  }

  private static Tensor extreme(Tensor x, int dim, boolean keepdim, boolean isMax) {
    String op = isMax ? "max" : "min";
    int[] axes = axes(op, x.shape, new int[] {dim});
    requireNonEmpty(op, x, axes[0]);
    RowView v = rows(x, axes);
    int[] idx = argRows(v, isMax);
    Tensor out = Tensor.zeros(reducedShape(x.shape, axes, keepdim));
    for (int o = 0; o < v.outer; o++) out.data[o] = v.t.data[v.t.offset + o * v.length + idx[o]];
    int[] permuted = new int[x.rank()];
    for (int i = 0; i < permuted.length; i++) permuted[i] = x.dim(v.order[i]);
    int[] inverse = new int[v.order.length];
    for (int i = 0; i < v.order.length; i++) inverse[v.order[i]] = i;
    return OpNode.record(op, out, (g, needs) -> {
      Tensor gc = g.contiguous();
      Tensor gx = Tensor.zeros(permuted);
      for (int o = 0; o < v.outer; o++) gx.data[o * v.length + idx[o]] = gc.data[gc.offset + o];
      return new Tensor[] {Movement.permute(gx, inverse)};
    }, x);
  }

  /**
   * The largest (or smallest) element of all; the gradient is shared evenly by every element
   * equal to it, as PyTorch's full {@code max()} / {@code min()} do (a reduction over a dim
   * instead gives it all to the first, as PyTorch's {@code max(dim)}).
   */
  static Tensor extremeAll(Tensor x, boolean isMax) {
    String op = isMax ? "max" : "min";
    if (x.numel() == 0) throw new IllegalArgumentException(op + ": tensor of shape " + x.shape + " is empty");
    Tensor flat = x.contiguousCopy();
    float m = isMax ? Rows.max(flat.data, 0, flat.numel()) : -Rows.max(flat.neg().data, 0, flat.numel());
    Tensor out = Tensor.scalar(m);
    return OpNode.record(op, out, (g, needs) -> {
      Tensor hits = x.eq(m);
      return new Tensor[] {hits.mul(g.item() / hits.sum().item())};
    }, x);
  }

  static IntTensor argmax(Tensor x, int dim, boolean keepdim) {
    return argIndex(x, dim, keepdim, true);
  }

  static IntTensor argmin(Tensor x, int dim, boolean keepdim) {
    return argIndex(x, dim, keepdim, false);
  }

  private static IntTensor argIndex(Tensor x, int dim, boolean keepdim, boolean isMax) {
    String op = isMax ? "argmax" : "argmin";
    int[] axes = axes(op, x.shape, new int[] {dim});
    requireNonEmpty(op, x, axes[0]);
    RowView v = rows(x, axes);
    return IntTensor.wrap(argRows(v, isMax), Shape.of(reducedShape(x.shape, axes, keepdim)));
  }

  private static int[] argRows(RowView v, boolean isMax) {
    int[] idx = new int[v.outer];
    float[] d = v.t.data;
    int off = v.t.offset;
    for (int o = 0; o < v.outer; o++) {
      idx[o] = isMax ? Rows.argmax(d, off + o * v.length, 1, v.length) : Rows.argmin(d, off + o * v.length, 1, v.length);
    }
    return idx;
  }

  private static void requireNonEmpty(String op, Tensor x, int axis) {
    if (x.dim(axis) == 0) {
      throw new IllegalArgumentException(op + ": dim " + axis + " of " + x.shape + " is empty");
    }
  }

  // ------------------------------------------------------------------ logsumexp / var

  static Tensor logsumexp(Tensor x, int[] dims, boolean keepdim) {
    int[] axes = axes("logsumexp", x.shape, dims);
    RowView v = rows(x, axes);
    Tensor out = Tensor.zeros(reducedShape(x.shape, axes, keepdim));
    float[] d = v.t.data;
    int off = v.t.offset;
    int len = v.length;
    Parallel.forRange(v.outer, Math.max(1, UnaryOps.GRAIN / Math.max(len, 1)), (from, to) -> {
      for (int o = from; o < to; o++) out.data[o] = Rows.logSumExp(d, off + o * len, len);
    });
    int[] keep = reducedShape(x.shape, axes, true);
    return OpNode.record("logsumexp", out, (g, needs) -> {
      // d lse / dx = exp(x - lse) = softmax(x); rows that were all -inf get zero.
      Tensor lse = out.reshape(keep);
      Tensor p = x.sub(lse).exp();
      Tensor safe = Tensor.where(lse.eq(Float.NEGATIVE_INFINITY), Tensor.scalar(0f), p);
      return new Tensor[] {g.reshape(keep).mul(safe)};
    }, x);
  }

  static Tensor var(Tensor x, int[] dims, int correction, boolean keepdim) {
    int[] axes = axes("var", x.shape, dims);
    if (correction < 0) throw new IllegalArgumentException("var: correction must be >= 0, got " + correction);
    long count = 1;
    for (int a : axes) count *= x.dim(a);
    Tensor centered = x.sub(mean(x, dims, true));
    // PyTorch divides by max(0, N - correction): N == correction gives inf/nan, as there.
    return centered.square().sum(dims, keepdim).div((float) Math.max(0, count - correction));
  }
}
