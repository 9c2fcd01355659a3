package org.attention4j.data.synthetic;

/** The grammatical role of a token in a {@link ReorderingGrammar} sentence. */
public enum Role {
  /** Source determiner: {@code the}, {@code a}, {@code an}. */
  DET,
  /** Noun; on the target side fused with its determiner ({@code kamo-ra}). */
  NOUN,
  /** Adjective. */
  ADJ,
  /** Verb: the inflected source verb ({@code watched}), or the target verb stem. */
  VERB,
  /** Target tense particle that follows the verb stem ({@code ta} past, {@code ru} present). */
  TENSE,
  /** Source preposition. */
  PREP,
  /** Target postposition (after its noun phrase). */
  POSTP,
  /** Conjunction between clauses. */
  CONJ
}
