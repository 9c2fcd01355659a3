package org.attention4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TensorSmokeTest {
  @Test
  void matmul_matchesHandComputed() {
    Tensor a = Tensor.of(new float[][] {{1, 2}, {3, 4}});
    Tensor b = Tensor.of(new float[][] {{5, 6}, {7, 8}});
    assertArrayEquals(new float[] {19, 22, 43, 50}, a.matmul(b).toArray());
    assertArrayEquals(new float[] {17, 23, 39, 53}, a.matmul(b.transpose(0, 1)).toArray());
  }

  @Test
  void backward_ofMlp_matchesFiniteDifferences() {
    var rng = new SplittableRandom(1);
    Tensor x = Tensor.randn(rng, 3, 4);
    Tensor w = Tensor.randn(rng, 4, 5).requiresGrad(true);
    Tensor b = Tensor.randn(rng, 5).requiresGrad(true);
    GradCheck.defaults().check("mlp", in -> in[0].matmul(in[1]).add(in[2]).tanh().softmax(-1), x, w, b);
  }

  @Test
  void softmax_closedForm() {
    // q = [0, sqrt 2], keys = identity: weights [1, e] / (1 + e) after scaling by 1/sqrt(2).
    Tensor q = Tensor.of(new float[] {0f, (float) Math.sqrt(2)});
    Tensor s = q.matmul(Tensor.of(new float[][] {{1, 0}, {0, 1}})).div((float) Math.sqrt(2)).softmax(0);
    double e = Math.E;
    assertEquals(1 / (1 + e), s.get(0), 1e-6);
    assertEquals(e / (1 + e), s.get(1), 1e-6);
  }
}
