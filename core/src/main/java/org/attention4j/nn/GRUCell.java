package org.attention4j.nn;

import java.util.Objects;
import java.util.random.RandomGenerator;
import org.attention4j.tensor.Tensor;

/**
 * One step of a gated recurrent unit (Cho et al. 2014, "Learning Phrase Representations using RNN
 * Encoder-Decoder for Statistical Machine Translation"), as PyTorch's {@code nn.GRUCell}:
 *
 * <pre>
 * r  = sigmoid(W_ir x + b_ir + W_hr h + b_hr)
 * z  = sigmoid(W_iz x + b_iz + W_hz h + b_hz)
 * n  = tanh(W_in x + b_in + r * (W_hn h + b_hn))
 * h' = (1 - z) * n + z * h
 * </pre>
 *
 * <p>Parameters (PyTorch names and layouts, gates stacked {@code r, z, n}):
 * {@code weight_ih (3H, I)}, {@code weight_hh (3H, H)}, {@code bias_ih (3H)},
 * {@code bias_hh (3H)}, all initialised {@code U(-1/sqrt(H), 1/sqrt(H))}.
 */
public final class GRUCell extends Module {
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
  public GRUCell(int inputSize, int hiddenSize, boolean bias, RandomGenerator rng) {
    Recurrence.checkSizes("GRUCell", inputSize, hiddenSize);
    Objects.requireNonNull(rng, "GRUCell: rng is null");
    this.inputSize = inputSize;
    this.hiddenSize = hiddenSize;
    double k = 1 / Math.sqrt(hiddenSize);
    this.weightIh = parameter("weight_ih", Init.uniform(Tensor.zeros(3 * hiddenSize, inputSize), -k, k, rng));
    this.weightHh = parameter("weight_hh", Init.uniform(Tensor.zeros(3 * hiddenSize, hiddenSize), -k, k, rng));
    this.biasIh = bias ? parameter("bias_ih", Init.uniform(Tensor.zeros(3 * hiddenSize), -k, k, rng)) : null;
    this.biasHh = bias ? parameter("bias_hh", Init.uniform(Tensor.zeros(3 * hiddenSize), -k, k, rng)) : null;
  }

  /**
   * The next hidden state.
   *
   * @param x {@code (B, I)}
   * @param h {@code (B, H)}, or {@code null} for zeros
   * @return {@code (B, H)}
   * @throws IllegalArgumentException if the shapes do not match
   */
  public Tensor forward(Tensor x, Tensor h) {
    Cells.checkInput("GRUCell", x, inputSize);
    int batch = x.dim(0);
    if (h == null) h = Tensor.zeros(batch, hiddenSize);
    Cells.checkState("GRUCell", "h", h, batch, hiddenSize);
    return Cells.gru(Linear.apply(x, weightIh, biasIh), h, weightHh, biasHh, hiddenSize);
  }

  /** {@code (3H, I)}. */
  public Tensor weightIh() {
    return weightIh;
  }

  /** {@code (3H, H)}. */
  public Tensor weightHh() {
    return weightHh;
  }

  /** {@code (3H)} or {@code null}. */
  public Tensor biasIh() {
    return biasIh;
  }

  /** {@code (3H)} or {@code null}. */
  public Tensor biasHh() {
    return biasHh;
  }
}
