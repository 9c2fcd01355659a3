package org.attention4j.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.attention4j.autograd.GradMode;
import org.attention4j.tensor.Tensor;

/**
 * A building block of a network: named parameters (trained), named buffers (saved, not trained)
 * and named child modules, each registered once, in declaration order, from the subclass
 * constructor.
 *
 * <p>Names follow PyTorch's {@code nn.Module} so that state dicts map 1:1: a parameter
 * {@code weight} of the child {@code wq} of the child {@code attn} of the layer {@code 0} of the
 * list {@code layers} is {@code layers.0.attn.wq.weight}. Order follows PyTorch too: a module's
 * own parameters (then buffers) come before those of its children, children in registration
 * order.
 *
 * <p>A module is in training mode when constructed; {@link #train(boolean)} switches it and all
 * its descendants. Only layers with random behaviour ({@link Dropout}, the dropout between RNN
 * layers) read the mode.
 */
public abstract class Module {
  private final Map<String, Tensor> parameters = new LinkedHashMap<>();
  private final Map<String, Tensor> buffers = new LinkedHashMap<>();
  private final Map<String, Module> children = new LinkedHashMap<>();
  private boolean training = true;

  /** For subclasses. */
  protected Module() {}

  // ---------------------------------------------------------------- registration

  /**
   * Registers {@code init} as the trainable parameter {@code name} and marks it
   * {@code requiresGrad(true)}; returns it, for assignment to a field.
   *
   * @throws IllegalArgumentException if the name is empty, contains a dot or is already used
   * @throws IllegalStateException if {@code init} is not a leaf tensor
   */
  protected final Tensor parameter(String name, Tensor init) {
    checkName("parameter", name);
    Objects.requireNonNull(init, () -> kind() + ": parameter \"" + name + "\" is null");
    init.requiresGrad(true);
    parameters.put(name, init);
    return init;
  }

  /**
   * Registers {@code value} as the buffer {@code name}: saved in and loaded from the state dict,
   * never trained; returns it.
   *
   * @throws IllegalArgumentException if the name is empty, contains a dot or is already used
   */
  protected final Tensor buffer(String name, Tensor value) {
    checkName("buffer", name);
    Objects.requireNonNull(value, () -> kind() + ": buffer \"" + name + "\" is null");
    buffers.put(name, value);
    return value;
  }

  /**
   * Registers {@code module} as the child {@code name} (it takes this module's training mode);
   * returns it.
   *
   * @throws IllegalArgumentException if the name is empty, contains a dot or is already used, or
   *     the module is this one
   */
  protected final <M extends Module> M child(String name, M module) {
    checkName("child", name);
    Objects.requireNonNull(module, () -> kind() + ": child \"" + name + "\" is null");
    if (module == this) throw new IllegalArgumentException(kind() + ": a module cannot be its own child (\"" + name + "\")");
    module.train(training);
    children.put(name, module);
    return module;
  }

  private void checkName(String what, String name) {
    Objects.requireNonNull(name, () -> kind() + ": " + what + " name is null");
    if (name.isEmpty()) throw new IllegalArgumentException(kind() + ": " + what + " name must not be empty");
    if (name.indexOf('.') >= 0) {
      throw new IllegalArgumentException(
          kind() + ": " + what + " name \"" + name + "\" must not contain '.' (dots separate levels of the hierarchy)");
    }
    String used = parameters.containsKey(name) ? "parameter" : buffers.containsKey(name) ? "buffer"
        : children.containsKey(name) ? "child" : null;
    if (used != null) {
      throw new IllegalArgumentException(kind() + ": name \"" + name + "\" is already registered as a " + used);
    }
  }

  /** The class name used in error messages. */
  final String kind() {
    return getClass().getSimpleName();
  }

  // ---------------------------------------------------------------- queries

  /**
   * Every parameter of this module and its descendants under its dotted name. A tensor
   * registered under several names (tied weights) appears once, under its first name.
   */
  public final Map<String, Tensor> namedParameters() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    Map<Tensor, Boolean> seen = new IdentityHashMap<>();
    collect("", out, seen, false);
    return Collections.unmodifiableMap(out);
  }

  /** The parameters of {@link #namedParameters()}, in order. */
  public final List<Tensor> parameters() {
    return List.copyOf(namedParameters().values());
  }

  /** Total number of trainable scalars (tied tensors counted once). */
  public final long parameterCount() {
    long n = 0;
    for (Tensor p : namedParameters().values()) n += p.numel();
    return n;
  }

  /** The direct children, by name, in registration order. */
  public final Map<String, Module> namedChildren() {
    return Collections.unmodifiableMap(children);
  }

  /**
   * Parameters and buffers of the whole tree under their dotted names, in PyTorch's
   * {@code state_dict} order (per module: parameters, buffers, then children). The values are
   * detached views sharing storage with the module: copy them to take a snapshot.
   */
  public final Map<String, Tensor> stateDict() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    collect("", out, null, true);
    Map<String, Tensor> detached = new LinkedHashMap<>();
    out.forEach((k, v) -> detached.put(k, v.detach()));
    return Collections.unmodifiableMap(detached);
  }

  private void collect(String prefix, Map<String, Tensor> out, Map<Tensor, Boolean> seen, boolean withBuffers) {
    for (var e : parameters.entrySet()) {
      if (seen == null || seen.put(e.getValue(), Boolean.TRUE) == null) out.put(prefix + e.getKey(), e.getValue());
    }
    if (withBuffers) buffers.forEach((k, v) -> out.put(prefix + k, v));
    children.forEach((k, m) -> m.collect(prefix + k + ".", out, seen, withBuffers));
  }

  // ---------------------------------------------------------------- modes and gradients

  /** Switches this module and all its descendants to training ({@code true}) or evaluation mode. */
  public final void train(boolean on) {
    training = on;
    for (Module m : children.values()) m.train(on);
  }

  /** Same as {@code train(false)}. */
  public final void eval() {
    train(false);
  }

  /** Whether this module is in training mode. */
  public final boolean isTraining() {
    return training;
  }

  /** Forgets the accumulated gradient of every parameter. */
  public final void zeroGrad() {
    for (Tensor p : namedParameters().values()) p.zeroGrad();
  }

  // ---------------------------------------------------------------- loading

  /**
   * Copies the values of {@code state} into this module's parameters and buffers of the same
   * dotted names, in place and without recording gradients.
   *
   * <p>Keys the module has but {@code state} lacks are <i>missing</i>; keys of {@code state}
   * the module does not have are <i>unexpected</i>; keys present in both with different shapes
   * are <i>mismatched</i>. In strict mode any of these is an error and nothing is copied; in
   * lenient mode every key that matches is copied and the rest is reported.
   *
   * @param state tensors by dotted name, e.g. from a checkpoint or {@link #stateDict()}
   * @param strict whether any missing, unexpected or mismatched key is an error
   * @return what did not match (all lists empty after a clean load)
   * @throws IllegalArgumentException in strict mode, if anything does not match; the message is
   *     the report's {@link LoadReport#toString()}
   */
  public final LoadReport loadStateDict(Map<String, Tensor> state, boolean strict) {
    Objects.requireNonNull(state, "loadStateDict: state is null");
    Map<String, Tensor> own = new LinkedHashMap<>();
    collect("", own, null, true);
    List<String> missing = new ArrayList<>();
    List<String> mismatched = new ArrayList<>();
    List<String> unexpected = new ArrayList<>();
    for (var e : own.entrySet()) {
      Tensor src = state.get(e.getKey());
      if (src == null) {
        missing.add(e.getKey());
      } else if (!src.shape().equals(e.getValue().shape())) {
        mismatched.add(e.getKey() + ": checkpoint " + src.shape() + " vs model " + e.getValue().shape());
      }
    }
    for (String k : state.keySet()) {
      if (!own.containsKey(k)) unexpected.add(k);
    }
    LoadReport report = new LoadReport(missing, unexpected, mismatched);
    if (strict && !report.isClean()) {
      throw new IllegalArgumentException("loadStateDict: " + kind() + " (strict): " + report);
    }
    try (var _ = GradMode.noGrad()) {
      for (var e : own.entrySet()) {
        Tensor src = state.get(e.getKey());
        if (src != null && src.shape().equals(e.getValue().shape())) e.getValue().copyFrom(src);
      }
    }
    return report;
  }
}
