package org.attention4j.viz;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The attention of one example at one point in training, for watching alignments form: the
 * training step (or epoch; any increasing number), an optional label ({@code "epoch 3"}), and
 * the matrices recorded then (usually a subset of the view's, e.g. the cross-attention only).
 */
public record Snapshot(long step, String label, Map<HeadKey, AttentionMatrix> matrices) {
  public Snapshot {
    if (label == null) label = "";
    if (matrices.isEmpty()) {
      throw new IllegalArgumentException("Snapshot: step " + step + " has no matrices");
    }
    matrices = Collections.unmodifiableSortedMap(new TreeMap<>(matrices));
  }
}
