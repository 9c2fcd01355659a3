package org.attention4j.attention;

import static org.attention4j.testing.TensorAsserts.assertClose;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.attention4j.io.SafetensorsFile;
import org.attention4j.tensor.Tensor;
import org.attention4j.testing.Fixtures;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Parity with PyTorch's {@code nn.MultiheadAttention} (batch-first; padding and causal masks,
 * kdim/vdim, per-head and averaged weights) and {@code scaled_dot_product_attention}, on the
 * golden files in {@code fixtures/attention} ({@code scripts/reference/fx_attention.py}).
 */
class AttentionFixtureTest {
  private static final double ATOL = 1e-5;
  private static final double RTOL = 1e-4;

  @TestFactory
  Stream<DynamicTest> fixtures_everyAttentionFile_matchesPyTorch() {
    return Fixtures.each("attention", f -> {
      switch (f.metadata().get("op")) {
        case "MultiheadAttention" -> checkMha(f);
        case "sdpa" -> checkSdpa(f);
        default -> throw new AssertionError(f.path() + ": unknown op " + f.metadata().get("op"));
      }
    });
  }

  private static void checkMha(SafetensorsFile f) throws Exception {
    Map<String, String> m = f.metadata();
    int e = Integer.parseInt(m.get("embed_dim"));
    var config = new MultiHeadAttention.Config(e, Integer.parseInt(m.get("num_heads")), Integer.parseInt(m.get("kdim")),
        Integer.parseInt(m.get("vdim")), Boolean.parseBoolean(m.get("bias")), 0);
    var mha = new MultiHeadAttention(config, new SplittableRandom(0));
    mha.loadStateDict(fromTorch(f, e), true);

    Tensor q = f.tensor("in.query").requiresGrad(true);
    Tensor k = f.tensor("in.key").requiresGrad(true);
    Tensor v = f.tensor("in.value").requiresGrad(true);
    Mask mask = Mask.none();
    if (f.contains("in.lengths")) mask = mask.and(Mask.keyPadding(f.intTensor("in.lengths").toArray()));
    if (Boolean.parseBoolean(m.get("causal"))) mask = mask.and(Mask.causal());
    Weights w = !Boolean.parseBoolean(m.get("need_weights")) ? Weights.NONE
        : Boolean.parseBoolean(m.get("average_attn_weights")) ? Weights.AVERAGED : Weights.PER_HEAD;

    AttentionResult r = mha.forward(q, k, v, mask, w);
    String file = f.path().getFileName().toString();
    assertClose(f.tensor("out.context"), r.context(), ATOL, RTOL, file + " context");
    Tensor loss = r.context().mul(f.tensor("grad_out.context")).sum();
    if (w != Weights.NONE) {
      assertClose(f.tensor("out.weights"), r.weights(), ATOL, RTOL, file + " weights");
      loss = loss.add(r.weights().mul(f.tensor("grad_out.weights")).sum());
    }
    loss.backward();
    assertClose(f.tensor("grad.query"), q.grad(), ATOL, RTOL, file + " grad query");
    assertClose(f.tensor("grad.key"), k.grad(), ATOL, RTOL, file + " grad key");
    assertClose(f.tensor("grad.value"), v.grad(), ATOL, RTOL, file + " grad value");
    Map<String, Tensor> ours = mha.namedParameters();
    Map<String, Tensor> grads = new HashMap<>();
    for (var entry : ours.entrySet()) grads.put(entry.getKey(), entry.getValue().grad());
    for (var entry : toTorchNames(grads, e).entrySet()) {
      assertClose(f.tensor("grad." + entry.getKey()), entry.getValue(), ATOL, RTOL, file + " grad " + entry.getKey());
    }
  }

  /** PyTorch parameter names (packed or separate projections) to ours. */
  private static Map<String, Tensor> fromTorch(SafetensorsFile f, int e) throws Exception {
    Map<String, Tensor> s = new LinkedHashMap<>();
    if (f.contains("in.in_proj_weight")) {
      Tensor packed = f.tensor("in.in_proj_weight");
      s.put("wq.weight", packed.narrow(0, 0, e));
      s.put("wk.weight", packed.narrow(0, e, e));
      s.put("wv.weight", packed.narrow(0, 2 * e, e));
    } else {
      s.put("wq.weight", f.tensor("in.q_proj_weight"));
      s.put("wk.weight", f.tensor("in.k_proj_weight"));
      s.put("wv.weight", f.tensor("in.v_proj_weight"));
    }
    if (f.contains("in.in_proj_bias")) {
      Tensor b = f.tensor("in.in_proj_bias");
      s.put("wq.bias", b.narrow(0, 0, e));
      s.put("wk.bias", b.narrow(0, e, e));
      s.put("wv.bias", b.narrow(0, 2 * e, e));
      s.put("wo.bias", f.tensor("in.out_proj.bias"));
    }
    s.put("wo.weight", f.tensor("in.out_proj.weight"));
    return s;
  }

  /** Our gradients under PyTorch's names (packed when the file packs them). */
  private static Map<String, Tensor> toTorchNames(Map<String, Tensor> g, int e) {
    Map<String, Tensor> t = new LinkedHashMap<>();
    boolean packed = g.get("wk.weight").dim(1) == e && g.get("wv.weight").dim(1) == e;
    if (packed) {
      t.put("in_proj_weight", Tensor.concat(0, g.get("wq.weight"), g.get("wk.weight"), g.get("wv.weight")));
    } else {
      t.put("q_proj_weight", g.get("wq.weight"));
      t.put("k_proj_weight", g.get("wk.weight"));
      t.put("v_proj_weight", g.get("wv.weight"));
    }
    if (g.containsKey("wq.bias")) {
      t.put("in_proj_bias", Tensor.concat(0, g.get("wq.bias"), g.get("wk.bias"), g.get("wv.bias")));
      t.put("out_proj.bias", g.get("wo.bias"));
    }
    t.put("out_proj.weight", g.get("wo.weight"));
    return t;
  }

  private static void checkSdpa(SafetensorsFile f) throws Exception {
    Map<String, String> m = f.metadata();
    Tensor q = f.tensor("in.q").requiresGrad(true);
    Tensor k = f.tensor("in.k").requiresGrad(true);
    Tensor v = f.tensor("in.v").requiresGrad(true);
    Mask mask = Boolean.parseBoolean(m.get("causal")) ? Mask.causal() : Mask.none();
    if (f.contains("in.allowed")) mask = mask.and(Mask.of(f.tensor("in.allowed")));
    float scale = "default".equals(m.get("scale")) ? Float.NaN : Float.parseFloat(m.get("scale"));
    var options = ScaledDotProductAttention.Options.defaults().withScale(scale);
    AttentionResult r = ScaledDotProductAttention.attend(q, k, v, mask, options);
    String file = f.path().getFileName().toString();
    assertClose(f.tensor("out"), r.context(), ATOL, RTOL, file + " out");
    r.context().backward(f.tensor("grad_out"));
    assertClose(f.tensor("grad.q"), q.grad(), ATOL, RTOL, file + " grad q");
    assertClose(f.tensor("grad.k"), k.grad(), ATOL, RTOL, file + " grad k");
    assertClose(f.tensor("grad.v"), v.grad(), ATOL, RTOL, file + " grad v");
  }
}
