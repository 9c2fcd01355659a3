package org.attention4j.viz;

import java.util.Comparator;

/**
 * Names one attention matrix of a model: its kind, layer and head, all 0-based. Sorts by kind
 * (cross, encoder, decoder), then layer, then head.
 */
public record HeadKey(AttentionKind kind, int layer, int head) implements Comparable<HeadKey> {
  private static final Comparator<HeadKey> ORDER = Comparator.comparing(HeadKey::kind)
      .thenComparingInt(HeadKey::layer).thenComparingInt(HeadKey::head);

  public HeadKey {
    if (kind == null) throw new IllegalArgumentException("HeadKey: kind is null");
    if (layer < 0 || head < 0) {
      throw new IllegalArgumentException(
          "HeadKey: layer and head must be >= 0, got layer " + layer + ", head " + head);
    }
  }

  @Override
  public int compareTo(HeadKey o) {
    return ORDER.compare(this, o);
  }

  /** For people (1-based): {@code cross layer 2 head 3}. */
  public String describe() {
    return kind.id() + " layer " + (layer + 1) + " head " + (head + 1);
  }

  @Override
  public String toString() {
    return kind.id() + "/" + layer + "/" + head;
  }
}
