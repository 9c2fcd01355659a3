package org.attention4j.tensor;

import org.attention4j.kernel.Parallel;
import org.attention4j.kernel.Unary;
import org.attention4j.kernel.Unary.Op;
import org.attention4j.kernel.Vectors;

/** Elementwise unary ops ({@code y = f(x)}) and their backward ({@code dx = dy * f'(x)}). */
final class UnaryOps {
  /** Elements per parallel task; below this a loop runs on the calling thread. */
  static final int GRAIN = 1 << 15;

  private UnaryOps() {}

  static Tensor apply(Tensor x, Op op, float p) {
    Tensor in = x.isContiguous() ? x : x.contiguousCopy();
    int n = in.numel();
    Tensor out = Tensor.zeros(x.shape.dimsUnsafe());
    float[] src = in.data;
    int so = in.offset;
    float[] dst = out.data;
    forAligned(n, (from, to) -> Unary.forward(op, p, src, so + from, dst, from, to - from));
    return OpNode.record(name(op), out, (g, needs) -> {
      Tensor gc = g.contiguous();
      Tensor dx = Tensor.zeros(in.shape.dimsUnsafe());
      forAligned(n, (from, to) ->
          Unary.backward(op, p, src, so + from, dst, from, gc.data, gc.offset + from, dx.data, from, to - from));
      return new Tensor[] {dx};
    }, x);
  }

  /**
   * {@link Parallel#forRange} over {@code [0, n)} with every chunk starting at a multiple of the
   * lane count. The vector body and the scalar tail of a transcendental differ in the last bits,
   * so a chunk boundary inside a vector would make the result depend on the thread count.
   */
  static void forAligned(int n, Parallel.RangeBody body) {
    int lanes = Vectors.LANES;
    int blocks = (n + lanes - 1) / lanes;
    Parallel.forRange(blocks, Math.max(1, GRAIN / lanes), (from, to) -> body.run(from * lanes, Math.min(to * lanes, n)));
  }

  static Tensor clamp(Tensor x, float min, float max) {
    if (min > max) throw new IllegalArgumentException("clamp: min " + min + " > max " + max);
    Tensor in = x.isContiguous() ? x : x.contiguousCopy();
    int n = in.numel();
    Tensor out = Tensor.zeros(x.shape.dimsUnsafe());
    for (int i = 0; i < n; i++) out.data[i] = Math.min(Math.max(in.data[in.offset + i], min), max);
    return OpNode.record("clamp", out, (g, needs) -> {
      Tensor gc = g.contiguous();
      Tensor dx = Tensor.zeros(in.shape.dimsUnsafe());
      for (int i = 0; i < n; i++) {
        float v = in.data[in.offset + i];
        dx.data[i] = v >= min && v <= max ? gc.data[gc.offset + i] : 0f;
      }
      return new Tensor[] {dx};
    }, x);
  }

  private static String name(Op op) {
    return switch (op) {
      case ADD_SCALAR -> "add_scalar";
      case MUL_SCALAR -> "mul_scalar";
      case DIV_SCALAR -> "div_scalar";
      case GELU_TANH -> "gelu_tanh";
      default -> op.name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
