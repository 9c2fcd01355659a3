package org.attention4j.nn;

import java.util.Objects;
import org.attention4j.tensor.Tensor;

/**
 * The state of an {@link LSTMCell}: hidden state {@code h} and cell state {@code c}, each
 * {@code (B, H)}.
 *
 * @param h hidden state {@code (B, H)}
 * @param c cell state {@code (B, H)}
 */
public record LstmState(Tensor h, Tensor c) {
  /** Both must be given. */
  public LstmState {
    Objects.requireNonNull(h, "LstmState: h is null");
    Objects.requireNonNull(c, "LstmState: c is null");
  }
}
