/**
 * Decoding for any {@link org.attention4j.models.seq2seq.Seq2SeqModel}: batched {@link
 * org.attention4j.decode.GreedyDecoder} and {@link org.attention4j.decode.BeamSearch} (GNMT
 * length and coverage penalties, n-best lists, length limits, exact early stopping), both
 * returning {@link org.attention4j.decode.Hypothesis} records with tokens, scores and the
 * per-step attention for alignment display. They use only the contract's {@code start},
 * {@code step} and {@code DecoderState.select}; the models keep their own caches.
 */
package org.attention4j.decode;
