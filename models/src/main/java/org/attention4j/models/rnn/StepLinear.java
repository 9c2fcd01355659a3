package org.attention4j.models.rnn;

import java.util.ArrayList;
import java.util.List;
import org.attention4j.autograd.GradMode;
import org.attention4j.tensor.Functions;
import org.attention4j.tensor.Tensor;

/**
 * {@code y_t = x_t W^T + b} applied at every step of a decoder loop, with the weight gradient
 * computed <em>once</em> per backward pass: {@code dW = G^T X} over the stacked step gradients
 * {@code G} and inputs {@code X} (one GEMM with {@code K = steps * N}), {@code db = sum_rows G}.
 *
 * <p>Recorded per step, as a plain {@code matmul} would be, each step's backward would compute a
 * weight-sized {@code g_t^T x_t} with {@code K = N} and add it into the weight's gradient: for
 * {@code T} steps, {@code T} weight-sized allocations and accumulations, and {@code T} GEMMs too
 * thin to run well. Here each step's backward computes only {@code dx = g W} and keeps
 * {@code (x_t, g_t)}; a proxy node, which every step op takes as an input, runs after all of them
 * (the tape is in topological order: a node's backward runs after all its consumers') and turns
 * the collected pairs into {@code dW} and {@code db}.
 *
 * <p>The proxy is a one-element tensor: the first step op to run backward sends it a zero
 * gradient so that its backward runs at all; its value and gradient are never read. Without a
 * recording (no-grad mode, frozen weights) {@link #apply} is the plain product. Values are the
 * same either way. One instance serves one forward pass (or one decoding step).
 */
final class StepLinear {
  private final Tensor weight;
  private final Tensor bias;
  private final Tensor w;
  private final Tensor b;
  private final Tensor proxy;
  private final List<Tensor> inputs = new ArrayList<>();
  private final List<Tensor> grads = new ArrayList<>();
  private boolean armed;

  /**
   * @param weight {@code (out, in)}, a parameter or a view of one
   * @param bias {@code (out)} or {@code null}
   */
  StepLinear(Tensor weight, Tensor bias) {
    this.weight = weight;
    this.bias = bias;
    this.w = weight.detach();
    this.b = bias == null ? null : bias.detach();
    this.proxy = Functions.willRecord(weight, bias)
        ? Functions.record("step_linear_weights", Tensor.zeros(1), this::weightGrads, weight, bias)
        : null;
  }

  /** {@code (N, in) -> (N, out)}. */
  Tensor apply(Tensor x) {
    if (proxy == null) return RnnStack.linear(x, weight, bias);
    Tensor y;
    Tensor saved = x.detach();
    try (var _ = GradMode.noGrad()) {
      y = RnnStack.linear(saved, w, b);
    }
    return Functions.record("step_linear", y, (g, needs) -> {
      inputs.add(saved);
      grads.add(g);
      Tensor gp = null;
      if (!armed) {
        armed = true;
        gp = Tensor.zeros(1);
      }
      return new Tensor[] {needs[0] ? g.matmul(w) : null, gp}; // (N, out) @ (out, in) -> (N, in)
    }, x, proxy);
  }

  private Tensor[] weightGrads(Tensor ignored, boolean[] needs) {
    Tensor x = Tensor.concat(0, inputs); // steps x (N, in) -> (steps * N, in)
    Tensor g = Tensor.concat(0, grads); // steps x (N, out) -> (steps * N, out)
    inputs.clear();
    grads.clear();
    armed = false;
    Tensor dw = needs[0] ? g.transpose(0, 1).matmul(x) : null; // (out, steps * N) @ (steps * N, in)
    Tensor db = needs[1] ? g.sum(0) : null;
    return new Tensor[] {dw, db};
  }
}
