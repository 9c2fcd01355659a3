package org.attention4j.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import org.attention4j.autograd.GradMode;
import org.attention4j.nn.Module;
import org.attention4j.tensor.GradCheck;
import org.attention4j.tensor.Tensor;

/** Inputs, gradient checks and assertions shared by the attention tests. */
final class AttentionTesting {
  private static final double STEP = 1e-2;
  private static final double ATOL = 1e-3;
  private static final double RTOL = 1e-2;

  private AttentionTesting() {}

  static Tensor randn(long seed, int... shape) {
    return Tensor.randn(new SplittableRandom(seed), shape);
  }

  static Tensor uniform(long seed, float lo, float hi, int... shape) {
    return Tensor.uniform(new SplittableRandom(seed), lo, hi, shape);
  }

  static Tensor leaf(Tensor t) {
    return t.requiresGrad(true);
  }

  /** Central differences against backward for every input with requiresGrad. */
  static void gradcheck(String name, Function<Tensor[], Tensor> f, Tensor... inputs) {
    GradCheck.defaults().check(name, f, inputs);
  }

  /**
   * Central differences against backward for every parameter of {@code module}: perturbs each
   * parameter element in place (grad mode off) and compares {@code d sum(f() * w) / dp}.
   */
  static void gradcheckParameters(String name, Module module, Supplier<Tensor> f) {
    module.zeroGrad();
    Tensor y = f.get();
    float[] w = uniform(99, -1f, 1f, y.shape().toArray()).toArray();
    y.backward(Tensor.wrap(w.clone(), y.shape().toArray()));
    List<String> bad = new ArrayList<>();
    for (Map.Entry<String, Tensor> e : module.namedParameters().entrySet()) {
      Tensor p = e.getValue();
      assertTrue(p.isContiguous(), name + ": parameter " + e.getKey() + " is not contiguous");
      float[] analytic = p.grad() == null ? new float[p.numel()] : p.grad().toArray();
      float[] data = p.storage();
      int off = p.storageOffset();
      for (int i = 0; i < p.numel(); i++) {
        float saved = data[off + i];
        double plus;
        double minus;
        try (var _ = GradMode.noGrad()) {
          data[off + i] = (float) (saved + STEP);
          plus = weighted(f.get(), w);
          data[off + i] = (float) (saved - STEP);
          minus = weighted(f.get(), w);
        } finally {
          data[off + i] = saved;
        }
        double step = ((float) (saved + STEP) - (double) saved) + ((double) saved - (float) (saved - STEP));
        double numeric = (plus - minus) / step;
        double a = analytic[i];
        if (!(Math.abs(a - numeric) <= ATOL + RTOL * Math.max(Math.abs(a), Math.abs(numeric)))) {
          bad.add(String.format(Locale.ROOT, "%s[%d]: analytic %.6g, numeric %.6g", e.getKey(), i, a, numeric));
        }
      }
    }
    module.zeroGrad();
    if (!bad.isEmpty()) fail("parameter gradcheck failed for " + name + ": " + bad.subList(0, Math.min(8, bad.size())));
  }

  private static double weighted(Tensor y, float[] w) {
    float[] v = y.toArray();
    double s = 0;
    for (int i = 0; i < v.length; i++) s += (double) v[i] * w[i];
    return s;
  }

  static void assertValues(float[] expected, Tensor actual, double tolerance) {
    float[] got = actual.toArray();
    assertEquals(expected.length, got.length, "element count");
    for (int i = 0; i < got.length; i++) {
      assertEquals(expected[i], got[i], tolerance, "element " + i + " of " + actual);
    }
  }

  static void assertAllFinite(Tensor t, String what) {
    for (float v : t.toArray()) assertTrue(Float.isFinite(v), what + " has a non-finite value: " + t);
  }

  /** Asserts that the elements of {@code t} at batch row {@code b} (dim 0) are exactly zero. */
  static void assertZeroBatchRow(Tensor t, int b, String what) {
    float[] row = t.select(0, b).toArray();
    for (float v : row) assertEquals(0f, v, 0f, what + " of batch row " + b + " is not zero: " + t);
  }
}
