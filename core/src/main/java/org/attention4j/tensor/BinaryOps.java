package org.attention4j.tensor;

import org.attention4j.kernel.Binary;
import org.attention4j.kernel.Binary.Op;
import org.attention4j.kernel.Parallel;

/**
 * Elementwise binary ops with NumPy broadcasting, comparisons, {@code where}, and the in-place
 * updates used by optimisers. Gradients come back in the broadcast shape; {@link OpNode} sums
 * them down to each input's shape.
 */
final class BinaryOps {
  /** Comparison operators; results are 1 for true and 0 for false. */
  enum Cmp { EQ, NE, LT, LE, GT, GE }

  private BinaryOps() {}

  static Tensor apply(Tensor a, Tensor b, Op op) {
    String name = name(op);
    Tensor out = compute(name, a, b, op);
    return OpNode.record(name, out, (g, needs) -> switch (op) {
      case ADD -> new Tensor[] {g, g};
      case SUB -> new Tensor[] {g, needs[1] ? g.neg() : null};
      case MUL -> new Tensor[] {needs[0] ? g.mul(b) : null, needs[1] ? g.mul(a) : null};
      case DIV -> new Tensor[] {needs[0] ? g.div(b) : null, needs[1] ? g.mul(out).div(b).neg() : null};
      case MAX, MIN -> {
        // Ties split the gradient evenly, as PyTorch's maximum/minimum do.
        Tensor wins = op == Op.MAX ? a.gt(b) : a.lt(b);
        Tensor wa = wins.add(a.eq(b).mul(0.5f));
        yield new Tensor[] {needs[0] ? g.mul(wa) : null, needs[1] ? g.mul(wa.neg().add(1f)) : null};
      }
    }, a, b);
  }

  /** The op's name in errors and on the tape, as in PyTorch ({@code maximum}, not the reduction {@code max}). */
  static String name(Op op) {
    return switch (op) {
      case MAX -> "maximum";
      case MIN -> "minimum";
      default -> op.name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  /** {@code op(a, b)} into a fresh contiguous tensor of the broadcast shape (not recorded). */
  static Tensor compute(String name, Tensor a, Tensor b, Op op) {
    Shape s = Shape.broadcast(name, a.shape, b.shape);
    Tensor out = Tensor.zeros(s.dimsUnsafe());
    if (a.shape.equals(s) && b.shape.equals(s) && a.isContiguous() && b.isContiguous()) {
      int n = s.numel();
      Parallel.forRange(n, UnaryOps.GRAIN, (from, to) ->
          Binary.apply(op, a.data, a.offset + from, 1, b.data, b.offset + from, 1, out.data, from, to - from));
      return out;
    }
    Loop loop = Loop.of(s.dimsUnsafe(), out.strides,
        Movement.broadcastStrides(name, a, s), Movement.broadcastStrides(name, b, s));
    int as = loop.innerStride(1);
    int bs = loop.innerStride(2);
    loop.forEachRow(0, a.offset, b.offset, (oo, ao, bo, n) ->
        Binary.apply(op, a.data, ao, as, b.data, bo, bs, out.data, oo, n));
    return out;
  }

  static Tensor compare(Tensor a, Tensor b, Cmp cmp) {
    String name = cmp.name().toLowerCase(java.util.Locale.ROOT);
    Shape s = Shape.broadcast(name, a.shape, b.shape);
    Tensor out = Tensor.zeros(s.dimsUnsafe());
    Loop loop = Loop.of(s.dimsUnsafe(), out.strides,
        Movement.broadcastStrides(name, a, s), Movement.broadcastStrides(name, b, s));
    int as = loop.innerStride(1);
    int bs = loop.innerStride(2);
    float[] x = a.data;
    float[] y = b.data;
    float[] o = out.data;
    loop.forEachRow(0, a.offset, b.offset, (oo, ao, bo, n) -> {
      for (int i = 0; i < n; i++) {
        float u = x[ao + i * as];
        float v = y[bo + i * bs];
        boolean r = switch (cmp) {
          case EQ -> u == v;
          case NE -> u != v;
          case LT -> u < v;
          case LE -> u <= v;
          case GT -> u > v;
          case GE -> u >= v;
        };
        o[oo + i] = r ? 1f : 0f;
      }
    });
    return out;
  }

  /** {@code cond != 0 ? a : b}, all three broadcast together. */
  static Tensor where(Tensor cond, Tensor a, Tensor b) {
    Shape s = Shape.broadcast("where", Shape.broadcast("where", cond.shape, a.shape), b.shape);
    Tensor out = Tensor.zeros(s.dimsUnsafe());
    Movement.copyInto(b, out);
    Loop loop = Loop.of(s.dimsUnsafe(), out.strides,
        Movement.broadcastStrides("where", cond, s), Movement.broadcastStrides("where", a, s));
    int cs = loop.innerStride(1);
    int as = loop.innerStride(2);
    float[] c = cond.data;
    float[] x = a.data;
    float[] o = out.data;
    loop.forEachRow(0, cond.offset, a.offset, (oo, co, ao, n) -> {
      for (int i = 0; i < n; i++) if (c[co + i * cs] != 0f) o[oo + i] = x[ao + i * as];
    });
    Tensor zero = Tensor.scalar(0f);
    return OpNode.record("where", out, (g, needs) -> new Tensor[] {
        null,
        needs[1] ? where(cond, g, zero) : null,
        needs[2] ? where(cond, zero, g) : null}, cond, a, b);
  }

  /** {@code dst += alpha * src} with {@code src} broadcast to {@code dst}. Not recorded. */
  static void addInPlace(Tensor dst, Tensor src, float alpha) {
    Shape s = dst.shape;
    if (src.shape.equals(s) && src.isContiguous() && dst.isContiguous()) {
      Parallel.forRange(s.numel(), UnaryOps.GRAIN, (from, to) ->
          Binary.axpy(alpha, src.data, src.offset + from, 1, dst.data, dst.offset + from, to - from));
      return;
    }
    Loop loop = Loop.of(s.dimsUnsafe(), dst.strides, Movement.broadcastStrides("addInPlace", src, s));
    int ds = loop.innerStride(0);
    int ss = loop.innerStride(1);
    float[] d = dst.data;
    float[] x = src.data;
    loop.forEachRow(dst.offset, src.offset, 0, (od, os, unused, n) -> {
      if (ds == 1) {
        Binary.axpy(alpha, x, os, ss, d, od, n);
      } else {
        for (int i = 0; i < n; i++) d[od + i * ds] += alpha * x[os + i * ss];
      }
    });
  }

  /** {@code dst *= factor}. Not recorded. */
  static void scaleInPlace(Tensor dst, float factor) {
    if (dst.isContiguous()) {
      Parallel.forRange(dst.numel(), UnaryOps.GRAIN, (from, to) -> Binary.scale(factor, dst.data, dst.offset + from, to - from));
      return;
    }
    Loop loop = Loop.of(dst.shape.dimsUnsafe(), dst.strides);
    int ds = loop.innerStride(0);
    float[] d = dst.data;
    loop.forEachRow(dst.offset, 0, 0, (od, u1, u2, n) -> {
      for (int i = 0; i < n; i++) d[od + i * ds] *= factor;
    });
  }
}
