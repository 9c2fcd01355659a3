package org.attention4j.nn;

import org.attention4j.tensor.Tensor;

/**
 * The recurrent step functions shared by the cells and the sequence modules. Each takes the input
 * projection {@code gi = x W_ih^T + b_ih} already computed (the sequence modules compute it for
 * all time steps in one matmul) and adds the hidden projection {@code h W_hh^T + b_hh}.
 */
final class Cells {
  private Cells() {}

  /**
   * One GRU step (Cho et al. 2014), gate order {@code r, z, n} as PyTorch:
   *
   * <pre>
   * r  = sigmoid(W_ir x + b_ir + W_hr h + b_hr)
   * z  = sigmoid(W_iz x + b_iz + W_hz h + b_hz)
   * n  = tanh(W_in x + b_in + r * (W_hn h + b_hn))
   * h' = (1 - z) * n + z * h  =  n + z * (h - n)
   * </pre>
   *
   * @param gi {@code (B, 3H)} input projection with {@code b_ih}
   * @param h {@code (B, H)}
   * @param bhh {@code (3H)} or {@code null}
   * @return {@code (B, H)}
   */
  static Tensor gru(Tensor gi, Tensor h, Tensor whh, Tensor bhh, int hidden) {
    Tensor gh = Linear.apply(h, whh, bhh); // (B, H) -> (B, 3H)
    Tensor rz = gi.narrow(1, 0, 2 * hidden).add(gh.narrow(1, 0, 2 * hidden)).sigmoid(); // (B, 2H)
    Tensor r = rz.narrow(1, 0, hidden);
    Tensor z = rz.narrow(1, hidden, hidden);
    Tensor n = gi.narrow(1, 2 * hidden, hidden).add(r.mul(gh.narrow(1, 2 * hidden, hidden))).tanh();
    return n.add(z.mul(h.sub(n))); // PyTorch's fused cell writes it this way too
  }

  /**
   * One LSTM step (Hochreiter &amp; Schmidhuber 1997, with the forget gate of Gers et al. 2000),
   * gate order {@code i, f, g, o} as PyTorch:
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
   * @param gi {@code (B, 4H)} input projection with {@code b_ih}
   * @param h {@code (B, H)}
   * @param c {@code (B, H)}
   * @param bhh {@code (4H)} or {@code null}
   * @return {@code h', c'}, each {@code (B, H)}
   */
  static LstmState lstm(Tensor gi, Tensor h, Tensor c, Tensor whh, Tensor bhh, int hidden) {
    Tensor gates = gi.add(Linear.apply(h, whh, bhh)); // (B, 4H)
    Tensor inForget = gates.narrow(1, 0, 2 * hidden).sigmoid(); // (B, 2H)
    Tensor i = inForget.narrow(1, 0, hidden);
    Tensor f = inForget.narrow(1, hidden, hidden);
    Tensor g = gates.narrow(1, 2 * hidden, hidden).tanh();
    Tensor o = gates.narrow(1, 3 * hidden, hidden).sigmoid();
    Tensor cNext = f.mul(c).add(i.mul(g));
    return new LstmState(o.mul(cNext.tanh()), cNext);
  }

  /** Checks a cell's input {@code (B, I)}. */
  static void checkInput(String op, Tensor x, int inputSize) {
    if (x.rank() != 2 || x.dim(1) != inputSize) {
      throw new IllegalArgumentException(op + ": input must be (batch, " + inputSize + "), got " + x.shape());
    }
  }

  /** Checks a cell's state operand {@code (B, H)}. */
  static void checkState(String op, String name, Tensor t, int batch, int hidden) {
    if (t.rank() != 2 || t.dim(0) != batch || t.dim(1) != hidden) {
      throw new IllegalArgumentException(
          op + ": " + name + " must be [" + batch + ", " + hidden + "] (batch, hidden), got " + t.shape());
    }
  }
}
