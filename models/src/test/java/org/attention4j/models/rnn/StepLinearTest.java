package org.attention4j.models.rnn;

import static org.attention4j.testing.TensorAsserts.assertClose;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.SplittableRandom;
import org.attention4j.autograd.GradMode;
import org.attention4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The deferred weight gradient of {@link StepLinear} equals that of per-step matmuls. */
class StepLinearTest {
  private static final int STEPS = 5;

  /** A recurrence {@code x_(t+1) = tanh(x_t W^T + b)}; the loss weighs every step but {@code skip}. */
  private static Tensor run(Tensor w, Tensor b, Tensor x0, boolean deferred, int skip) {
    StepLinear layer = new StepLinear(w, b);
    SplittableRandom rng = new SplittableRandom(4);
    Tensor x = x0;
    Tensor loss = Tensor.scalar(0f);
    for (int t = 0; t < STEPS; t++) {
      Tensor y = deferred ? layer.apply(x) : RnnStack.linear(x, w, b);
      Tensor side = deferred ? layer.apply(x.mul(0.5f)) : RnnStack.linear(x.mul(0.5f), w, b); // a second use per step
      x = y.tanh();
      if (t != skip) loss = loss.add(x.mul(Tensor.randn(rng, x.dim(0), x.dim(1))).sum()).add(side.sum().mul(0.1f));
    }
    return loss;
  }

  private static Tensor[] leaves() {
    SplittableRandom rng = new SplittableRandom(1);
    return new Tensor[] {Tensor.randn(rng, 3, 3).mul(0.5f).requiresGrad(true), Tensor.randn(rng, 3).requiresGrad(true),
        Tensor.randn(rng, 2, 3).requiresGrad(true)};
  }

  private static void assertSameGradients(int skip, boolean twice) {
    Tensor[] plain = leaves();
    Tensor[] deferred = leaves();
    Tensor wide = Tensor.randn(new SplittableRandom(2), 3, 5).requiresGrad(true); // a column block of a wider weight, as the decoders use
    Tensor block = wide.narrow(1, 1, 3);
    try (var _ = GradMode.noGrad()) {
      block.copyFrom(deferred[0]);
    }
    Tensor a = run(plain[0], plain[1], plain[2], false, skip);
    Tensor d = run(block, deferred[1], deferred[2], true, skip);
    assertClose(a, d, 1e-6, 1e-6, "loss");
    a.backward(Tensor.scalar(1f), twice);
    d.backward(Tensor.scalar(1f), twice);
    if (twice) {
      a.backward();
      d.backward();
    }
    assertClose(plain[0].grad(), wide.grad().narrow(1, 1, 3), 1e-5, 1e-5, "dW");
    assertClose(Tensor.zeros(3, 1), wide.grad().narrow(1, 0, 1), 0, 0, "dW outside the block");
    assertClose(plain[1].grad(), deferred[1].grad(), 1e-5, 1e-5, "db");
    assertClose(plain[2].grad(), deferred[2].grad(), 1e-5, 1e-5, "dx0");
  }

  @Test
  void backward_recurrence_matchesPerStepMatmuls() {
    assertSameGradients(-1, false);
  }

  @Test
  void backward_lastStepUnused_matchesPerStepMatmuls() {
    assertSameGradients(STEPS - 1, false);
  }

  @Test
  void backward_twiceWithRetainedGraph_accumulatesLikePerStepMatmuls() {
    assertSameGradients(-1, true);
  }

  @Test
  void apply_inNoGradMode_isThePlainProductAndRecordsNothing() {
    Tensor[] p = leaves();
    try (var _ = GradMode.noGrad()) {
      Tensor y = new StepLinear(p[0], p[1]).apply(p[2]);
      assertFalse(y.requiresGrad());
      assertNull(y.gradFnName());
      assertClose(RnnStack.linear(p[2], p[0], p[1]), y, 0, 0, "value");
    }
  }
}
