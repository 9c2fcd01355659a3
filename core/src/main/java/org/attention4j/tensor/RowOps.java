package org.attention4j.tensor;

import org.attention4j.kernel.Parallel;
import org.attention4j.kernel.Rows;

/**
 * Row-wise neural-network ops on the row kernels: softmax, log-softmax and layer norm. A
 * softmax over an inner dim is the last-dim softmax between two (recorded) transposes.
 */
final class RowOps {
  private RowOps() {}

  static Tensor softmax(Tensor x, int dim) {
    return alongLast(x, dim, true);
  }

  static Tensor logSoftmax(Tensor x, int dim) {
    return alongLast(x, dim, false);
  }

  private static Tensor alongLast(Tensor x, int dim, boolean soft) {
    String op = soft ? "softmax" : "log_softmax";
    if (x.rank() == 0) return alongLast(x.reshape(1), 0, soft).reshape();
    int a = Shape.axis(dim, x.rank(), op + ": dim", x.shape);
    if (a != x.rank() - 1) return alongLast(x.transpose(a, -1), -1, soft).transpose(a, -1);
    Tensor in = x.contiguous();
    int n = x.dim(-1);
    int rows = n == 0 ? 0 : in.numel() / n;
    Tensor out = Tensor.zeros(x.shape.dimsUnsafe());
    float[] src = in.data;
    int so = in.offset;
    float[] dst = out.data;
    Parallel.forRange(rows, grain(n), (from, to) -> {
      for (int r = from; r < to; r++) {
        if (soft) Rows.softmax(src, so + r * n, dst, r * n, n);
        else Rows.logSoftmax(src, so + r * n, dst, r * n, n);
      }
    });
    return OpNode.record(op, out, (g, needs) -> {
      Tensor gc = g.contiguous();
      Tensor dx = Tensor.zeros(out.shape.dimsUnsafe());
      Parallel.forRange(rows, grain(n), (from, to) -> {
        for (int r = from; r < to; r++) {
          if (soft) Rows.softmaxBackward(dst, r * n, gc.data, gc.offset + r * n, dx.data, r * n, n);
          else Rows.logSoftmaxBackward(dst, r * n, gc.data, gc.offset + r * n, dx.data, r * n, n);
        }
      });
      return new Tensor[] {dx};
    }, in);
  }

  static int grain(int rowLength) {
    return Math.max(1, UnaryOps.GRAIN / Math.max(rowLength, 1));
  }

  static Tensor layerNorm(Tensor x, Tensor weight, Tensor bias, float eps) {
    if (x.rank() == 0) throw new IllegalArgumentException("layer_norm: input must have at least 1 dim, got a scalar");
    int n = x.dim(-1);
    checkAffine("weight", weight, n, x);
    checkAffine("bias", bias, n, x);
    if (!(eps >= 0)) throw new IllegalArgumentException("layer_norm: eps must be >= 0, got " + eps);
    Tensor in = x.contiguous();
    Tensor w = weight == null ? null : weight.contiguous();
    Tensor b = bias == null ? null : bias.contiguous();
    float[] wd = w == null ? null : w.isContiguous() && w.offset == 0 ? w.data : w.toArray();
    float[] bd = b == null ? null : b.isContiguous() && b.offset == 0 ? b.data : b.toArray();
    int rows = n == 0 ? 0 : in.numel() / n;
    Tensor out = Tensor.zeros(x.shape.dimsUnsafe());
    float[] stats = new float[2 * rows];
    float[] src = in.data;
    int so = in.offset;
    Parallel.forRange(rows, grain(n), (from, to) -> {
      for (int r = from; r < to; r++) Rows.layerNorm(src, so + r * n, wd, bd, eps, out.data, r * n, stats, 2 * r, n);
    });
    return OpNode.record("layer_norm", out, (g, needs) -> {
      Tensor gc = g.contiguous();
      float[] dy = gc.data;
      int go = gc.offset;
      Tensor dx = null;
      if (needs[0]) {
        Tensor gx = Tensor.zeros(x.shape.dimsUnsafe());
        Parallel.forRange(rows, grain(n), (from, to) -> {
          for (int r = from; r < to; r++) {
            Rows.layerNormBackward(src, so + r * n, wd, stats[2 * r], stats[2 * r + 1], dy, go + r * n, gx.data, r * n, n);
          }
        });
        dx = gx;
      }
      Tensor dw = needs.length > 1 && needs[1] ? Tensor.zeros(n) : null;
      Tensor db = needs.length > 2 && needs[2] ? Tensor.zeros(n) : null;
      if (dw != null || db != null) {
        // Column sums over rows, split by columns so the order of additions is fixed.
        Parallel.forRange(n, 256, (from, to) -> {
          for (int r = 0; r < rows; r++) {
            float mean = stats[2 * r];
            float rstd = stats[2 * r + 1];
            int xr = so + r * n;
            int gr = go + r * n;
            for (int c = from; c < to; c++) {
              if (dw != null) dw.data[c] += dy[gr + c] * ((src[xr + c] - mean) * rstd);
              if (db != null) db.data[c] += dy[gr + c];
            }
          }
        });
      }
      return new Tensor[] {dx, dw, db};
    }, in, weight, bias);
  }

  private static void checkAffine(String name, Tensor t, int n, Tensor x) {
    if (t != null && (t.rank() != 1 || t.dim(0) != n)) {
      throw new IllegalArgumentException(
          "layer_norm: " + name + " of shape " + t.shape + " does not match the last dim of input " + x.shape + " (want [" + n + "])");
    }
  }
}
