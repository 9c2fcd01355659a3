package org.attention4j.cli.viz;

import org.attention4j.eval.Alignment;

/**
 * One sentence to run a translation model on.
 *
 * @param id names it in pages and reports ({@code "line 3"})
 * @param source the source text
 * @param target a reference translation to teacher-force, or {@code null} to decode one greedily
 * @param gold gold alignment links ({@code source-target} word positions), or {@code null}
 */
record Example(String id, String source, String target, Alignment gold) {
  Example {
    if (source == null || source.isBlank()) throw new IllegalArgumentException(id + ": the source sentence is empty");
    if (target != null && target.isBlank()) target = null;
  }

  static Example of(String id, String source) {
    return new Example(id, source, null, null);
  }
}
