package org.attention4j.nn;

import java.util.Objects;
import java.util.random.RandomGenerator;
import org.attention4j.tensor.Tensor;

/**
 * One step of a long short-term memory (Hochreiter &amp; Schmidhuber 1997, "Long Short-Term
 * Memory"; forget gate from Gers, Schmidhuber &amp; Cummins 2000), as PyTorch's
 * {@code nn.LSTMCell}:
 *
 * <pre>
 * i  = sigmoid(W_ii x + b_ii + W_hi h + b_hi)
 * f  = sigmoid(W_if x + b_if + W_hf h + b_hf)
 * g  = tanh(W_ig x + b_ig + W_hg h + b_hg)
 * o  = sigmoid(W_io x + b_io + W_ho h + b_ho)
 * c' = f * c + i * g
 * h' = o * tanh(c')
 * </pre>
 *
 * <p>Parameters (PyTorch names and layouts, gates stacked {@code i, f, g, o}):
 * {@code weight_ih (4H, I)}, {@code weight_hh (4H, H)}, {@code bias_ih (4H)},
 * {@code bias_hh (4H)}, all initialised {@code U(-1/sqrt(H), 1/sqrt(H))}.
 */
public final class LSTMCell extends Module {
  private final int inputSize;
  private final int hiddenSize;
  private final Tensor weightIh;
  private final Tensor weightHh;
  private final Tensor biasIh;
  private final Tensor biasHh;

  /**
   * @param inputSize {@code I}
   * @param hiddenSize {@code H}
   * @param bias whether to learn {@code bias_ih} and {@code bias_hh}
   * @param rng draws the initial values
   * @throws IllegalArgumentException if a size is not positive
   */
  public LSTMCell(int inputSize, int hiddenSize, boolean bias, RandomGenerator rng) {
    Recurrence.checkSizes("LSTMCell", inputSize, hiddenSize);
    Objects.requireNonNull(rng, "LSTMCell: rng is null");
    this.inputSize = inputSize;
    this.hiddenSize = hiddenSize;
    double k = 1 / Math.sqrt(hiddenSize);
    this.weightIh = parameter("weight_ih", Init.uniform(Tensor.zeros(4 * hiddenSize, inputSize), -k, k, rng));
    this.weightHh = parameter("weight_hh", Init.uniform(Tensor.zeros(4 * hiddenSize, hiddenSize), -k, k, rng));
    this.biasIh = bias ? parameter("bias_ih", Init.uniform(Tensor.zeros(4 * hiddenSize), -k, k, rng)) : null;
    this.biasHh = bias ? parameter("bias_hh", Init.uniform(Tensor.zeros(4 * hiddenSize), -k, k, rng)) : null;
  }

  /**
   * The next state.
   *
   * @param x {@code (B, I)}
   * @param state {@code h, c}, each {@code (B, H)}, or {@code null} for zeros
   * @return {@code h', c'}, each {@code (B, H)}
   * @throws IllegalArgumentException if the shapes do not match
   */
  public LstmState forward(Tensor x, LstmState state) {
    Cells.checkInput("LSTMCell", x, inputSize);
    int batch = x.dim(0);
    if (state == null) state = new LstmState(Tensor.zeros(batch, hiddenSize), Tensor.zeros(batch, hiddenSize));
    Cells.checkState("LSTMCell", "h", state.h(), batch, hiddenSize);
    Cells.checkState("LSTMCell", "c", state.c(), batch, hiddenSize);
    return Cells.lstm(Linear.apply(x, weightIh, biasIh), state.h(), state.c(), weightHh, biasHh, hiddenSize);
  }

  /** {@code (4H, I)}. */
  public Tensor weightIh() {
    return weightIh;
  }

  /** {@code (4H, H)}. */
  public Tensor weightHh() {
    return weightHh;
  }

  /** {@code (4H)} or {@code null}. */
  public Tensor biasIh() {
    return biasIh;
  }

  /** {@code (4H)} or {@code null}. */
  public Tensor biasHh() {
    return biasHh;
  }
}
