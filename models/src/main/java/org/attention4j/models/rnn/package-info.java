/**
 * The recurrent encoder-decoders of the literature behind the {@link
 * org.attention4j.models.seq2seq.Seq2SeqModel} contract:
 *
 * <ul>
 *   <li>{@link org.attention4j.models.rnn.PlainSeq2Seq} ({@code plain}): no attention, one
 *       fixed-length context vector (Cho et al. 2014);
 *   <li>{@link org.attention4j.models.rnn.BahdanauSeq2Seq} ({@code bahdanau}): RNNsearch, additive
 *       attention from the previous decoder state (Bahdanau et al. 2015);
 *   <li>{@link org.attention4j.models.rnn.LuongSeq2Seq} ({@code luong-dot}, {@code luong-general},
 *       {@code luong-concat}, {@code luong-location}, {@code local-m}, {@code local-p}): attention
 *       from the current decoder state, attentional hidden state, input feeding (Luong et al. 2015).
 * </ul>
 *
 * One validated record, {@link org.attention4j.models.rnn.RnnSeq2SeqConfig}, configures them all
 * (defaults in {@link org.attention4j.models.rnn.RnnSeq2SeqConfig#defaults}); {@link
 * org.attention4j.models.rnn.RnnSeq2Seq} builds them, also from a checkpoint's config map. The
 * blocks (the stepped RNN stack, the attention memory, the decoder state) are package-private.
 *
 * <p>Shared conventions: embeddings use the pad id as padding index; the encoder honours source
 * lengths and attention masks padded source positions ({@code Mask.keyPadding}); keys are
 * projected once per source and reused at every step and by every beam hypothesis; the output
 * layer runs once over all steps of a teacher-forced pass; {@code step} computes what
 * {@code forward} computes, one position at a time.
 */
package org.attention4j.models.rnn;
