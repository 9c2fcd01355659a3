package org.attention4j.optim;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.attention4j.tensor.Tensor;

/**
 * Reads a saved optimiser state ({@link Optimizer#stateTensors()}, {@link Optimizer#stateMeta()})
 * with type and shape checks, and remembers what it read so that {@link #finish()} can reject
 * anything left over. Nothing is changed until every check has passed: the optimiser applies the
 * values only after {@link #finish()} returns.
 */
final class StateReader {
  private final String op;
  private final Map<String, Tensor> params;
  private final Map<String, Tensor> tensors;
  private final Map<String, Object> meta;
  private final List<String> kinds;
  private final Set<String> readTensors = new LinkedHashSet<>();
  private final Set<String> readMeta = new LinkedHashSet<>();

  /**
   * @param op the prefix of every message, e.g. {@code Adam.loadState}
   * @param kinds the state tensor kinds this optimiser saves, e.g. {@code exp_avg}
   */
  StateReader(String op, Map<String, Tensor> params, Map<String, Tensor> tensors, Map<String, Object> meta,
      List<String> kinds) {
    this.op = op;
    this.params = params;
    this.tensors = Objects.requireNonNull(tensors, () -> op + ": tensors is null");
    this.meta = Objects.requireNonNull(meta, () -> op + ": meta is null");
    this.kinds = kinds;
  }

  /** The prefix of every message. */
  String op() {
    return op;
  }

  private Object required(String key) {
    if (!meta.containsKey(key)) {
      throw new IllegalArgumentException(op + ": meta has no '" + key + "'");
    }
    readMeta.add(key);
    return meta.get(key);
  }

  private IllegalArgumentException typeError(String key, String expected, Object value) {
    String got = value == null ? "null"
        : value.getClass().getSimpleName() + " " + (value instanceof String s ? "\"" + s + "\"" : value);
    return new IllegalArgumentException(op + ": meta '" + key + "' must be " + expected + ", got " + got);
  }

  /** A required string entry. */
  String string(String key) {
    Object v = required(key);
    if (v instanceof String s) return s;
    throw typeError(key, "a string", v);
  }

  /** A required number entry (any {@link Number}, read as a double). */
  double number(String key) {
    Object v = required(key);
    if (v instanceof Number n) return n.doubleValue();
    throw typeError(key, "a number", v);
  }

  /** A required boolean entry. */
  boolean bool(String key) {
    Object v = required(key);
    if (v instanceof Boolean b) return b;
    throw typeError(key, "a boolean", v);
  }

  /** A required whole-number entry {@code >= min} (any {@link Number} with an integral value). */
  int integer(String key, int min) {
    return toInt(key, required(key), min);
  }

  /** An optional whole-number entry {@code >= min}, or {@code null} if absent. */
  Integer optionalInteger(String key, int min) {
    return meta.containsKey(key) ? toInt(key, required(key), min) : null;
  }

  private int toInt(String key, Object v, int min) {
    if (v instanceof Number n) {
      double d = n.doubleValue();
      if (d == Math.rint(d) && d >= min && d <= Integer.MAX_VALUE) return (int) d;
    }
    throw typeError(key, "an integer >= " + min, v);
  }

  /**
   * The values of state tensor {@code kind.param} as a fresh row-major array, or {@code null} if
   * absent.
   *
   * @throws IllegalArgumentException if its shape differs from the parameter's
   */
  float[] tensor(String kind, String param) {
    String key = kind + "." + param;
    Tensor t = tensors.get(key);
    if (t == null) return null;
    Tensor p = params.get(param);
    if (!t.shape().equals(p.shape())) {
      throw new IllegalArgumentException(op + ": state tensor '" + key + "' has shape " + t.shape()
          + ", parameter '" + param + "' has shape " + p.shape());
    }
    readTensors.add(key);
    return t.toArray();
  }

  /**
   * Checks that every tensor and meta entry was read.
   *
   * @throws IllegalArgumentException naming the first entry that was not
   */
  void finish() {
    for (String key : tensors.keySet()) {
      if (readTensors.contains(key)) continue;
      int dot = key.indexOf('.');
      String kind = dot < 0 ? key : key.substring(0, dot);
      if (kinds.contains(kind) && !params.containsKey(key.substring(dot + 1))) {
        throw new IllegalArgumentException(op + ": state tensor '" + key + "' names no parameter of this optimiser"
            + " (parameters: " + String.join(", ", params.keySet()) + ")");
      }
      throw new IllegalArgumentException(op + ": unknown state tensor '" + key + "' (expected "
          + (kinds.isEmpty() ? "none" : String.join(", ", kinds.stream().map(k -> k + ".<param>").toList())) + ")");
    }
    for (String key : meta.keySet()) {
      if (!readMeta.contains(key)) throw new IllegalArgumentException(op + ": unknown meta key '" + key + "'");
    }
  }
}
