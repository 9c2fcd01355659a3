package org.attention4j.data.synthetic;

/**
 * An alignment link between source token {@code source} and target token {@code target}
 * (0-based word positions); Pharaoh notation {@code source-target}.
 */
public record Link(int source, int target) implements Comparable<Link> {

  public Link {
    if (source < 0 || target < 0) {
      throw new IllegalArgumentException("Link: positions must be >= 0, got " + source + "-"
          + target);
    }
  }

  @Override
  public int compareTo(Link o) {
    return source != o.source ? Integer.compare(source, o.source)
        : Integer.compare(target, o.target);
  }

  @Override
  public String toString() {
    return source + "-" + target;
  }
}
