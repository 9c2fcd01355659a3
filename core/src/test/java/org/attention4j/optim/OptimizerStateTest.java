package org.attention4j.optim;

import static org.attention4j.optim.OptimTesting.assertIae;
import static org.attention4j.optim.OptimTesting.named;
import static org.attention4j.optim.OptimTesting.param;
import static org.attention4j.optim.OptimTesting.setGrad;
import static org.attention4j.testing.TensorAsserts.assertBitwise;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.attention4j.io.Json;
import org.attention4j.io.Safetensors;
import org.attention4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checkpointing: save after some steps, reload into a fresh optimiser over fresh parameters,
 * continue, and get the same bits as the run that never stopped; plus the checks that
 * {@link Optimizer#loadState} makes, each with its message.
 */
class OptimizerStateTest {
  private static final int STEPS = 6;
  private static final int SAVE_AFTER = 3;
  private static final LrSchedule SCHEDULE = LrSchedule.cosine(0.02, 2, STEPS, 0.002);

  static Stream<Arguments> optimizers() {
    return Stream.of(
        Arguments.of("SGD momentum", (Function<Map<String, Tensor>, Optimizer>) p -> new SGD(p, 0.1, 0.9, 0.1, 0.01, false)),
        Arguments.of("SGD nesterov", (Function<Map<String, Tensor>, Optimizer>) p -> new SGD(p, 0.1, 0.9, 0, 0.01, true)),
        Arguments.of("Adam", (Function<Map<String, Tensor>, Optimizer>) p -> new Adam(p, 0.01, 0.9, 0.999, 1e-8, 0.1)),
        Arguments.of("AdamW", (Function<Map<String, Tensor>, Optimizer>) p -> new AdamW(p, 0.01, 0.8, 0.99, 1e-6, 0.05)));
  }

  private static Map<String, Tensor> freshParams(float[] w, float[] b) {
    return named("layer.weight", param(w, 5, 3), "layer.bias", param(b, 3));
  }

  /** Runs steps {@code from..to-1}; 'layer.bias' has no gradient on steps 1 and 4. */
  private static void run(Optimizer opt, int from, int to) {
    for (int k = from; k < to; k++) {
      var rng = new SplittableRandom(1000 + k);
      opt.zeroGrad();
      for (Map.Entry<String, Tensor> e : opt.params().entrySet()) {
        if (e.getKey().equals("layer.bias") && (k == 1 || k == 4)) continue;
        float[] g = new float[e.getValue().numel()];
        for (int i = 0; i < g.length; i++) g[i] = (float) rng.nextGaussian();
        setGrad(e.getValue(), g);
      }
      SCHEDULE.applyTo(opt);
      opt.step();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void loadState_thenContinue_equalsUninterruptedRunBitwise(String label, Function<Map<String, Tensor>, Optimizer> make,
      @TempDir Path dir) throws IOException {
    var rng = new SplittableRandom(42);
    float[] w = new float[15], b = new float[3];
    for (int i = 0; i < w.length; i++) w[i] = (float) rng.nextGaussian();
    for (int i = 0; i < b.length; i++) b[i] = (float) rng.nextGaussian();

    Optimizer straight = make.apply(freshParams(w, b));
    run(straight, 0, STEPS);

    Optimizer first = make.apply(freshParams(w, b));
    run(first, 0, SAVE_AFTER);
    // Save as a checkpoint would: tensors as safetensors, meta as JSON (numbers come back Long/Double).
    Path file = dir.resolve("optim.safetensors");
    Map<String, Tensor> saved = new LinkedHashMap<>(first.stateTensors());
    first.params().forEach((n, p) -> saved.put("param." + n, p));
    Safetensors.write(file, saved, Map.of());
    String metaJson = Json.write(first.stateMeta(), false);

    Map<String, Tensor> loaded = Safetensors.readAll(file);
    Map<String, Tensor> state = new LinkedHashMap<>();
    loaded.forEach((n, t) -> {
      if (!n.startsWith("param.")) state.put(n, t);
    });
    Optimizer resumed = make.apply(freshParams(loaded.get("param.layer.weight").toArray(),
        loaded.get("param.layer.bias").toArray()));
    resumed.setLr(123); // overwritten by the saved state
    resumed.loadState(state, Json.parseObject(metaJson, "meta.json"));
    assertEquals(SAVE_AFTER, resumed.stepCount());
    assertEquals(first.lr(), resumed.lr());
    run(resumed, SAVE_AFTER, STEPS);

    for (String n : straight.params().keySet()) {
      assertBitwise(straight.params().get(n).toArray(), resumed.params().get(n).toArray(), label + " " + n);
    }
    Map<String, Tensor> a = straight.stateTensors(), c = resumed.stateTensors();
    assertEquals(a.keySet(), c.keySet());
    for (String n : a.keySet()) assertBitwise(a.get(n).toArray(), c.get(n).toArray(), label + " " + n);
    assertEquals(straight.stateMeta(), resumed.stateMeta());
  }

  @Test
  void stateMeta_freshAdam_listsHyperParameters() {
    Adam adam = new Adam(named("w", param(new float[] {1f})), 0.01, 0.8, 0.99, 1e-6, 0.1);
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("optimizer", "Adam");
    expected.put("step", 0);
    expected.put("lr", 0.01);
    expected.put("beta1", 0.8);
    expected.put("beta2", 0.99);
    expected.put("eps", 1e-6);
    expected.put("weightDecay", 0.1);
    assertEquals(expected, adam.stateMeta());
    assertEquals(List.copyOf(expected.keySet()), List.copyOf(adam.stateMeta().keySet()));
    assertEquals(Map.of(), adam.stateTensors());
  }

  @Test
  void stateTensors_areSnapshots() {
    Tensor w = param(new float[] {1f, 2f});
    Adam adam = new Adam(named("w", w), 0.01);
    setGrad(w, 1f, 1f);
    adam.step();
    Tensor m = adam.stateTensors().get("exp_avg.w");
    float[] before = m.toArray();
    adam.step();
    assertBitwise(before, m.toArray(), "exp_avg snapshot");
  }

  @Test
  void loadState_restoresHyperParameters() {
    Tensor w = param(new float[] {1f});
    SGD saved = new SGD(named("w", w), 0.3, 0.7, 0.2, 0.05, false);
    SGD target = new SGD(named("w", param(new float[] {1f})), 0.1);
    target.loadState(saved.stateTensors(), saved.stateMeta());
    assertEquals(0.3, target.lr());
    assertEquals(0.7, target.momentum());
    assertEquals(0.2, target.dampening());
    assertEquals(0.05, target.weightDecay());
  }

  /** An Adam over 'w' (2, 3) after one step, and its saved state. */
  private static final class Saved {
    final Tensor w = param(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
    final Adam adam = new Adam(named("w", w), 0.01);
    final Map<String, Tensor> tensors;
    final Map<String, Object> meta;

    Saved() {
      setGrad(w, 1, -1, 2, -2, 3, -3);
      adam.step();
      tensors = new LinkedHashMap<>(adam.stateTensors());
      meta = new LinkedHashMap<>(adam.stateMeta());
    }
  }

  @Test
  void loadState_wrongMeta_throwsNamingTheEntry() {
    Saved s = new Saved();
    Adam target = new Adam(named("w", param(new float[6], 2, 3)), 0.01);
    s.meta.put("optimizer", "SGD");
    assertIae("Adam.loadState: the state was saved by SGD, not Adam", () -> target.loadState(s.tensors, s.meta));
    s.meta.put("optimizer", "Adam");
    s.meta.remove("beta1");
    assertIae("Adam.loadState: meta has no 'beta1'", () -> target.loadState(s.tensors, s.meta));
    s.meta.put("beta1", "0.9");
    assertIae("Adam.loadState: meta 'beta1' must be a number, got String \"0.9\"",
        () -> target.loadState(s.tensors, s.meta));
    s.meta.put("beta1", 0.9);
    s.meta.put("beta2", 1.5);
    assertIae("Adam.loadState: beta2 must be in [0, 1), got 1.5", () -> target.loadState(s.tensors, s.meta));
    s.meta.put("beta2", 0.999);
    s.meta.put("step", 1.5);
    assertIae("Adam.loadState: meta 'step' must be an integer >= 0, got Double 1.5",
        () -> target.loadState(s.tensors, s.meta));
    s.meta.put("step", 1L);
    s.meta.put("step.w", 0);
    assertIae("Adam.loadState: meta 'step.w' must be an integer >= 1, got Integer 0",
        () -> target.loadState(s.tensors, s.meta));
    s.meta.put("step.w", 1);
    s.meta.put("amsgrad", false);
    assertIae("Adam.loadState: unknown meta key 'amsgrad'", () -> target.loadState(s.tensors, s.meta));
    s.meta.remove("amsgrad");
    target.loadState(s.tensors, s.meta); // now valid
    assertEquals(1, target.stepCount());
  }

  @Test
  void loadState_wrongTensors_throwsNamingTheTensor() {
    Saved s = new Saved();
    Adam target = new Adam(named("w", param(new float[6], 2, 3)), 0.01);
    Map<String, Tensor> t = new LinkedHashMap<>(s.tensors);
    t.put("exp_avg.w", Tensor.zeros(3, 2));
    assertIae("Adam.loadState: state tensor 'exp_avg.w' has shape [3, 2], parameter 'w' has shape [2, 3]",
        () -> target.loadState(t, s.meta));
    t.put("exp_avg.w", s.tensors.get("exp_avg.w"));
    t.put("exp_avg.v", Tensor.zeros(2, 3));
    assertIae("Adam.loadState: state tensor 'exp_avg.v' names no parameter of this optimiser (parameters: w)",
        () -> target.loadState(t, s.meta));
    t.remove("exp_avg.v");
    t.put("momentum_buffer.w", Tensor.zeros(2, 3));
    assertIae("Adam.loadState: unknown state tensor 'momentum_buffer.w' (expected exp_avg.<param>, exp_avg_sq.<param>)",
        () -> target.loadState(t, s.meta));
    t.remove("momentum_buffer.w");
    t.remove("exp_avg_sq.w");
    assertIae("Adam.loadState: the state of parameter 'w' is incomplete: it needs exp_avg.w, exp_avg_sq.w and meta"
        + " step.w, but exp_avg_sq.w is missing", () -> target.loadState(t, s.meta));
  }

  @Test
  void loadState_failure_changesNothing() {
    Saved s = new Saved();
    Tensor w = param(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
    Adam target = new Adam(named("w", w), 0.01);
    Map<String, Object> before = target.stateMeta();
    s.meta.put("eps", -1.0);
    assertIae("Adam.loadState: eps must be finite and >= 0, got -1.0", () -> target.loadState(s.tensors, s.meta));
    assertEquals(before, target.stateMeta());
    assertEquals(Map.of(), target.stateTensors());
  }

  @Test
  void loadState_sgdBufferWithoutMomentum_throws() {
    Tensor w = param(new float[] {1f});
    SGD withMomentum = new SGD(named("w", w), 0.1, 0.9, 0, 0, false);
    setGrad(w, 1f);
    withMomentum.step();
    Map<String, Object> meta = new LinkedHashMap<>(withMomentum.stateMeta());
    meta.put("momentum", 0);
    SGD plain = new SGD(named("w", param(new float[] {1f})), 0.1);
    assertIae("SGD.loadState: state tensor 'momentum_buffer.w' given, but momentum is 0 (plain SGD keeps no buffer)",
        () -> plain.loadState(withMomentum.stateTensors(), meta));
  }
}
