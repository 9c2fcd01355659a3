/**
 * The contract every encoder-decoder follows ({@link org.attention4j.models.seq2seq.Seq2SeqModel}):
 * teacher-forced forward, encode once, step per token with a reorderable {@link
 * org.attention4j.models.seq2seq.DecoderState}. Training, decoding and alignment code depend
 * on this package only, never on a particular family.
 */
package org.attention4j.models.seq2seq;
