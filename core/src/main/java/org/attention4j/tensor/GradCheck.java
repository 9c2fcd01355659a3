package org.attention4j.tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.attention4j.autograd.GradMode;

/**
 * Checks gradients computed by {@link Tensor#backward} against central finite differences, as
 * PyTorch's {@code gradcheck} does, for anyone who writes an op or a layer.
 *
 * <p>The output {@code y = f(inputs)} is reduced to a scalar {@code L = sum(y * w)} with fixed
 * random weights {@code w}; the reduction is done in double so that the only float rounding is
 * in {@code f} itself. For each element {@code x_i} of each input that requires grad,
 * {@code dL/dx_i ~ (L(x_i + h) - L(x_i - h)) / 2h} must match the backward result within
 * {@code atol + rtol * max(|numeric|, |analytic|)}.
 *
 * <p>Inputs must keep away from kinks (relu at 0, ties in max) by more than {@code h}.
 */
public final class GradCheck {
  private final double h;
  private final double atol;
  private final double rtol;
  private final long seed;

  private GradCheck(double h, double atol, double rtol, long seed) {
    this.h = h;
    this.atol = atol;
    this.rtol = rtol;
    this.seed = seed;
  }

  /** Defaults suited to float32: {@code h = 1e-2, atol = 1e-3, rtol = 1e-2}. */
  public static GradCheck defaults() {
    return new GradCheck(1e-2, 1e-3, 1e-2, 42);
  }

  /** A checker with another step size. */
  public GradCheck step(double step) {
    return new GradCheck(step, atol, rtol, seed);
  }

  /** A checker with other tolerances. */
  public GradCheck tolerances(double absolute, double relative) {
    return new GradCheck(h, absolute, relative, seed);
  }

  /** One element whose analytic and numeric gradients disagree. */
  public record Mismatch(int input, int element, double analytic, double numeric) {}

  /**
   * Compares analytic and numeric gradients of {@code f} with respect to every input that has
   * {@code requiresGrad()}; returns the mismatches (empty when all agree).
   */
  public List<Mismatch> compare(Function<Tensor[], Tensor> f, Tensor... inputs) {
    Tensor[] leaves = new Tensor[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      leaves[i] = inputs[i].contiguousCopy().requiresGrad(inputs[i].requiresGrad());
    }
    Tensor y = f.apply(leaves);
    float[] w = weights(y.numel());
    if (!y.requiresGrad()) {
      throw new IllegalArgumentException("gradcheck: the function's output does not require grad; mark an input with requiresGrad(true)");
    }
    y.backward(Tensor.wrap(w.clone(), y.shape));
    List<Mismatch> bad = new ArrayList<>();
    for (int i = 0; i < leaves.length; i++) {
      Tensor x = leaves[i];
      if (!x.requiresGrad()) continue;
      Tensor analytic = x.grad() == null ? Tensor.zeros(x.shape.dimsUnsafe()) : x.grad().contiguous();
      for (int e = 0; e < x.numel(); e++) {
        float saved = x.data[e];
        double plus;
        double minus;
        try (var _ = GradMode.noGrad()) {
          x.data[e] = (float) (saved + h);
          plus = weighted(f.apply(leaves), w);
          x.data[e] = (float) (saved - h);
          minus = weighted(f.apply(leaves), w);
        } finally {
          x.data[e] = saved;
        }
        double stepUp = (float) (saved + h) - (double) saved;
        double stepDown = (double) saved - (float) (saved - h);
        double numeric = (plus - minus) / (stepUp + stepDown);
        double a = analytic.data[analytic.offset + e];
        if (!(Math.abs(a - numeric) <= atol + rtol * Math.max(Math.abs(a), Math.abs(numeric)))) {
          bad.add(new Mismatch(i, e, a, numeric));
        }
      }
    }
    return bad;
  }

  /**
   * Compares gradients with respect to tensors that {@code f} reads itself, such as a module's
   * parameters: each is perturbed in place (and restored). The tensors must be contiguous leaves
   * that require grad; their {@code grad} is overwritten.
   */
  public List<Mismatch> compareInPlace(java.util.function.Supplier<Tensor> f, List<Tensor> params) {
    for (Tensor p : params) {
      if (!p.isLeaf() || !p.requiresGrad() || !p.isContiguous()) {
        throw new IllegalArgumentException("gradcheck: in-place checks need contiguous leaves that require grad, got " + p.shape());
      }
      p.zeroGrad();
    }
    Tensor y = f.get();
    float[] w = weights(y.numel());
    y.backward(Tensor.wrap(w.clone(), y.shape));
    List<Mismatch> bad = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      Tensor p = params.get(i);
      Tensor analytic = p.grad() == null ? Tensor.zeros(p.shape.dimsUnsafe()) : p.grad().contiguous();
      for (int e = 0; e < p.numel(); e++) {
        int at = p.offset + e;
        float saved = p.data[at];
        double plus;
        double minus;
        try (var _ = GradMode.noGrad()) {
          p.data[at] = (float) (saved + h);
          plus = weighted(f.get(), w);
          p.data[at] = (float) (saved - h);
          minus = weighted(f.get(), w);
        } finally {
          p.data[at] = saved;
        }
        double numeric = (plus - minus) / (((float) (saved + h) - (double) saved) + ((double) saved - (float) (saved - h)));
        double a = analytic.data[analytic.offset + e];
        if (!(Math.abs(a - numeric) <= atol + rtol * Math.max(Math.abs(a), Math.abs(numeric)))) {
          bad.add(new Mismatch(i, e, a, numeric));
        }
      }
      p.zeroGrad();
    }
    return bad;
  }

  /**
   * Like {@link #compareInPlace} but throws with a readable report.
   *
   * @throws AssertionError if any gradient element disagrees
   */
  public void checkInPlace(String name, java.util.function.Supplier<Tensor> f, List<Tensor> params) {
    report(name, compareInPlace(f, params));
  }

  /**
   * Like {@link #compare} but throws with a readable report of the first mismatches.
   *
   * @throws AssertionError if any gradient element disagrees
   */
  public void check(String name, Function<Tensor[], Tensor> f, Tensor... inputs) {
    report(name, compare(f, inputs));
  }

  private static void report(String name, List<Mismatch> bad) {
    if (bad.isEmpty()) return;
    StringBuilder sb = new StringBuilder("gradcheck failed for " + name + ": " + bad.size() + " element(s) differ");
    for (Mismatch m : bad.subList(0, Math.min(8, bad.size()))) {
      sb.append(String.format(java.util.Locale.ROOT, "%n  input %d element %d: analytic %.6g, numeric %.6g",
          m.input(), m.element(), m.analytic(), m.numeric()));
    }
    throw new AssertionError(sb.toString());
  }

  private float[] weights(int n) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] w = new float[n];
    for (int i = 0; i < n; i++) w[i] = (float) (rng.nextDouble() * 2 - 1);
    return w;
  }

  private static double weighted(Tensor y, float[] w) {
    float[] v = y.toArray();
    double s = 0;
    for (int i = 0; i < v.length; i++) s += (double) v[i] * w[i];
    return s;
  }
}
