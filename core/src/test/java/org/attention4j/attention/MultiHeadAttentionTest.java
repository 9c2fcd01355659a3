package org.attention4j.attention;

import static org.attention4j.testing.TensorAsserts.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.attention4j.autograd.GradMode;
import org.attention4j.tensor.GradCheck;
import org.attention4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class MultiHeadAttentionTest {
  private static MultiHeadAttention layer(int e, int h, long seed) {
    return new MultiHeadAttention(MultiHeadAttention.Config.of(e, h), new SplittableRandom(seed));
  }

  @Test
  void forward_gradientsOfInputs_matchFiniteDifferences() {
    var mha = layer(8, 2, 1);
    var rng = new SplittableRandom(2);
    Tensor q = Tensor.randn(rng, 2, 3, 8).requiresGrad(true);
    Tensor kv = Tensor.randn(rng, 2, 5, 8).requiresGrad(true);
    Mask mask = Mask.keyPadding(5, 3);
    GradCheck.defaults().check("mha inputs",
        in -> mha.forward(in[0], in[1], in[1], mask, Weights.NONE).context(), q, kv);
  }

  @Test
  void forward_gradientsOfWeightsOutput_matchFiniteDifferences() {
    var mha = layer(8, 2, 3);
    Tensor x = Tensor.randn(new SplittableRandom(4), 1, 4, 8).requiresGrad(true);
    GradCheck.defaults().check("mha weights", in -> mha.forward(in[0], Mask.causal(), Weights.PER_HEAD).weights(), x);
  }

  @Test
  void forward_parameterGradients_matchFiniteDifferences() {
    var mha = new MultiHeadAttention(MultiHeadAttention.Config.of(4, 2).withKeyValueDims(3, 5), new SplittableRandom(5));
    var rng = new SplittableRandom(6);
    Tensor q = Tensor.randn(rng, 2, 3, 4);
    Tensor k = Tensor.randn(rng, 2, 4, 3);
    Tensor v = Tensor.randn(rng, 2, 4, 5);
    GradCheck.defaults().checkInPlace("mha parameters",
        () -> mha.forward(q, k, v, Mask.keyPadding(4, 2), Weights.NONE).context(), mha.parameters());
  }

  @Test
  void selfAttention_withLossOnWeights_inputAndParameterGradients_matchFiniteDifferences() {
    var mha = layer(8, 2, 11);
    Tensor x = Tensor.randn(new SplittableRandom(12), 2, 5, 8).requiresGrad(true);
    Mask mask = Mask.causal().and(Mask.keyPadding(5, 4));
    GradCheck.defaults().check("mha self-attention input", in -> mha.forward(in[0], mask, Weights.NONE).context(), x);
    GradCheck.defaults().checkInPlace("mha self-attention parameters", () -> {
      AttentionResult r = mha.forward(x, mask, Weights.PER_HEAD);
      return r.context().sum().add(r.weights().mul(r.weights()).sum());
    }, mha.parameters());
  }

  @Test
  void incrementalDecoding_withKvCache_equalsFullCausalPass() {
    var mha = layer(16, 4, 7);
    Tensor x = Tensor.randn(new SplittableRandom(8), 2, 9, 16);
    try (var _ = GradMode.noGrad()) {
      AttentionResult full = mha.forward(x, Mask.causal(), Weights.PER_HEAD);
      KVCache cache = KVCache.selfAttention();
      List<Tensor> steps = new ArrayList<>();
      for (int t = 0; t < 9; t++) {
        Tensor xt = x.narrow(1, t, 1);
        AttentionResult r = mha.forward(xt, xt, xt, Mask.causal(t), Weights.PER_HEAD, cache);
        steps.add(r.context());
        assertClose(full.weights().narrow(2, t, 1).narrow(3, 0, t + 1), r.weights(), 1e-6, 1e-5, "step " + t + " weights");
      }
      assertEquals(9, cache.length());
      assertClose(full.context(), Tensor.concat(1, steps), 1e-6, 1e-5, "incremental context");
    }
  }

  @Test
  void incrementalDecoding_twoStepsAtATime_equalsFullCausalPass() {
    var mha = layer(8, 2, 9);
    Tensor x = Tensor.randn(new SplittableRandom(10), 1, 6, 8);
    try (var _ = GradMode.noGrad()) {
      Tensor full = mha.forward(x, Mask.causal(), Weights.NONE).context();
      KVCache cache = KVCache.selfAttention();
      List<Tensor> parts = new ArrayList<>();
      for (int t = 0; t < 6; t += 2) {
        Tensor xt = x.narrow(1, t, 2);
        parts.add(mha.forward(xt, xt, xt, Mask.causal(t), Weights.NONE, cache).context());
      }
      assertClose(full, Tensor.concat(1, parts), 1e-6, 1e-5, "two-step context");
    }
  }

  @Test
  void crossAttentionCache_projectsMemoryOnce() {
    var mha = layer(8, 2, 11);
    var rng = new SplittableRandom(12);
    Tensor memory = Tensor.randn(rng, 1, 5, 8);
    Tensor q = Tensor.randn(rng, 1, 3, 8);
    try (var _ = GradMode.noGrad()) {
      Tensor full = mha.forward(q, memory, memory, null, Weights.NONE).context();
      KVCache cache = KVCache.crossAttention();
      List<Tensor> parts = new ArrayList<>();
      for (int t = 0; t < 3; t++) parts.add(mha.forward(q.narrow(1, t, 1), memory, memory, null, Weights.NONE, cache).context());
      assertEquals(5, cache.length());
      assertClose(full, Tensor.concat(1, parts), 1e-6, 1e-5, "cross cache");
    }
  }

  /** Regression: pytorch#41508 gives NaN for a query that may attend to nothing. */
  @Test
  void forward_queryWithNothingToAttend_givesZeroWeightsAndFiniteGradients() {
    var mha = layer(8, 2, 13);
    Tensor x = Tensor.randn(new SplittableRandom(14), 2, 4, 8).requiresGrad(true);
    Mask mask = Mask.keyPadding(4, 0); // batch row 1 has no keys at all
    AttentionResult r = mha.forward(x, mask, Weights.PER_HEAD);
    float[] w1 = r.weights().select(0, 1).toArray();
    for (float v : w1) assertEquals(0f, v);
    r.context().sum().backward();
    for (float g : x.grad().toArray()) assertTrue(Float.isFinite(g), "gradient must be finite");
  }

  @Test
  void forward_averagedWeights_areMeanOfPerHead() {
    var mha = layer(8, 4, 15);
    Tensor x = Tensor.randn(new SplittableRandom(16), 2, 5, 8);
    Tensor perHead = mha.forward(x, null, Weights.PER_HEAD).weights();
    Tensor avg = mha.forward(x, null, Weights.AVERAGED).weights();
    assertEquals(List.of(2, 4, 5, 5), List.of(perHead.dim(0), perHead.dim(1), perHead.dim(2), perHead.dim(3)));
    assertClose(perHead.mean(1), avg, 1e-7, 1e-6, "averaged");
  }

  @Test
  void result_weightsNotRequested_throwsClearError() {
    var mha = layer(8, 2, 17);
    AttentionResult r = mha.forward(Tensor.zeros(1, 2, 8), null, Weights.NONE);
    var e = assertThrows(IllegalStateException.class, r::weights);
    assertEquals("attention weights were not requested; pass Weights.PER_HEAD or Weights.AVERAGED to get them", e.getMessage());
  }

  @Test
  void config_headsNotDividingWidth_isRejected() {
    var e = assertThrows(IllegalArgumentException.class, () -> MultiHeadAttention.Config.of(10, 3));
    assertEquals("MultiHeadAttention: embedDim (10) must be divisible by heads (3)", e.getMessage());
  }

  @Test
  void forward_wrongQueryWidth_isRejected() {
    var mha = layer(8, 2, 19);
    var e = assertThrows(IllegalArgumentException.class, () -> mha.forward(Tensor.zeros(1, 2, 6), null, Weights.NONE));
    assertEquals("MultiHeadAttention: query must be (B, Tq, 8), got [1, 2, 6]", e.getMessage());
  }
}
