package org.attention4j.nn;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@link Module#loadStateDict} could not match.
 *
 * <p>{@code toString()} gives one line per non-empty kind, for example:
 *
 * <pre>
 * missing: encoder.norm.weight, encoder.norm.bias
 * unexpected: pooler.dense.weight
 * mismatched: decoder.out.weight: checkpoint [8000, 256] vs model [9000, 256]
 * </pre>
 *
 * @param missing dotted names the module has and the state dict lacks, in module order
 * @param unexpected dotted names the state dict has and the module lacks, in state-dict order
 * @param mismatched one entry per key present in both with different shapes, in module order,
 *     each {@code "name: checkpoint [..] vs model [..]"}
 */
public record LoadReport(List<String> missing, List<String> unexpected, List<String> mismatched) {
  /** Copies the lists (they are unmodifiable afterwards). */
  public LoadReport {
    missing = List.copyOf(missing);
    unexpected = List.copyOf(unexpected);
    mismatched = List.copyOf(mismatched);
  }

  /** Whether every key matched. */
  public boolean isClean() {
    return missing.isEmpty() && unexpected.isEmpty() && mismatched.isEmpty();
  }

  @Override
  public String toString() {
    if (isClean()) return "all keys matched";
    List<String> lines = new ArrayList<>(3);
    if (!missing.isEmpty()) lines.add("missing: " + String.join(", ", missing));
    if (!unexpected.isEmpty()) lines.add("unexpected: " + String.join(", ", unexpected));
    // Shapes contain ", " themselves, so mismatched entries are separated by "; ".
    if (!mismatched.isEmpty()) lines.add("mismatched: " + String.join("; ", mismatched));
    return String.join("\n", lines);
  }
}
