package org.attention4j.optim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attention4j.autograd.GradMode;
import org.attention4j.tensor.Tensor;

/**
 * A first-order optimiser over named parameters: each {@link #step()} reads every parameter's
 * {@link Tensor#grad()} and updates the parameter's storage in place.
 *
 * <p>Parameters are given as a map from name to tensor, as {@code Module.namedParameters()}
 * returns them; the names key the optimiser state, so that a checkpoint can be restored into a
 * freshly built model. Each parameter must be a contiguous leaf tensor, and each tensor may
 * appear only once (a tied weight is one parameter under one name).
 *
 * <h2>Checkpoints</h2>
 * {@link #stateTensors()} and {@link #stateMeta()} capture everything a step depends on; {@link
 * #loadState} restores it, so that a run that saves, reloads and continues produces the same bits
 * as the run that was never interrupted. Tensor names are {@code <kind>.<parameter name>}, with
 * PyTorch's kinds ({@code exp_avg}, {@code exp_avg_sq}, {@code momentum_buffer}); a parameter that
 * has not been updated yet has no state, as in PyTorch. Meta values are JSON-ready: {@code
 * "optimizer"} (the class name, a String), {@code "step"} (an Integer), {@code "lr"} and the other
 * hyper-parameters under their constructor names (Doubles; {@code nesterov} a Boolean). Loading
 * accepts any {@link Number} for numbers (JSON readers give Long or Double) and replaces this
 * optimiser's learning rate and hyper-parameters with the saved ones, as PyTorch's {@code
 * load_state_dict} does.
 *
 * <p>Not thread-safe: one thread drives an optimiser (the update itself runs in parallel).
 */
public abstract sealed class Optimizer permits SGD, AdamFamily {
  private final String name;
  private final Map<String, Tensor> params;
  private double lr;
  private int stepCount;

  Optimizer(String name, Map<String, Tensor> params, double lr) {
    this.name = name;
    Check.nonNegative(name, "lr", lr);
    this.lr = lr;
    this.params = checkParams(name, params);
  }

  private static Map<String, Tensor> checkParams(String op, Map<String, Tensor> params) {
    if (params == null || params.isEmpty()) {
      throw new IllegalArgumentException(op + ": no parameters to optimise (the map is "
          + (params == null ? "null" : "empty") + ")");
    }
    Map<String, Tensor> copy = new LinkedHashMap<>();
    Map<Tensor, String> seen = new IdentityHashMap<>();
    for (Map.Entry<String, Tensor> e : params.entrySet()) {
      String n = e.getKey();
      Tensor p = e.getValue();
      if (n == null) throw new IllegalArgumentException(op + ": a parameter name is null");
      if (p == null) throw new IllegalArgumentException(op + ": parameter '" + n + "' is null");
      if (!p.isLeaf()) {
        throw new IllegalArgumentException(op + ": parameter '" + n + "' is not a leaf tensor (it was computed by '"
            + p.gradFnName() + "'); optimisers update leaf tensors");
      }
      if (!p.isContiguous()) {
        throw new IllegalArgumentException(op + ": parameter '" + n + "' of shape " + p.shape()
            + " is not contiguous (strides " + strides(p) + "); optimisers update contiguous storage");
      }
      String other = seen.put(p, n);
      if (other != null) {
        throw new IllegalArgumentException(op + ": parameters '" + other + "' and '" + n
            + "' are the same tensor; pass each tensor once (a tied weight is one parameter)");
      }
      copy.put(n, p);
    }
    return Collections.unmodifiableMap(copy);
  }

  private static String strides(Tensor t) {
    List<Integer> s = new ArrayList<>();
    for (int d = 0; d < t.rank(); d++) s.add(t.stride(d));
    return s.toString();
  }

  /** The optimiser's name as used in messages and in {@link #stateMeta()}: {@code "Adam"}. */
  public final String name() {
    return name;
  }

  /** The parameters, by name, in the order given. */
  public final Map<String, Tensor> params() {
    return params;
  }

  /** The learning rate of the next step. */
  public final double lr() {
    return lr;
  }

  /**
   * Sets the learning rate of the next steps (see {@link LrSchedule#applyTo}).
   *
   * @throws IllegalArgumentException if {@code lr} is negative or not finite
   */
  public final void setLr(double lr) {
    Check.nonNegative(name + ".setLr", "lr", lr);
    this.lr = lr;
  }

  /** The number of {@link #step()} calls so far (restored by {@link #loadState}). */
  public final int stepCount() {
    return stepCount;
  }

  /**
   * Updates every parameter that has a gradient; parameters whose {@link Tensor#grad()} is
   * {@code null} are skipped (and their state does not advance). Gradients are only read.
   *
   * @throws IllegalStateException if a gradient's shape differs from its parameter's; then no
   *     parameter has been changed
   */
  public final void step() {
    List<String> names = new ArrayList<>();
    List<Tensor> grads = new ArrayList<>();
    try (var _ = GradMode.noGrad()) {
      for (Map.Entry<String, Tensor> e : params.entrySet()) {
        Tensor p = e.getValue();
        Tensor g = p.grad();
        if (g == null) continue;
        if (!g.shape().equals(p.shape())) {
          throw new IllegalStateException(name + ".step: gradient of parameter '" + e.getKey() + "' has shape "
              + g.shape() + ", the parameter has shape " + p.shape());
        }
        names.add(e.getKey());
        grads.add(g.contiguous());
      }
    }
    for (int i = 0; i < names.size(); i++) {
      Tensor g = grads.get(i);
      update(names.get(i), params.get(names.get(i)), g.storage(), g.storageOffset());
    }
    stepCount++;
  }

  /** Forgets every parameter's gradient (sets it to {@code null}, as PyTorch's default). */
  public final void zeroGrad() {
    for (Tensor p : params.values()) p.zeroGrad();
  }

  /**
   * The per-parameter state as fresh tensors named {@code <kind>.<parameter name>}, in parameter
   * order; later steps do not change them.
   */
  public final Map<String, Tensor> stateTensors() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    putState(out, new LinkedHashMap<>());
    return out;
  }

  /** The step count, learning rate, hyper-parameters and per-parameter counters (see the class notes). */
  public final Map<String, Object> stateMeta() {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("optimizer", name);
    meta.put("step", stepCount);
    meta.put("lr", lr);
    putHyperParameters(meta);
    putState(new LinkedHashMap<>(), meta);
    return meta;
  }

  /**
   * Restores a state saved by {@link #stateTensors()} and {@link #stateMeta()} of an optimiser
   * of the same kind over parameters with the same names and shapes. Everything is checked
   * before anything changes. The given tensors are copied, not kept.
   *
   * @throws IllegalArgumentException if the state is for another optimiser, a meta entry is
   *     missing, unknown or of the wrong type, a hyper-parameter is out of range, or a state tensor
   *     is unknown, names no parameter, has the wrong shape or lacks its companions
   */
  public final void loadState(Map<String, Tensor> tensors, Map<String, Object> meta) {
    String op = name + ".loadState";
    StateReader r = new StateReader(op, params, tensors, meta, stateKinds());
    String savedBy = r.string("optimizer");
    if (!savedBy.equals(name)) {
      throw new IllegalArgumentException(op + ": the state was saved by " + savedBy + ", not " + name);
    }
    int step = r.integer("step", 0);
    double newLr = r.number("lr");
    Check.nonNegative(op, "lr", newLr);
    Runnable apply = readState(r);
    r.finish();
    stepCount = step;
    lr = newLr;
    apply.run();
  }

  // ------------------------------------------------------------------ for the optimisers

  /** A fresh tensor with {@code like}'s shape (rank 0 included) holding a copy of {@code values}. */
  static Tensor stateTensor(float[] values, Tensor like) {
    Tensor t = Tensor.zeros(like.shape().toArray());
    System.arraycopy(values, 0, t.storage(), t.storageOffset(), values.length);
    return t;
  }

  /** Applies one update to {@code param} with its contiguous gradient at {@code grad[gradOffset..]}. */
  abstract void update(String paramName, Tensor param, float[] grad, int gradOffset);

  /** The kinds of state tensor this optimiser saves. */
  abstract List<String> stateKinds();

  /** Adds the hyper-parameters (other than lr) to {@code meta}. */
  abstract void putHyperParameters(Map<String, Object> meta);

  /** Adds copies of the per-parameter state to {@code tensors}, and per-parameter counters to {@code meta}. */
  abstract void putState(Map<String, Tensor> tensors, Map<String, Object> meta);

  /**
   * Reads and checks the hyper-parameters and per-parameter state, changing nothing; returns the
   * action that installs them.
   */
  abstract Runnable readState(StateReader r);
}
