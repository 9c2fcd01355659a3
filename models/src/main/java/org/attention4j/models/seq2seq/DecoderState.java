package org.attention4j.models.seq2seq;

/**
 * What a decoder carries between steps for each of its rows (hypotheses): recurrent state,
 * key-value caches, the encoder memory and its mask. Immutable from the outside: {@link
 * #select} makes the state that beam search needs after choosing which hypotheses survive.
 */
public interface DecoderState {
  /** Number of rows (hypotheses). */
  int rows();

  /**
   * The state whose row {@code i} is this state's row {@code rows[i]}; rows may repeat (beam
   * expansion: {@code [0, 0, 0, 1, 1, 1]} gives each source three hypotheses).
   *
   * @throws IllegalArgumentException if an index is out of range
   */
  DecoderState select(int[] rows);

  /** Position of the next token to decode (0 before the first step). */
  int position();
}
