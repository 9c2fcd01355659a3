/**
 * The Transformer encoder-decoder (Vaswani et al. 2017), following the Annotated Transformer's
 * order: {@code FeedForward}, {@code EncoderLayer}, {@code DecoderLayer}, {@code Encoder},
 * {@code Decoder}, {@link org.attention4j.models.transformer.Transformer}. The public surface is
 * the model, its validated {@link org.attention4j.models.transformer.TransformerConfig} and the
 * {@link org.attention4j.models.transformer.AttentionMaps} it returns for visualisation; blocks
 * and the decoding state are package-private.
 *
 * <p>The model implements {@link org.attention4j.models.seq2seq.Seq2SeqModel}, so training,
 * greedy and beam decoding ({@code org.attention4j.decode}) and alignment extraction work with it
 * as with the recurrent families. Attention goes through {@link
 * org.attention4j.attention.MultiHeadAttention} and its fused kernel; incremental decoding uses
 * {@link org.attention4j.attention.KVCache}.
 */
package org.attention4j.models.transformer;
