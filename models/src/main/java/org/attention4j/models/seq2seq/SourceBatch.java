package org.attention4j.models.seq2seq;

import org.attention4j.tensor.IntTensor;

/**
 * Source sentences as padded ids.
 *
 * @param ids {@code (B, S)}, padded with the model's pad id after each sentence's length
 * @param lengths real tokens per row, each in {@code 1..S}
 */
public record SourceBatch(IntTensor ids, int[] lengths) {
  public SourceBatch {
    if (ids.rank() != 2) throw new IllegalArgumentException("SourceBatch: ids must be (B, S), got " + ids.shape());
    if (lengths.length != ids.dim(0)) {
      throw new IllegalArgumentException("SourceBatch: " + lengths.length + " lengths for " + ids.dim(0) + " rows");
    }
    for (int b = 0; b < lengths.length; b++) {
      if (lengths[b] < 1 || lengths[b] > ids.dim(1)) {
        throw new IllegalArgumentException("SourceBatch: length " + lengths[b] + " of row " + b + " is outside 1.." + ids.dim(1));
      }
    }
    lengths = lengths.clone();
  }

  public int batch() {
    return ids.dim(0);
  }

  public int maxLength() {
    return ids.dim(1);
  }
}
