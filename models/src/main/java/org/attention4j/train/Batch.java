package org.attention4j.train;

import org.attention4j.models.seq2seq.SourceBatch;
import org.attention4j.models.seq2seq.TargetBatch;

/**
 * One padded batch, ready for {@link org.attention4j.models.seq2seq.Seq2SeqModel#forward}.
 *
 * @param indices the pairs of the batch, as indices into the batcher's list, row by row
 * @param source source ids {@code (B, S)}, padded
 * @param target {@code BOS + y} / {@code y + EOS}, {@code (B, T)}, padded
 * @param sourceTokens real source tokens
 * @param targetTokens real target outputs ({@code |y| + 1} per row): the positions the loss counts
 */
public record Batch(int[] indices, SourceBatch source, TargetBatch target, int sourceTokens, int targetTokens) {
  /** Rows. */
  public int size() {
    return indices.length;
  }
}
