package org.attention4j.tensor;

import java.util.ArrayList;
import java.util.List;
import org.attention4j.autograd.GradMode;

/** Joining and splitting: concat, stack, split, chunk. */
final class Joining {
  private Joining() {}

  static Tensor concat(int dim, List<Tensor> parts) {
    if (parts.isEmpty()) throw new IllegalArgumentException("concat: needs at least one tensor");
    Tensor first = parts.get(0);
    int r = first.rank();
    if (r == 0) throw new IllegalArgumentException("concat: scalars cannot be concatenated; use stack");
    int a = Shape.axis(dim, r, "concat: dim", first.shape);
    int total = 0;
    for (int p = 0; p < parts.size(); p++) {
      Tensor t = parts.get(p);
      if (t.rank() != r) {
        throw new IllegalArgumentException("concat: tensor " + p + " has shape " + t.shape + ", tensor 0 has " + first.shape + " (ranks differ)");
      }
      for (int d = 0; d < r; d++) {
        if (d != a && t.dim(d) != first.dim(d)) {
          throw new IllegalArgumentException(
              "concat: tensor " + p + " has shape " + t.shape + ", tensor 0 has " + first.shape + " (dim " + d + " differs)");
        }
      }
      total += t.dim(a);
    }
    int[] outShape = first.shape.toArray();
    outShape[a] = total;
    Tensor out = Tensor.zeros(outShape);
    int[] starts = new int[parts.size()];
    try (var _ = GradMode.noGrad()) {
      int at = 0;
      for (int p = 0; p < parts.size(); p++) {
        starts[p] = at;
        Tensor t = parts.get(p);
        Movement.copyInto(t, out.narrow(a, at, t.dim(a)));
        at += t.dim(a);
      }
    }
    Tensor[] inputs = parts.toArray(new Tensor[0]);
    return OpNode.record("concat", out, (g, needs) -> {
      Tensor[] grads = new Tensor[inputs.length];
      for (int p = 0; p < inputs.length; p++) {
        if (needs[p]) grads[p] = g.narrow(a, starts[p], inputs[p].dim(a));
      }
      return grads;
    }, inputs);
  }

  static Tensor stack(int dim, List<Tensor> parts) {
    if (parts.isEmpty()) throw new IllegalArgumentException("stack: needs at least one tensor");
    Shape s = parts.get(0).shape;
    int a = Shape.axis(dim, s.rank() + 1, "stack: dim", s);
    List<Tensor> expanded = new ArrayList<>(parts.size());
    for (int p = 0; p < parts.size(); p++) {
      Tensor t = parts.get(p);
      if (!t.shape.equals(s)) {
        throw new IllegalArgumentException("stack: tensor " + p + " has shape " + t.shape + ", tensor 0 has " + s);
      }
      expanded.add(t.unsqueeze(a));
    }
    return concat(a, expanded);
  }

  static List<Tensor> split(Tensor x, int size, int dim) {
    if (size <= 0) throw new IllegalArgumentException("split: size must be positive, got " + size);
    int a = Shape.axis(dim, x.rank(), "split: dim", x.shape);
    int n = x.dim(a);
    List<Tensor> out = new ArrayList<>();
    for (int start = 0; start < n; start += size) out.add(x.narrow(a, start, Math.min(size, n - start)));
    if (n == 0) out.add(x);
    return out;
  }

  static List<Tensor> chunk(Tensor x, int chunks, int dim) {
    if (chunks <= 0) throw new IllegalArgumentException("chunk: chunks must be positive, got " + chunks);
    int n = x.dim(Shape.axis(dim, x.rank(), "chunk: dim", x.shape));
    return split(x, Math.max(1, (n + chunks - 1) / chunks), dim);
  }
}
