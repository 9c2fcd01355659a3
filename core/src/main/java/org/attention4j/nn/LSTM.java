package org.attention4j.nn;

import java.util.Objects;
import java.util.random.RandomGenerator;
import org.attention4j.tensor.Tensor;

/**
 * A multi-layer long short-term memory over a batch-first sequence (Hochreiter &amp; Schmidhuber
 * 1997, with the forget gate of Gers et al. 2000), as PyTorch's {@code nn.LSTM(batch_first=True)}.
 * Each step of each layer and direction computes
 *
 * <pre>
 * i_t = sigmoid(W_ii x_t + b_ii + W_hi h_(t-1) + b_hi)
 * f_t = sigmoid(W_if x_t + b_if + W_hf h_(t-1) + b_hf)
 * g_t = tanh(W_ig x_t + b_ig + W_hg h_(t-1) + b_hg)
 * o_t = sigmoid(W_io x_t + b_io + W_ho h_(t-1) + b_ho)
 * c_t = f_t * c_(t-1) + i_t * g_t
 * h_t = o_t * tanh(c_t)
 * </pre>
 *
 * <p>Parameters carry PyTorch's names, so state dicts map 1:1: for layer {@code k},
 * {@code weight_ih_lk (4H, in_k)}, {@code weight_hh_lk (4H, H)}, {@code bias_ih_lk (4H)},
 * {@code bias_hh_lk (4H)}, and the same with suffix {@code _reverse} for the backward direction;
 * {@code in_0 = I}, {@code in_k = D * H}. All start {@code U(-1/sqrt(H), 1/sqrt(H))}. (No
 * projection: PyTorch's {@code proj_size} is not supported.)
 *
 * <p>Variable-length batches pass {@code lengths}: each row then behaves as if run alone on its
 * first {@code lengths[b]} steps (PyTorch's packed sequences): zero output at padded steps,
 * {@code hN}, {@code cN} after the last valid step, and the backward direction starting there.
 */
public final class LSTM extends Module {
  private final RnnConfig config;
  private final Tensor[][] weights;
  private final RandomGenerator rng;

  /**
   * @param config sizes, layers, directions, dropout and bias
   * @param rng draws the initial values, then the dropout masks between layers
   */
  public LSTM(RnnConfig config, RandomGenerator rng) {
    this.config = Objects.requireNonNull(config, "LSTM: config is null");
    this.rng = Objects.requireNonNull(rng, "LSTM: rng is null");
    this.weights = Recurrence.register(this, config, 4, rng);
  }

  /**
   * Runs every layer over the whole sequence.
   *
   * @param x {@code (B, T, I)}
   * @param lengths valid steps of each row, each in {@code 1..T}; {@code null} when all rows
   *     have {@code T}
   * @param h0 initial hidden states {@code (L * D, B, H)}, or {@code null} for zeros
   * @param c0 initial cell states {@code (L * D, B, H)}; {@code null} exactly when {@code h0} is
   * @return {@code output (B, T, D * H)}, {@code hN} and {@code cN}, each {@code (L * D, B, H)}
   * @throws IllegalArgumentException if a shape does not match, a length is out of range, or only
   *     one of {@code h0}, {@code c0} is given
   */
  public RnnOutput forward(Tensor x, int[] lengths, Tensor h0, Tensor c0) {
    return Recurrence.run("LSTM", true, config, weights, x, lengths, h0, c0, isTraining(), rng);
  }

  /** {@code forward(x, null, null, null)}. */
  public RnnOutput forward(Tensor x) {
    return forward(x, null, null, null);
  }

  public RnnConfig config() {
    return config;
  }

  /**
   * {@code weight_ih_l<layer>[_reverse]}: {@code (4H, in)}.
   *
   * @throws IllegalArgumentException if there is no such layer or direction
   */
  public Tensor weightIh(int layer, boolean reverse) {
    return Recurrence.weight("LSTM", config, weights, layer, reverse, Recurrence.W_IH);
  }

  /** {@code weight_hh_l<layer>[_reverse]}: {@code (4H, H)}. */
  public Tensor weightHh(int layer, boolean reverse) {
    return Recurrence.weight("LSTM", config, weights, layer, reverse, Recurrence.W_HH);
  }

  /** {@code bias_ih_l<layer>[_reverse]}: {@code (4H)}, or {@code null} without bias. */
  public Tensor biasIh(int layer, boolean reverse) {
    return Recurrence.weight("LSTM", config, weights, layer, reverse, Recurrence.B_IH);
  }

  /** {@code bias_hh_l<layer>[_reverse]}: {@code (4H)}, or {@code null} without bias. */
  public Tensor biasHh(int layer, boolean reverse) {
    return Recurrence.weight("LSTM", config, weights, layer, reverse, Recurrence.B_HH);
  }
}
