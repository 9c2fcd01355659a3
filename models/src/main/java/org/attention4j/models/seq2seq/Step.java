package org.attention4j.models.seq2seq;

import org.attention4j.tensor.Tensor;

/**
 * One decoding step.
 *
 * @param logProbs {@code (N, V)} log-probabilities of the next token for each row
 * @param attention {@code (N, S)} attention over the source at this step, or {@code null}
 * @param next the state after feeding the tokens
 */
public record Step(Tensor logProbs, Tensor attention, DecoderState next) {}
