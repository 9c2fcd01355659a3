package org.attention4j.optim;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attention4j.kernel.Optimizers;
import org.attention4j.tensor.Tensor;

/**
 * Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and L2 weight
 * decay, with the semantics of PyTorch's {@code torch.optim.SGD}. For each parameter {@code p}
 * with gradient {@code g}, at step {@code t}:
 * <pre>
 * g = g + weightDecay * p                     (if weightDecay != 0)
 * if momentum != 0:
 *   b = g                                     (t = 1: the buffer starts as the gradient)
 *   b = momentum * b + (1 - dampening) * g    (t > 1)
 *   g = g + momentum * b   (nesterov)   or   g = b
 * p = p - lr * g
 * </pre>
 * Nesterov momentum follows Sutskever et al. 2013 in PyTorch's formulation. State: one {@code
 * momentum_buffer.<param>} per parameter once it has been updated (none when momentum is 0).
 */
public final class SGD extends Optimizer {
  private static final String MOMENTUM_BUFFER = "momentum_buffer";

  private double momentum;
  private double dampening;
  private double weightDecay;
  private boolean nesterov;
  private final Map<String, float[]> buffers = new HashMap<>();

  /** Plain SGD: {@code p = p - lr * g}. */
  public SGD(Map<String, Tensor> params, double lr) {
    this(params, lr, 0, 0, 0, false);
  }

  /**
   * SGD with the given options (PyTorch's defaults are 0, 0, 0, false).
   *
   * @param params the parameters by name (contiguous leaf tensors)
   * @param lr learning rate, {@code >= 0}
   * @param momentum momentum factor, {@code >= 0}
   * @param dampening dampening of the gradient in the momentum buffer, in {@code [0, 1]}
   * @param weightDecay L2 penalty added to the gradient, {@code >= 0}
   * @param nesterov Nesterov momentum; needs {@code momentum > 0} and {@code dampening == 0}
   * @throws IllegalArgumentException if an option is out of range, or a parameter is not a
   *     contiguous leaf or is given twice
   */
  public SGD(Map<String, Tensor> params, double lr, double momentum, double dampening, double weightDecay,
      boolean nesterov) {
    super("SGD", params, lr);
    validate("SGD", momentum, dampening, weightDecay, nesterov);
    this.momentum = momentum;
    this.dampening = dampening;
    this.weightDecay = weightDecay;
    this.nesterov = nesterov;
  }

  private static void validate(String op, double momentum, double dampening, double weightDecay, boolean nesterov) {
    Check.nonNegative(op, "momentum", momentum);
    Check.unitInterval(op, "dampening", dampening);
    Check.nonNegative(op, "weightDecay", weightDecay);
    if (nesterov && (momentum <= 0 || dampening != 0)) {
      throw new IllegalArgumentException(op + ": nesterov requires momentum > 0 and dampening 0, got momentum "
          + momentum + ", dampening " + dampening);
    }
  }

  /** The momentum factor (0: plain SGD). */
  public double momentum() {
    return momentum;
  }

  /** The dampening of the gradient in the momentum buffer. */
  public double dampening() {
    return dampening;
  }

  /** The L2 penalty added to the gradient. */
  public double weightDecay() {
    return weightDecay;
  }

  /** Whether Nesterov momentum is used. */
  public boolean nesterov() {
    return nesterov;
  }

  @Override
  void update(String paramName, Tensor param, float[] grad, int gradOffset) {
    int n = param.numel();
    float[] buf = null;
    boolean init = false;
    if (momentum != 0) {
      buf = buffers.get(paramName);
      if (buf == null) {
        buf = new float[n];
        buffers.put(paramName, buf);
        init = true;
      }
    }
    Optimizers.SgdStep c = Optimizers.sgdStep(lr(), momentum, dampening, weightDecay, nesterov);
    Optimizers.sgd(c, param.storage(), param.storageOffset(), grad, gradOffset, buf, 0, init, n);
  }

  @Override
  List<String> stateKinds() {
    return List.of(MOMENTUM_BUFFER);
  }

  @Override
  void putHyperParameters(Map<String, Object> meta) {
    meta.put("momentum", momentum);
    meta.put("dampening", dampening);
    meta.put("weightDecay", weightDecay);
    meta.put("nesterov", nesterov);
  }

  @Override
  void putState(Map<String, Tensor> tensors, Map<String, Object> meta) {
    for (Map.Entry<String, Tensor> e : params().entrySet()) {
      float[] buf = buffers.get(e.getKey());
      if (buf != null) tensors.put(MOMENTUM_BUFFER + "." + e.getKey(), stateTensor(buf, e.getValue()));
    }
  }

  @Override
  Runnable readState(StateReader r) {
    double m = r.number("momentum");
    double d = r.number("dampening");
    double wd = r.number("weightDecay");
    boolean nest = r.bool("nesterov");
    validate(r.op(), m, d, wd, nest);
    Map<String, float[]> loaded = new LinkedHashMap<>();
    for (String p : params().keySet()) {
      float[] buf = r.tensor(MOMENTUM_BUFFER, p);
      if (buf == null) continue;
      if (m == 0) {
        throw new IllegalArgumentException(r.op() + ": state tensor '" + MOMENTUM_BUFFER + "." + p
            + "' given, but momentum is 0 (plain SGD keeps no buffer)");
      }
      loaded.put(p, buf);
    }
    return () -> {
      momentum = m;
      dampening = d;
      weightDecay = wd;
      nesterov = nest;
      buffers.clear();
      buffers.putAll(loaded);
    };
  }
}
