package org.attention4j.optim;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attention4j.kernel.Optimizers;
import org.attention4j.tensor.Tensor;

/**
 * What {@link Adam} and {@link AdamW} share: the moment estimates, the per-parameter step
 * counters, the hyper-parameters and their checkpointing. The two differ only in where the weight
 * decay enters ({@code decoupled}).
 *
 * <p>As in PyTorch, each parameter keeps its own step counter {@code t}, which advances only on
 * the steps where that parameter has a gradient; the bias corrections use it.
 */
abstract sealed class AdamFamily extends Optimizer permits Adam, AdamW {
  static final String EXP_AVG = "exp_avg";
  static final String EXP_AVG_SQ = "exp_avg_sq";
  static final String STEP_PREFIX = "step.";

  /** The state of one parameter: first and second moment estimates and its step counter. */
  private static final class Moments {
    final float[] expAvg;
    final float[] expAvgSq;
    int step;

    Moments(float[] expAvg, float[] expAvgSq, int step) {
      this.expAvg = expAvg;
      this.expAvgSq = expAvgSq;
      this.step = step;
    }
  }

  private final boolean decoupled;
  private double beta1;
  private double beta2;
  private double eps;
  private double weightDecay;
  private final Map<String, Moments> state = new HashMap<>();

  AdamFamily(String name, Map<String, Tensor> params, double lr, double beta1, double beta2, double eps,
      double weightDecay, boolean decoupled) {
    super(name, params, lr);
    validate(name, beta1, beta2, eps, weightDecay);
    this.decoupled = decoupled;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
    this.weightDecay = weightDecay;
  }

  private static void validate(String op, double beta1, double beta2, double eps, double weightDecay) {
    Check.decayRate(op, "beta1", beta1);
    Check.decayRate(op, "beta2", beta2);
    Check.nonNegative(op, "eps", eps);
    Check.nonNegative(op, "weightDecay", weightDecay);
  }

  /** Decay rate of the first moment estimate. */
  public final double beta1() {
    return beta1;
  }

  /** Decay rate of the second moment estimate. */
  public final double beta2() {
    return beta2;
  }

  /** Added to the bias-corrected root of the second moment. */
  public final double eps() {
    return eps;
  }

  /** The weight decay: L2 on the gradient for Adam, decoupled for AdamW. */
  public final double weightDecay() {
    return weightDecay;
  }

  @Override
  final void update(String paramName, Tensor param, float[] grad, int gradOffset) {
    int n = param.numel();
    Moments s = state.computeIfAbsent(paramName, k -> new Moments(new float[n], new float[n], 0));
    s.step++;
    Optimizers.AdamStep c = Optimizers.adamStep(lr(), beta1, beta2, eps, weightDecay, decoupled, s.step);
    Optimizers.adam(c, param.storage(), param.storageOffset(), grad, gradOffset, s.expAvg, 0, s.expAvgSq, 0, n);
  }

  @Override
  final List<String> stateKinds() {
    return List.of(EXP_AVG, EXP_AVG_SQ);
  }

  @Override
  final void putHyperParameters(Map<String, Object> meta) {
    meta.put("beta1", beta1);
    meta.put("beta2", beta2);
    meta.put("eps", eps);
    meta.put("weightDecay", weightDecay);
  }

  @Override
  final void putState(Map<String, Tensor> tensors, Map<String, Object> meta) {
    for (Map.Entry<String, Tensor> e : params().entrySet()) {
      Moments s = state.get(e.getKey());
      if (s == null) continue;
      tensors.put(EXP_AVG + "." + e.getKey(), stateTensor(s.expAvg, e.getValue()));
      tensors.put(EXP_AVG_SQ + "." + e.getKey(), stateTensor(s.expAvgSq, e.getValue()));
      meta.put(STEP_PREFIX + e.getKey(), s.step);
    }
  }

  @Override
  final Runnable readState(StateReader r) {
    double b1 = r.number("beta1");
    double b2 = r.number("beta2");
    double e = r.number("eps");
    double wd = r.number("weightDecay");
    validate(r.op(), b1, b2, e, wd);
    Map<String, Moments> loaded = new LinkedHashMap<>();
    for (String p : params().keySet()) {
      float[] m = r.tensor(EXP_AVG, p);
      float[] v = r.tensor(EXP_AVG_SQ, p);
      Integer t = r.optionalInteger(STEP_PREFIX + p, 1);
      if (m == null && v == null && t == null) continue;
      if (m == null || v == null || t == null) {
        throw new IllegalArgumentException(r.op() + ": the state of parameter '" + p + "' is incomplete: it needs "
            + EXP_AVG + "." + p + ", " + EXP_AVG_SQ + "." + p + " and meta " + STEP_PREFIX + p + ", but "
            + (m == null ? EXP_AVG + "." + p : v == null ? EXP_AVG_SQ + "." + p : "meta " + STEP_PREFIX + p)
            + " is missing");
      }
      loaded.put(p, new Moments(m, v, t));
    }
    return () -> {
      beta1 = b1;
      beta2 = b2;
      eps = e;
      weightDecay = wd;
      state.clear();
      state.putAll(loaded);
    };
  }
}
