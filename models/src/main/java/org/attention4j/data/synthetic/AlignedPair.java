package org.attention4j.data.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A generated sentence pair with its gold word alignment.
 *
 * <p>Links follow the convention of alignment error rate (Och &amp; Ney 2003): {@code sure}
 * links are unambiguous; {@code possible} holds every acceptable link, the sure ones included
 * (S ⊆ P). In this grammar the only possible-but-not-sure links join a determiner to the
 * target word that fuses it with its noun.
 *
 * @param source source tokens
 * @param target target tokens
 * @param sourceRoles the role of each source token
 * @param targetRoles the role of each target token
 * @param sure sure links, sorted
 * @param possible possible links (a superset of {@code sure}), sorted
 */
public record AlignedPair(List<String> source, List<String> target, List<Role> sourceRoles,
    List<Role> targetRoles, List<Link> sure, List<Link> possible) {

  public AlignedPair {
    source = List.copyOf(source);
    target = List.copyOf(target);
    sourceRoles = List.copyOf(sourceRoles);
    targetRoles = List.copyOf(targetRoles);
    sure = List.copyOf(new TreeSet<>(sure));
    possible = List.copyOf(new TreeSet<>(possible));
    if (sourceRoles.size() != source.size() || targetRoles.size() != target.size()) {
      throw new IllegalArgumentException("AlignedPair: " + source.size() + " source tokens but "
          + sourceRoles.size() + " roles, " + target.size() + " target tokens but "
          + targetRoles.size() + " roles");
    }
    for (Link l : possible) {
      if (l.source() >= source.size() || l.target() >= target.size()) {
        throw new IllegalArgumentException("AlignedPair: link " + l + " is out of range for "
            + source.size() + " source and " + target.size() + " target tokens");
      }
    }
    if (!possible.containsAll(sure)) {
      List<Link> missing = new ArrayList<>(sure);
      missing.removeAll(possible);
      throw new IllegalArgumentException("AlignedPair: sure links " + missing
          + " are not among the possible links (S must be a subset of P)");
    }
  }

  /** The source sentence: tokens joined by single spaces. */
  public String sourceText() {
    return String.join(" ", source);
  }

  /** The target sentence: tokens joined by single spaces. */
  public String targetText() {
    return String.join(" ", target);
  }

  /** The sure links in Pharaoh notation: {@code 0-0 1-0 2-3 ...}. */
  public String surePharaoh() {
    return PharaohFile.format(sure);
  }

  /** The possible links (sure included) in Pharaoh notation. */
  public String possiblePharaoh() {
    return PharaohFile.format(possible);
  }
}
