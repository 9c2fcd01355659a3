package org.attention4j.eval;

/**
 * One alignment link between source word {@code source} and target word {@code target}, both
 * 0-based. Links sort by source, then target.
 */
public record Link(int source, int target) implements Comparable<Link> {
  public Link {
    if (source < 0 || target < 0) {
      throw new IllegalArgumentException("Link: positions must be >= 0, got " + source + "-" + target);
    }
  }

  @Override
  public int compareTo(Link o) {
    return source != o.source ? Integer.compare(source, o.source) : Integer.compare(target, o.target);
  }

  /** Pharaoh form, {@code "3-5"}. */
  @Override
  public String toString() {
    return source + "-" + target;
  }
}
