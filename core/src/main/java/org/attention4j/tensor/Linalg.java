package org.attention4j.tensor;

import org.attention4j.kernel.Sgemm;

/**
 * Matrix products with PyTorch's {@code matmul} semantics, on the packed SGEMM kernel.
 *
 * <p>Operands whose last two dims are a transposed view are passed to SGEMM as transposed
 * instead of being copied. A batched left operand times a plain matrix (a Linear layer:
 * {@code (B, T, C) @ (C, D)}) folds the batch into the rows and runs as one large GEMM.
 */
final class Linalg {
  private Linalg() {}

  static Tensor matmul(Tensor a, Tensor b) {
    if (a.rank() == 0 || b.rank() == 0) {
      throw new IllegalArgumentException("matmul: both operands need at least 1 dim, got " + a.shape + " @ " + b.shape);
    }
    // Check before 1-D operands are promoted, so that the message shows the caller's shapes.
    checkInner(a, b, a.dim(-1), b.rank() == 1 ? b.dim(0) : b.dim(-2));
    if (a.rank() == 1 && b.rank() == 1) return matmul(a.unsqueeze(0), b.unsqueeze(1)).reshape();
    if (a.rank() == 1) return matmul(a.unsqueeze(0), b).squeeze(-2);
    if (b.rank() == 1) return matmul(a, b.unsqueeze(1)).squeeze(-1);
    return matmulNd(a, b);
  }

  private static void checkInner(Tensor a, Tensor b, int ka, int kb) {
    if (ka != kb) throw new IllegalArgumentException("matmul: inner dims differ: " + a.shape + " @ " + b.shape);
  }

  /** How SGEMM reads the last two dims of an operand. */
  private record Layout(Tensor t, boolean trans, int ld) {}

  /** Picks a no-copy layout for the trailing matrix of {@code t}, copying only if none exists. */
  private static Layout layout(Tensor t) {
    int r = t.rank();
    int rows = t.dim(r - 2);
    int cols = t.dim(r - 1);
    int sr = t.strides[r - 2];
    int sc = t.strides[r - 1];
    if ((sc == 1 || cols == 1) && (sr >= Math.max(cols, 1) || rows == 1)) {
      return new Layout(t, false, rows == 1 ? Math.max(cols, 1) : sr);
    }
    if ((sr == 1 || rows == 1) && (sc >= Math.max(rows, 1) || cols == 1)) {
      return new Layout(t, true, cols == 1 ? Math.max(rows, 1) : sc);
    }
    Tensor c = t.contiguousCopy();
    return new Layout(c, false, Math.max(cols, 1));
  }

  private static Tensor matmulNd(Tensor a, Tensor b) {
    int n = a.dim(-2);
    int k = a.dim(-1);
    int m = b.dim(-1);
    checkInner(a, b, k, b.dim(-2));
    Tensor out = b.rank() == 2 && a.rank() > 2 && foldable(a) ? foldedForward(a, b, n, k, m) : batchedForward(a, b, n, k, m);
    return OpNode.record("matmul", out, (g, needs) -> {
      Tensor ga = null;
      Tensor gb = null;
      if (needs[0]) ga = matmul(g, b.transpose(-1, -2)); // (..., n, m) @ (..., m, k)
      if (needs[1]) {
        if (b.rank() == 2 && a.rank() > 2) {
          // dB = A^T dC over all folded rows: one GEMM instead of a batch and a sum.
          Tensor a2 = a.reshape(-1, k);
          Tensor g2 = g.reshape(-1, m);
          gb = matmul(a2.transpose(0, 1), g2);
        } else {
          gb = matmul(a.transpose(-1, -2), g); // (..., k, n) @ (..., n, m)
        }
      }
      return new Tensor[] {ga, gb};
    }, a, b);
  }

  /**
   * {@code x @ weight^T + bias} as one op, PyTorch's {@code F.linear}: {@code x (..., in)},
   * {@code weight (out, in)}, {@code bias (out)} or null. The output rows start as copies of the
   * bias and one GEMM accumulates {@code x W^T} into them (no separate pass to add the bias, the
   * sum rounds as {@code (x W^T) + b} does). The backward pass writes {@code dW = dY^T X}
   * straight in the weight's {@code (out, in)} layout (no transposed gradient to copy), and
   * {@code db} is the column sum of {@code dY}.
   */
  static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
    if (weight.rank() != 2) throw new IllegalArgumentException("linear: weight must be (out, in), got " + weight.shape);
    int in = weight.dim(1);
    int outF = weight.dim(0);
    if (x.rank() == 0 || x.dim(-1) != in) {
      throw new IllegalArgumentException("linear: input " + x.shape + " must end in in_features = " + in
          + " (weight " + weight.shape + ")");
    }
    if (bias != null && (bias.rank() != 1 || bias.dim(0) != outF)) {
      throw new IllegalArgumentException("linear: bias must be (" + outF + "), got " + bias.shape);
    }
    Tensor xs = foldable(x) ? x : x.contiguousCopy();
    int rows = xs.numel() / in;
    int[] outShape = xs.shape.toArray();
    outShape[outShape.length - 1] = outF;
    Tensor out = Tensor.zeros(outShape);
    if (rows > 0 && outF > 0) {
      float beta = 0f;
      if (bias != null) {
        Tensor bc = bias.contiguous();
        for (int r = 0; r < rows; r++) System.arraycopy(bc.data, bc.offset, out.data, r * outF, outF);
        beta = 1f;
      }
      if (in > 0) {
        int[] st = Movement.viewStrides(xs.shape.dimsUnsafe(), xs.strides, new int[] {rows, in});
        int lda = rows <= 1 ? in : st[0];
        Layout lw = layout(weight); // weight as stored; the product reads its transpose
        Sgemm.sgemm(false, !lw.trans, rows, outF, in, 1f, xs.data, xs.offset, lda, lw.t.data, lw.t.offset, lw.ld,
            beta, out.data, 0, outF);
      }
    }
    Tensor[] inputs = bias == null ? new Tensor[] {x, weight} : new Tensor[] {x, weight, bias};
    return OpNode.record("linear", out, (g, needs) -> {
      Tensor gx = needs[0] ? matmul(g, weight) : null;                   // (..., out) @ (out, in)
      boolean weightOrBias = needs[1] || (needs.length > 2 && needs[2]);
      Tensor g2 = weightOrBias ? g.reshape(-1, outF) : null;             // (rows, out)
      Tensor gw = needs[1] ? matmul(g2.transpose(0, 1), xs.reshape(-1, in)) : null; // (out, rows) @ (rows, in)
      Tensor gb = needs.length > 2 && needs[2] ? g2.sum(0) : null;
      return bias == null ? new Tensor[] {gx, gw} : new Tensor[] {gx, gw, gb};
    }, inputs);
  }

  /** Whether {@code a}'s leading dims merge into its rows without a copy. */
  private static boolean foldable(Tensor a) {
    return Movement.viewStrides(a.shape.dimsUnsafe(), a.strides, new int[] {a.numel() / Math.max(a.dim(-1), 1), a.dim(-1)}) != null
        && a.dim(-1) > 0 && a.strides[a.rank() - 1] == 1;
  }

  private static Tensor foldedForward(Tensor a, Tensor b, int n, int k, int m) {
    int rows = a.numel() / k;
    int[] st = Movement.viewStrides(a.shape.dimsUnsafe(), a.strides, new int[] {rows, k});
    int lda = rows <= 1 ? Math.max(k, 1) : st[0];
    Layout lb = layout(b);
    int[] outShape = a.shape.toArray();
    outShape[outShape.length - 1] = m;
    Tensor out = Tensor.zeros(outShape);
    Sgemm.sgemm(false, lb.trans, rows, m, k, 1f, a.data, a.offset, lda, lb.t.data, lb.t.offset, lb.ld,
        0f, out.data, 0, Math.max(m, 1));
    return out;
  }

  private static Tensor batchedForward(Tensor a, Tensor b, int n, int k, int m) {
    Shape batchA = Shape.of(java.util.Arrays.copyOf(a.shape.dimsUnsafe(), a.rank() - 2));
    Shape batchB = Shape.of(java.util.Arrays.copyOf(b.shape.dimsUnsafe(), b.rank() - 2));
    Shape batch;
    try {
      batch = Shape.broadcast("matmul", batchA, batchB);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("matmul: batch dims do not broadcast: " + a.shape + " @ " + b.shape, e);
    }
    Layout la = layout(a);
    Layout lb = layout(b);
    int[] outShape = java.util.Arrays.copyOf(batch.dimsUnsafe(), batch.rank() + 2);
    outShape[batch.rank()] = n;
    outShape[batch.rank() + 1] = m;
    Tensor out = Tensor.zeros(outShape);
    int count = batch.numel();
    int[] aOffs = batchOffsets(la.t, batch);
    int[] bOffs = batchOffsets(lb.t, batch);
    int[] cOffs = new int[count];
    for (int i = 0; i < count; i++) cOffs[i] = i * n * m;
    if (count == 0 || n == 0 || m == 0) return out;
    Sgemm.batched(la.trans, lb.trans, n, m, k, 1f, la.t.data, aOffs, la.ld, lb.t.data, bOffs, lb.ld,
        0f, out.data, cOffs, Math.max(m, 1));
    return out;
  }

  /** Storage offset of each matrix of {@code t} when its batch dims are broadcast to {@code batch}. */
  private static int[] batchOffsets(Tensor t, Shape batch) {
    int br = batch.rank();
    int lead = br - (t.rank() - 2);
    int[] st = new int[br];
    for (int i = lead; i < br; i++) st[i] = t.dim(i - lead) == 1 ? 0 : t.strides[i - lead];
    int count = batch.numel();
    int[] offs = new int[count];
    int[] idx = new int[br];
    int off = t.offset;
    for (int c = 0; c < count; c++) {
      offs[c] = off;
      for (int d = br - 1; d >= 0; d--) {
        idx[d]++;
        off += st[d];
        if (idx[d] < batch.dim(d)) break;
        off -= st[d] * batch.dim(d);
        idx[d] = 0;
      }
    }
    return offs;
  }
}
