package org.attention4j.models.seq2seq;

import org.attention4j.tensor.Tensor;

/**
 * The result of a teacher-forced pass.
 *
 * @param logits {@code (B, T, V)} next-token scores at every target position
 * @param attention {@code (B, T, S)} encoder-decoder attention (for RNN models the attention of
 *     each step; for Transformers the heads of the last decoder layer averaged), or {@code null}
 *     when not requested or the model has none
 */
public record TeacherForced(Tensor logits, Tensor attention) {}
