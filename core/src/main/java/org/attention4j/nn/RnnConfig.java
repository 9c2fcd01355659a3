package org.attention4j.nn;

/**
 * The shape of a {@link GRU} or {@link LSTM}, as the constructor arguments of PyTorch's
 * {@code nn.GRU} / {@code nn.LSTM} (always {@code batch_first}).
 *
 * @param inputSize features per time step of the input, {@code I}
 * @param hiddenSize features of the hidden state, {@code H}
 * @param numLayers stacked layers {@code L}; layer {@code k > 0} reads the {@code D * H}
 *     outputs of layer {@code k - 1}
 * @param bidirectional whether each layer also runs backwards in time ({@code D = 2})
 * @param dropout probability of dropping the outputs of every layer but the last, in training
 *     mode (no effect with one layer)
 * @param bias whether the layers learn {@code bias_ih} and {@code bias_hh}
 */
public record RnnConfig(int inputSize, int hiddenSize, int numLayers, boolean bidirectional, double dropout, boolean bias) {
  /**
   * @throws IllegalArgumentException if a size is not positive or {@code dropout} is outside
   *     {@code [0, 1]}
   */
  public RnnConfig {
    if (inputSize <= 0) throw new IllegalArgumentException("RnnConfig: inputSize must be positive, got " + inputSize);
    if (hiddenSize <= 0) throw new IllegalArgumentException("RnnConfig: hiddenSize must be positive, got " + hiddenSize);
    if (numLayers <= 0) throw new IllegalArgumentException("RnnConfig: numLayers must be positive, got " + numLayers);
    if (!(dropout >= 0 && dropout <= 1)) {
      throw new IllegalArgumentException("RnnConfig: dropout must be in [0, 1], got " + dropout);
    }
  }

  /** One unidirectional layer with biases and no dropout (PyTorch's defaults). */
  public RnnConfig(int inputSize, int hiddenSize) {
    this(inputSize, hiddenSize, 1, false, 0.0, true);
  }

  /** {@code D}: 2 when bidirectional, else 1. */
  public int directions() {
    return bidirectional ? 2 : 1;
  }
}
