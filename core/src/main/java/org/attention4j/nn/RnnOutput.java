package org.attention4j.nn;

import org.attention4j.tensor.Tensor;

/**
 * What a {@link GRU} or {@link LSTM} returns.
 *
 * @param output {@code (B, T, D * H)}: the last layer's hidden state at every step, forward
 *     direction first then backward; exactly zero at padded steps
 * @param hN {@code (L * D, B, H)}: each layer and direction's hidden state after its last valid
 *     step (index {@code layer * D + direction}, as PyTorch's {@code h_n})
 * @param cN {@code (L * D, B, H)}: the LSTM cell state, as {@code hN}; {@code null} for a GRU
 */
public record RnnOutput(Tensor output, Tensor hN, Tensor cN) {}
