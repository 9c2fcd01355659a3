package org.attention4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.attention4j.tensor.Tensor;
import org.junit.jupiter.api.function.Executable;

/** Helpers shared by the optimiser tests. */
final class OptimTesting {
  private OptimTesting() {}

  /** A parameter (a leaf that requires grad) holding a copy of {@code values} with the given shape. */
  static Tensor param(float[] values, int... shape) {
    return Tensor.of(values, shape).requiresGrad(true);
  }

  /** Replaces the gradient of {@code p} with a copy of {@code g}. */
  static void setGrad(Tensor p, Tensor g) {
    p.zeroGrad();
    p.backward(g);
  }

  static void setGrad(Tensor p, float... g) {
    setGrad(p, Tensor.of(g, p.shape().toArray()));
  }

  /** An ordered map from alternating names and tensors. */
  static Map<String, Tensor> named(Object... nameThenTensor) {
    Map<String, Tensor> m = new LinkedHashMap<>();
    for (int i = 0; i < nameThenTensor.length; i += 2) m.put((String) nameThenTensor[i], (Tensor) nameThenTensor[i + 1]);
    return m;
  }

  /** Asserts that {@code body} throws an IllegalArgumentException with exactly {@code message}. */
  static void assertIae(String message, Executable body) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, body).getMessage());
  }
}
