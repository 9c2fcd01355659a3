package org.attention4j.eval;

import java.util.Collection;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A word alignment of one sentence pair with Och and Ney's (2003) two kinds of gold links: sure
 * links S (unambiguous) and possible links P (plausible, e.g. for idioms), with S ⊆ P. A
 * predicted alignment has only sure links ({@link #of}).
 *
 * @param sure the sure links S, sorted
 * @param possible the possible links P, sorted; always contains every sure link
 */
public record Alignment(SortedSet<Link> sure, SortedSet<Link> possible) {
  /** Keeps sorted, unmodifiable copies and adds the sure links to the possible ones. */
  public Alignment {
    TreeSet<Link> s = new TreeSet<>(sure);
    TreeSet<Link> p = new TreeSet<>(possible);
    p.addAll(s);
    sure = Collections.unmodifiableSortedSet(s);
    possible = Collections.unmodifiableSortedSet(p);
  }

  /** An alignment whose links are all sure (a predicted alignment). */
  public static Alignment of(Collection<Link> links) {
    return new Alignment(new TreeSet<>(links), new TreeSet<>());
  }

  /** The empty alignment. */
  public static Alignment empty() {
    return of(java.util.List.of());
  }

  /** Pharaoh form: {@code "0-0 1-2 2?1"} (see {@link Pharaoh#format}). */
  @Override
  public String toString() {
    return Pharaoh.format(this);
  }
}
