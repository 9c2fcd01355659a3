package org.attention4j.nn;

import java.util.Objects;
import java.util.random.RandomGenerator;
import org.attention4j.tensor.Tensor;

/**
 * A multi-layer gated recurrent unit over a batch-first sequence (Cho et al. 2014), as PyTorch's
 * {@code nn.GRU(batch_first=True)}. Each step of each layer and direction computes
 *
 * <pre>
 * r_t = sigmoid(W_ir x_t + b_ir + W_hr h_(t-1) + b_hr)
 * z_t = sigmoid(W_iz x_t + b_iz + W_hz h_(t-1) + b_hz)
 * n_t = tanh(W_in x_t + b_in + r_t * (W_hn h_(t-1) + b_hn))
 * h_t = (1 - z_t) * n_t + z_t * h_(t-1)
 * </pre>
 *
 * <p>Parameters carry PyTorch's names, so state dicts map 1:1: for layer {@code k},
 * {@code weight_ih_lk (3H, in_k)}, {@code weight_hh_lk (3H, H)}, {@code bias_ih_lk (3H)},
 * {@code bias_hh_lk (3H)}, and the same with suffix {@code _reverse} for the backward direction;
 * {@code in_0 = I}, {@code in_k = D * H}. All start {@code U(-1/sqrt(H), 1/sqrt(H))}.
 *
 * <p>Variable-length batches pass {@code lengths}: each row then behaves as if run alone on its
 * first {@code lengths[b]} steps (PyTorch's packed sequences): zero output at padded steps,
 * {@code hN} after the last valid step, and the backward direction starting there.
 */
public final class GRU extends Module {
  private final RnnConfig config;
  private final Tensor[][] weights;
  private final RandomGenerator rng;

  /**
   * @param config sizes, layers, directions, dropout and bias
   * @param rng draws the initial values, then the dropout masks between layers
   */
  public GRU(RnnConfig config, RandomGenerator rng) {
    this.config = Objects.requireNonNull(config, "GRU: config is null");
    this.rng = Objects.requireNonNull(rng, "GRU: rng is null");
    this.weights = Recurrence.register(this, config, 3, rng);
  }

  /**
   * Runs every layer over the whole sequence.
   *
   * @param x {@code (B, T, I)}
   * @param lengths valid steps of each row, each in {@code 1..T}; {@code null} when all rows
   *     have {@code T}
   * @param h0 initial hidden states {@code (L * D, B, H)}, or {@code null} for zeros
   * @return {@code output (B, T, D * H)}, {@code hN (L * D, B, H)}; {@code cN} is {@code null}
   * @throws IllegalArgumentException if a shape does not match or a length is out of range
   */
  public RnnOutput forward(Tensor x, int[] lengths, Tensor h0) {
    return Recurrence.run("GRU", false, config, weights, x, lengths, h0, null, isTraining(), rng);
  }

  /** {@code forward(x, null, null)}. */
  public RnnOutput forward(Tensor x) {
    return forward(x, null, null);
  }

  public RnnConfig config() {
    return config;
  }

  /**
   * {@code weight_ih_l<layer>[_reverse]}: {@code (3H, in)}.
   *
   * @throws IllegalArgumentException if there is no such layer or direction
   */
  public Tensor weightIh(int layer, boolean reverse) {
    return Recurrence.weight("GRU", config, weights, layer, reverse, Recurrence.W_IH);
  }

  /** {@code weight_hh_l<layer>[_reverse]}: {@code (3H, H)}. */
  public Tensor weightHh(int layer, boolean reverse) {
    return Recurrence.weight("GRU", config, weights, layer, reverse, Recurrence.W_HH);
  }

  /** {@code bias_ih_l<layer>[_reverse]}: {@code (3H)}, or {@code null} without bias. */
  public Tensor biasIh(int layer, boolean reverse) {
    return Recurrence.weight("GRU", config, weights, layer, reverse, Recurrence.B_IH);
  }

  /** {@code bias_hh_l<layer>[_reverse]}: {@code (3H)}, or {@code null} without bias. */
  public Tensor biasHh(int layer, boolean reverse) {
    return Recurrence.weight("GRU", config, weights, layer, reverse, Recurrence.B_HH);
  }
}
