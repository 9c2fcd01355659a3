/**
 * The attention family behind one API: every mechanism returns an {@link
 * org.attention4j.attention.AttentionResult} (context and weights); nothing is stashed in fields.
 *
 * <ul>
 *   <li>Scores ({@link org.attention4j.attention.Score}): dot, scaled dot, general/bilinear,
 *       additive (Bahdanau), concat and location (Luong), cosine with sharpness (NTM).
 *   <li>Normalisers ({@link org.attention4j.attention.Normaliser}): softmax, sparsemax, hard
 *       argmax, Gumbel-softmax straight-through; stochastic hard attention with REINFORCE.
 *   <li>Windows ({@link org.attention4j.attention.Window}): global, local-m, local-p.
 *   <li>{@link org.attention4j.attention.Attention} composes a score, a normaliser and a window
 *       for RNN encoder-decoders; {@link org.attention4j.attention.MultiHeadAttention} (with a
 *       {@link org.attention4j.attention.KVCache}) and {@link
 *       org.attention4j.attention.ScaledDotProductAttention} serve Transformers. Rank-4 attention
 *       runs on {@link org.attention4j.attention.FusedAttention} (FlashAttention-2 style: extra
 *       memory linear in the sequence length). Weights asked for cost only their own memory:
 *       per-head weights are computed first and the output from them; averaged weights (or
 *       weights under dropout) are recomputed exactly from the saved row log-sum-exp. Requesting
 *       them never forces the quadratic-memory path.
 *   <li>Memory: {@link org.attention4j.attention.KeyValueMemory} read and write, {@link
 *       org.attention4j.attention.NtmAddressing}.
 * </ul>
 *
 * <p>Masks ({@link org.attention4j.attention.Mask}) use one polarity everywhere: {@code true}
 * means "may attend". A query that may attend to nothing gets zero weights and a zero context,
 * forward and backward, never NaN.
 */
package org.attention4j.attention;
