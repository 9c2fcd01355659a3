package org.attention4j.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.attention4j.tensor.Tensor;

/**
 * The multi-layer, optionally bidirectional, length-aware recurrence behind {@link GRU} and
 * {@link LSTM}.
 *
 * <p>Per layer and direction the input projection {@code x W_ih^T + b_ih} is one matmul over all
 * {@code B * T} rows; the loop over time then does only {@code h W_hh^T + b_hh} and the gates.
 *
 * <p>Padding: a step {@code t >= lengths[b]} must neither change row {@code b}'s state nor
 * produce output. With {@code m} the step's {@code (B, 1)} 0/1 mask the state update is
 * {@code h = m * h_new + (1 - m) * h_old} and the output {@code m * h_new}: exact in value (no
 * rounding when {@code m} is 0 or 1) and in gradient. The backward direction runs from
 * {@code T - 1} down to 0, so each row keeps its initial state through its padding and starts at
 * its own last valid step, as PyTorch's packed sequences do. Steps before the shortest length
 * skip the masking.
 */
final class Recurrence {
  private Recurrence() {}

  // Slots of one layer-direction's weights.
  static final int W_IH = 0;
  static final int W_HH = 1;
  static final int B_IH = 2;
  static final int B_HH = 3;

  static void checkSizes(String op, int inputSize, int hiddenSize) {
    if (inputSize <= 0 || hiddenSize <= 0) {
      throw new IllegalArgumentException(
          op + ": input_size and hidden_size must be positive, got " + inputSize + " and " + hiddenSize);
    }
  }

  /**
   * Registers the parameters of every layer and direction on {@code m} under PyTorch's names and
   * in PyTorch's order ({@code weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0,
   * weight_ih_l0_reverse, ...}), initialised {@code U(-1/sqrt(H), 1/sqrt(H))}.
   *
   * @param gates 3 for a GRU, 4 for an LSTM
   * @return {@code [layer * D + direction][W_IH, W_HH, B_IH, B_HH]}; biases {@code null} without bias
   */
  static Tensor[][] register(Module m, RnnConfig cfg, int gates, RandomGenerator rng) {
    int dirs = cfg.directions();
    int hidden = cfg.hiddenSize();
    double k = 1 / Math.sqrt(hidden);
    Tensor[][] w = new Tensor[cfg.numLayers() * dirs][4];
    for (int layer = 0; layer < cfg.numLayers(); layer++) {
      int in = layer == 0 ? cfg.inputSize() : hidden * dirs;
      for (int d = 0; d < dirs; d++) {
        String suffix = "_l" + layer + (d == 1 ? "_reverse" : "");
        Tensor[] p = w[layer * dirs + d];
        p[W_IH] = m.parameter("weight_ih" + suffix, Init.uniform(Tensor.zeros(gates * hidden, in), -k, k, rng));
        p[W_HH] = m.parameter("weight_hh" + suffix, Init.uniform(Tensor.zeros(gates * hidden, hidden), -k, k, rng));
        if (cfg.bias()) {
          p[B_IH] = m.parameter("bias_ih" + suffix, Init.uniform(Tensor.zeros(gates * hidden), -k, k, rng));
          p[B_HH] = m.parameter("bias_hh" + suffix, Init.uniform(Tensor.zeros(gates * hidden), -k, k, rng));
        }
      }
    }
    return w;
  }

  /** The weight of one layer and direction, with a clear error for a bad index. */
  static Tensor weight(String op, RnnConfig cfg, Tensor[][] w, int layer, boolean reverse, int slot) {
    if (layer < 0 || layer >= cfg.numLayers()) {
      throw new IllegalArgumentException(op + ": layer " + layer + " out of range for " + cfg.numLayers() + " layer(s)");
    }
    if (reverse && !cfg.bidirectional()) {
      throw new IllegalArgumentException(op + ": there is no reverse direction; the module is not bidirectional");
    }
    return w[layer * cfg.directions() + (reverse ? 1 : 0)][slot];
  }

  /**
   * Runs the recurrence; the functional form of {@link GRU#forward} and {@link LSTM#forward}.
   *
   * @param x {@code (B, T, I)}
   * @param lengths valid steps per row ({@code 1..T}), or {@code null} for all {@code T}
   * @param h0 {@code (L * D, B, H)} or {@code null} for zeros
   * @param c0 LSTM only: {@code (L * D, B, H)} or {@code null} for zeros; given exactly when h0 is
   * @param lstm whether the cell is an LSTM (else a GRU)
   */
  static RnnOutput run(String op, boolean lstm, RnnConfig cfg, Tensor[][] w, Tensor x, int[] lengths,
      Tensor h0, Tensor c0, boolean training, RandomGenerator rng) {
    int dirs = cfg.directions();
    int hidden = cfg.hiddenSize();
    if (x.rank() != 3 || x.dim(2) != cfg.inputSize()) {
      throw new IllegalArgumentException(
          op + ": input must be (batch, time, " + cfg.inputSize() + "), got " + x.shape());
    }
    int batch = x.dim(0);
    int steps = x.dim(1);
    if (batch == 0 || steps == 0) throw new IllegalArgumentException(op + ": input " + x.shape() + " is empty");
    Tensor[] masks = lengths == null ? null : stepMasks(op, lengths, batch, steps);
    int[] stateShape = {cfg.numLayers() * dirs, batch, hidden};
    checkState(op, "h0", h0, stateShape);
    if (lstm) {
      if ((h0 == null) != (c0 == null)) {
        throw new IllegalArgumentException(op + ": h0 and c0 must be given together (h0 "
            + (h0 == null ? "null" : "given") + ", c0 " + (c0 == null ? "null" : "given") + ")");
      }
      checkState(op, "c0", c0, stateShape);
    }

    Tensor input = x;
    List<Tensor> hN = new ArrayList<>();
    List<Tensor> cN = new ArrayList<>();
    for (int layer = 0; layer < cfg.numLayers(); layer++) {
      if (layer > 0 && training && cfg.dropout() > 0) input = input.dropout((float) cfg.dropout(), true, rng);
      List<Tensor> outputs = new ArrayList<>(dirs);
      for (int d = 0; d < dirs; d++) {
        int index = layer * dirs + d;
        Tensor[] p = w[index];
        Tensor gi = Linear.apply(input, p[W_IH], p[B_IH]); // (B, T, in) -> (B, T, G*H), all steps at once
        Tensor h = h0 == null ? Tensor.zeros(batch, hidden) : h0.select(0, index); // (B, H)
        Tensor c = !lstm ? null : c0 == null ? Tensor.zeros(batch, hidden) : c0.select(0, index);
        Tensor[] stepInputs = new Tensor[steps];
        splitSteps(gi, 0, steps, stepInputs);
        Tensor[] out = new Tensor[steps];
        for (int s = 0; s < steps; s++) {
          int t = d == 0 ? s : steps - 1 - s;
          Tensor g = stepInputs[t]; // (B, G*H)
          Tensor hNew;
          Tensor cNew = null;
          if (lstm) {
            LstmState next = Cells.lstm(g, h, c, p[W_HH], p[B_HH], hidden);
            hNew = next.h();
            cNew = next.c();
          } else {
            hNew = Cells.gru(g, h, p[W_HH], p[B_HH], hidden);
          }
          Tensor m = masks == null ? null : masks[t];
          if (m == null) {
            h = hNew;
            c = cNew;
            out[t] = hNew;
          } else {
            Tensor keep = m.neg().add(1f); // (B, 1): 1 - m
            h = hNew.mul(m).add(h.mul(keep));
            if (lstm) c = cNew.mul(m).add(c.mul(keep));
            out[t] = hNew.mul(m);
          }
        }
        outputs.add(Tensor.stack(1, out)); // T x (B, H) -> (B, T, H)
        hN.add(h);
        if (lstm) cN.add(c);
      }
      input = dirs == 1 ? outputs.get(0) : Tensor.concat(2, outputs); // (B, T, D*H)
    }
    return new RnnOutput(input, Tensor.stack(0, hN), lstm ? Tensor.stack(0, cN) : null);
  }

  /**
   * The time steps {@code from..from+count-1} of {@code x (B, count, G)} as {@code (B, G)} views
   * into {@code out}, cut by halving. A narrow's backward materialises a gradient as large as
   * its input, so cutting {@code T} steps straight from {@code (B, T, G)} would cost
   * {@code O(T^2 B G)} in the backward pass; halving costs {@code O(T log T B G)}.
   */
  private static void splitSteps(Tensor x, int from, int count, Tensor[] out) {
    if (count == 1) {
      out[from] = x.select(1, 0);
      return;
    }
    int half = count / 2;
    splitSteps(x.narrow(1, 0, half), from, half, out);
    splitSteps(x.narrow(1, half, count - half), from + half, count - half, out);
  }

  /** Per step, the {@code (B, 1)} 0/1 mask of rows still running, or null when all are. */
  private static Tensor[] stepMasks(String op, int[] lengths, int batch, int steps) {
    if (lengths.length != batch) {
      throw new IllegalArgumentException(
          op + ": lengths has " + lengths.length + " entries for a batch of " + batch);
    }
    int shortest = steps;
    for (int b = 0; b < batch; b++) {
      if (lengths[b] < 1 || lengths[b] > steps) {
        throw new IllegalArgumentException(
            op + ": lengths[" + b + "] = " + lengths[b] + " is outside 1.." + steps + " (the input has " + steps + " time steps)");
      }
      shortest = Math.min(shortest, lengths[b]);
    }
    Tensor[] masks = new Tensor[steps];
    for (int t = shortest; t < steps; t++) {
      float[] m = new float[batch];
      for (int b = 0; b < batch; b++) m[b] = t < lengths[b] ? 1f : 0f;
      masks[t] = Tensor.of(m, batch, 1);
    }
    return masks;
  }

  private static void checkState(String op, String name, Tensor t, int[] shape) {
    if (t == null) return;
    if (!java.util.Arrays.equals(t.shape().toArray(), shape)) {
      throw new IllegalArgumentException(op + ": " + name + " must be " + java.util.Arrays.toString(shape)
          + " (layers * directions, batch, hidden), got " + t.shape());
    }
  }
}
