package org.attention4j.models.rnn;

import java.util.random.RandomGenerator;
import org.attention4j.nn.GRU;
import org.attention4j.nn.LSTM;
import org.attention4j.nn.Module;
import org.attention4j.nn.RnnConfig;
import org.attention4j.nn.RnnOutput;
import org.attention4j.tensor.IntTensor;
import org.attention4j.tensor.Tensor;

/**
 * A stacked GRU or LSTM ({@link GRU}/{@link LSTM} of core, whose parameters it uses and whose
 * names the state dict keeps: {@code weight_ih_l0, ...}), run two ways:
 *
 * <ul>
 *   <li>{@link #run}: whole sequences, by the core module (input projections batched over time);
 *   <li>{@link #stepper}: one step at a time of a unidirectional stack whose first-layer input
 *       projection the caller has already computed, for decoders that feed something new at
 *       every step (an attention context, the previous attentional state). The caller splits
 *       {@code weight_ih_l0} by columns ({@link #inputBlocks}) so that the part for the target
 *       embeddings runs once over all steps and only the new part per step.
 * </ul>
 *
 * <p>{@link Stepper#step} repeats the equations of core's {@code Cells} (which is package-private),
 * gate order {@code r, z, n} for the GRU and {@code i, f, g, o} for the LSTM, written the same
 * way: {@code h' = n + z * (h - n)}.
 */
final class RnnStack {
  private final RnnConfig config;
  private final Module module;
  private final GRU gru;
  private final LSTM lstm;
  private final RandomGenerator rng;

  RnnStack(RnnCell cell, RnnConfig config, RandomGenerator rng) {
    this.config = config;
    this.rng = rng;
    this.gru = cell == RnnCell.GRU ? new GRU(config, rng) : null;
    this.lstm = cell == RnnCell.LSTM ? new LSTM(config, rng) : null;
    this.module = gru != null ? gru : lstm;
  }

  /** The core module, for registration as a child of the model. */
  Module module() {
    return module;
  }

  RnnConfig config() {
    return config;
  }

  boolean isLstm() {
    return lstm != null;
  }

  /**
   * Runs every layer over {@code x (B, T, I)} from {@code init} (null: zeros).
   *
   * @return output {@code (B, T, D * H)} and the final states {@code (L * D, B, H)}
   */
  RnnOutput run(Tensor x, int[] lengths, Layers init) {
    Tensor h0 = init == null ? null : Tensor.stack(0, init.h()); // L x (B, H) -> (L, B, H)
    if (gru != null) return gru.forward(x, lengths, h0);
    Tensor c0 = init == null ? null : Tensor.stack(0, init.c());
    return lstm.forward(x, lengths, h0, c0);
  }

  /** The final states of a unidirectional {@link #run} as per-layer states. */
  Layers finalStates(RnnOutput out) {
    int layers = config.numLayers();
    Tensor[] h = new Tensor[layers];
    Tensor[] c = isLstm() ? new Tensor[layers] : null;
    for (int l = 0; l < layers; l++) {
      h[l] = out.hN().select(0, l);
      if (c != null) c[l] = out.cN().select(0, l);
    }
    return new Layers(h, c);
  }

  /**
   * {@code weight_ih_l0 (G*H, I)} cut by columns into blocks of the given widths (views: their
   * gradients land in the one parameter).
   */
  Tensor[] inputBlocks(int... widths) {
    Tensor w = weightIh(0);
    Tensor[] out = new Tensor[widths.length];
    int at = 0;
    for (int i = 0; i < widths.length; i++) {
      out[i] = w.narrow(1, at, widths[i]); // (G*H, I) -> (G*H, w_i)
      at += widths[i];
    }
    if (at != w.dim(1)) throw new IllegalStateException("RnnStack: blocks of " + at + " columns for input " + w.shape());
    return out;
  }

  /** {@code bias_ih_l0 (G*H)}. */
  Tensor inputBias() {
    return gru != null ? gru.biasIh(0, false) : lstm.biasIh(0, false);
  }

  /**
   * The step function for one pass (a teacher-forced forward, or one decoding step): the
   * recurrent weights, and the input weights of layers above the first, are wrapped once in
   * {@link StepLinear}s so that their gradients are computed once per pass.
   */
  Stepper stepper() {
    return new Stepper();
  }

  /** One step of every layer (see {@link #stepper()}). */
  final class Stepper {
    private final StepLinear[] hidden;
    private final StepLinear[] input;

    private Stepper() {
      int layers = config.numLayers();
      hidden = new StepLinear[layers];
      input = new StepLinear[layers];
      for (int l = 0; l < layers; l++) {
        hidden[l] = new StepLinear(weightHh(l), biasHh(l));
        if (l > 0) input[l] = new StepLinear(weightIh(l), biasIh(l));
      }
    }

    /**
     * One step of every layer.
     *
     * @param gi0 the first layer's input projection {@code x W_ih^T + b_ih}, {@code (N, G*H)}
     * @param prev the states before the step
     * @param training whether to drop out between layers (as {@link #run} does)
     */
    Layers step(Tensor gi0, Layers prev, boolean training) {
      int layers = config.numLayers();
      int hidden = config.hiddenSize();
      Tensor[] h = new Tensor[layers];
      Tensor[] c = isLstm() ? new Tensor[layers] : null;
      Tensor x = null;
      for (int l = 0; l < layers; l++) {
        Tensor gi = gi0;
        if (l > 0) {
          if (training && config.dropout() > 0) x = x.dropout((float) config.dropout(), true, rng);
          gi = input[l].apply(x); // (N, H) -> (N, G*H)
        }
        Tensor gh = this.hidden[l].apply(prev.h()[l]); // (N, H) -> (N, G*H)
        if (!isLstm()) {
          Tensor rz = gi.narrow(1, 0, 2 * hidden).add(gh.narrow(1, 0, 2 * hidden)).sigmoid(); // (N, 2H)
          Tensor r = rz.narrow(1, 0, hidden);
          Tensor z = rz.narrow(1, hidden, hidden);
          Tensor n = gi.narrow(1, 2 * hidden, hidden).add(r.mul(gh.narrow(1, 2 * hidden, hidden))).tanh();
          h[l] = n.add(z.mul(prev.h()[l].sub(n)));
        } else {
          Tensor gates = gi.add(gh); // (N, 4H)
          Tensor inForget = gates.narrow(1, 0, 2 * hidden).sigmoid();
          Tensor i = inForget.narrow(1, 0, hidden);
          Tensor f = inForget.narrow(1, hidden, hidden);
          Tensor g = gates.narrow(1, 2 * hidden, hidden).tanh();
          Tensor o = gates.narrow(1, 3 * hidden, hidden).sigmoid();
          c[l] = f.mul(prev.c()[l]).add(i.mul(g));
          h[l] = o.mul(c[l].tanh());
        }
        x = h[l];
      }
      return new Layers(h, c);
    }
  }

  static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
    Tensor y = x.matmul(weight.transpose(0, 1)); // (..., in) @ (in, out) -> (..., out)
    return bias == null ? y : y.add(bias);
  }

  private Tensor weightIh(int layer) {
    return gru != null ? gru.weightIh(layer, false) : lstm.weightIh(layer, false);
  }

  private Tensor biasIh(int layer) {
    return gru != null ? gru.biasIh(layer, false) : lstm.biasIh(layer, false);
  }

  private Tensor weightHh(int layer) {
    return gru != null ? gru.weightHh(layer, false) : lstm.weightHh(layer, false);
  }

  private Tensor biasHh(int layer) {
    return gru != null ? gru.biasHh(layer, false) : lstm.biasHh(layer, false);
  }

  /**
   * Per-layer decoder states.
   *
   * @param h {@code L x (N, H)}
   * @param c {@code L x (N, H)} for an LSTM, else {@code null}
   */
  record Layers(Tensor[] h, Tensor[] c) {
    /** The top layer's hidden state {@code (N, H)}. */
    Tensor top() {
      return h[h.length - 1];
    }

    /** Rows {@code index} of every state. */
    Layers select(IntTensor index) {
      Tensor[] hs = new Tensor[h.length];
      Tensor[] cs = c == null ? null : new Tensor[c.length];
      for (int l = 0; l < h.length; l++) {
        hs[l] = h[l].indexSelect(0, index);
        if (cs != null) cs[l] = c[l].indexSelect(0, index);
      }
      return new Layers(hs, cs);
    }
  }
}
