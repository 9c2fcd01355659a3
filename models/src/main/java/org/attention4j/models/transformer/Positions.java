package org.attention4j.models.transformer;

import org.attention4j.nn.LearnedPositionalEncoding;
import org.attention4j.nn.SinusoidalPositionalEncoding;
import org.attention4j.tensor.Tensor;

/**
 * Adds the encodings of positions {@code offset .. offset + T - 1} to {@code (B, T, d)} inputs,
 * for either kind; incremental decoding asks for one position at an offset, which the {@code nn}
 * encodings (positions from 0) do not offer.
 */
final class Positions {
  private final String side;
  private final int maxLength;
  private final Tensor sinusoidTable;
  private final LearnedPositionalEncoding learned;

  private Positions(String side, int maxLength, Tensor sinusoidTable, LearnedPositionalEncoding learned) {
    this.side = side;
    this.maxLength = maxLength;
    this.sinusoidTable = sinusoidTable;
    this.learned = learned;
  }

  static Positions sinusoidal(String side, int maxLength, int dim) {
    return new Positions(side, maxLength, new SinusoidalPositionalEncoding(maxLength, dim).table(maxLength), null);
  }

  /** Reads the rows of {@code learned}, which the owner registers as its child. */
  static Positions learned(String side, LearnedPositionalEncoding learned) {
    return new Positions(side, learned.maxLen(), null, learned);
  }

  /**
   * {@code x + PE[offset : offset + T]}, broadcast over the batch.
   *
   * @throws IllegalArgumentException if the positions run past {@code maxLength}
   */
  Tensor add(Tensor x, int offset) {
    int t = x.dim(1);
    if (offset + t > maxLength) {
      throw new IllegalArgumentException("Transformer: " + side + " position " + (offset + t - 1)
          + " is beyond maxLength " + maxLength + " (positions 0.." + (maxLength - 1) + "; raise maxLength in TransformerConfig)");
    }
    Tensor table = learned != null ? learned.weight() : sinusoidTable;
    return x.add(table.narrow(0, offset, t)); // (B, T, d) + (T, d)
  }
}
