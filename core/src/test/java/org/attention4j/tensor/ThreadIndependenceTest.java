package org.attention4j.tensor;

import static org.attention4j.tensor.TestTensors.randn;
import static org.attention4j.testing.TensorAsserts.assertBitwise;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.attention4j.kernel.Parallel;
import org.junit.jupiter.api.Test;

/**
 * Same inputs, same bits, whatever the thread count: every parallel op split over 1, 2 and 3
 * workers gives identical results, forward and backward.
 */
class ThreadIndependenceTest {
  /** Not a multiple of any lane count, and large enough to be split into several chunks. */
  private static final int N = 70_001;

  /** Runs {@code f} with 1, 2 and 3 threads and asserts every returned array is bitwise equal. */
  private static void assertSameBits(String what, Supplier<List<float[]>> f) {
    int saved = Parallel.threads();
    int[] counts = {1, 2, 3};
    try {
      List<List<float[]>> results = new ArrayList<>();
      for (int t : counts) {
        Parallel.setThreads(t);
        results.add(f.get());
      }
      for (int i = 1; i < counts.length; i++) {
        for (int k = 0; k < results.get(0).size(); k++) {
          assertBitwise(results.get(0).get(k), results.get(i).get(k), what + " result " + k + ", " + counts[i] + " threads vs 1");
        }
      }
    } finally {
      Parallel.setThreads(saved);
    }
  }

  /**
   * Regression: the Vector API's own EXP/TANH/LOG give different last bits before and after the
   * JIT compiles a kernel (a Java fallback vs a native library), so the same softmax changed
   * after a few thousand calls and seeded runs drifted. Kernels now use {@code VMath}, built
   * from exactly rounded operations only.
   */
  @Test
  void transcendentals_sameBitsBeforeAndAfterJitCompilation() {
    Tensor x = randn(11, 3, 67);
    List<java.util.function.UnaryOperator<Tensor>> ops = List.of(Tensor::exp, Tensor::tanh, Tensor::sigmoid,
        Tensor::gelu, Tensor::geluTanh, t -> t.abs().add(0.1f).log(), t -> t.softmax(-1), t -> t.logSoftmax(-1));
    for (int k = 0; k < ops.size(); k++) {
      var op = ops.get(k);
      List<float[]> first = forwardBackward(x, op);
      for (int i = 0; i < 3000; i++) {
        List<float[]> next = forwardBackward(x, op);
        if (!sameBits(first, next)) {
          throw new AssertionError("op " + k + " changed its result after " + i + " calls (JIT tier dependence)");
        }
      }
    }
  }

  private static boolean sameBits(List<float[]> a, List<float[]> b) {
    for (int i = 0; i < a.size(); i++) {
      float[] x = a.get(i);
      float[] y = b.get(i);
      for (int j = 0; j < x.length; j++) if (Float.floatToIntBits(x[j]) != Float.floatToIntBits(y[j])) return false;
    }
    return true;
  }

  /** The output of {@code op} and the gradient of its input, for a random upstream gradient. */
  private static List<float[]> forwardBackward(Tensor input, java.util.function.UnaryOperator<Tensor> op) {
    Tensor x = input.detach().requiresGrad(true);
    Tensor y = op.apply(x);
    y.backward(randn(99, y.shape().toArray()));
    List<float[]> out = new ArrayList<>();
    out.add(y.toArray());
    out.add(x.grad().toArray());
    return out;
  }

  @Test
  void unaryOps_largeInput_sameBitsForAnyThreadCount() {
    // Regression: chunk boundaries that were not multiples of the lane count sent different
    // elements through the scalar tail (Math.exp in double) instead of the vector body (SVML).
    Tensor x = randn(1, N);
    Tensor pos = x.abs().add(0.1f);
    assertSameBits("exp", () -> forwardBackward(x, Tensor::exp));
    assertSameBits("tanh", () -> forwardBackward(x, Tensor::tanh));
    assertSameBits("sigmoid", () -> forwardBackward(x, Tensor::sigmoid));
    assertSameBits("gelu", () -> forwardBackward(x, Tensor::gelu));
    assertSameBits("geluTanh", () -> forwardBackward(x, Tensor::geluTanh));
    assertSameBits("log", () -> forwardBackward(pos, Tensor::log));
    assertSameBits("rsqrt", () -> forwardBackward(pos, Tensor::rsqrt));
    assertSameBits("pow", () -> forwardBackward(pos, t -> t.pow(1.7f)));
  }

  @Test
  void binaryOps_largeInput_sameBitsForAnyThreadCount() {
    Tensor a = randn(2, 3, N);
    Tensor b = randn(3, 3, N).abs().add(0.5f);
    Tensor row = randn(4, N);
    assertSameBits("div", () -> {
      Tensor x = a.detach().requiresGrad(true);
      Tensor y = b.detach().requiresGrad(true);
      Tensor z = x.div(y);
      z.backward(randn(5, 3, N));
      return List.of(z.toArray(), x.grad().toArray(), y.grad().toArray());
    });
    assertSameBits("broadcast mul", () -> {
      Tensor x = a.detach().requiresGrad(true);
      Tensor y = row.detach().requiresGrad(true);
      Tensor z = x.mul(y);
      z.backward(randn(6, 3, N));
      return List.of(z.toArray(), x.grad().toArray(), y.grad().toArray());
    });
  }

  @Test
  void reductionsAndRows_largeInput_sameBitsForAnyThreadCount() {
    Tensor x = randn(7, 100, 1001);
    assertSameBits("softmax", () -> forwardBackward(x, t -> t.softmax(-1)));
    assertSameBits("logSoftmax", () -> forwardBackward(x, t -> t.logSoftmax(-1)));
    assertSameBits("softmax inner", () -> forwardBackward(x, t -> t.softmax(0)));
    assertSameBits("sum last", () -> forwardBackward(x, t -> t.sum(-1)));
    assertSameBits("sum leading", () -> forwardBackward(x, t -> t.sum(0)));
    assertSameBits("sum all", () -> forwardBackward(x, t -> t.sum().reshape(1)));
    assertSameBits("logsumexp", () -> forwardBackward(x, t -> t.logsumexp(1, false)));
    assertSameBits("var", () -> forwardBackward(x, t -> t.var(0, false)));
    assertSameBits("max", () -> forwardBackward(x, t -> t.max(1, false)));
    assertSameBits("layerNorm", () -> {
      Tensor in = x.detach().requiresGrad(true);
      Tensor w = Tensor.ones(1001).requiresGrad(true);
      Tensor b = Tensor.zeros(1001).requiresGrad(true);
      Tensor y = in.layerNorm(w, b, 1e-5f);
      y.backward(randn(8, 100, 1001));
      return List.of(y.toArray(), in.grad().toArray(), w.grad().toArray(), b.grad().toArray());
    });
    IntTensor target = TestTensors.ints(9, 0, 1001, 100);
    assertSameBits("crossEntropy", () -> forwardBackward(x, t -> t.crossEntropy(target).reshape(1)));
  }

  @Test
  void matmul_largeInput_sameBitsForAnyThreadCount() {
    Tensor a = randn(10, 4, 67, 129);
    Tensor b = randn(11, 129, 131);
    assertSameBits("matmul folded", () -> {
      Tensor x = a.detach().requiresGrad(true);
      Tensor y = b.detach().requiresGrad(true);
      Tensor z = x.matmul(y);
      z.backward(randn(12, 4, 67, 131));
      return List.of(z.toArray(), x.grad().toArray(), y.grad().toArray());
    });
  }
}
