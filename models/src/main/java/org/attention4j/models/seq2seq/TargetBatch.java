package org.attention4j.models.seq2seq;

import org.attention4j.tensor.IntTensor;

/**
 * Target sentences for teacher forcing.
 *
 * @param input {@code (B, T)}: BOS followed by the sentence, padded
 * @param output {@code (B, T)}: the sentence followed by EOS, padded (the loss ignores padding)
 * @param lengths {@code 1 + tokens} per row (the EOS-terminated length), each in {@code 1..T}
 */
public record TargetBatch(IntTensor input, IntTensor output, int[] lengths) {
  public TargetBatch {
    if (input.rank() != 2 || !input.shape().equals(output.shape())) {
      throw new IllegalArgumentException("TargetBatch: input " + input.shape() + " and output " + output.shape() + " must be equal (B, T)");
    }
    if (lengths.length != input.dim(0)) {
      throw new IllegalArgumentException("TargetBatch: " + lengths.length + " lengths for " + input.dim(0) + " rows");
    }
    for (int b = 0; b < lengths.length; b++) {
      if (lengths[b] < 1 || lengths[b] > input.dim(1)) {
        throw new IllegalArgumentException("TargetBatch: length " + lengths[b] + " of row " + b + " is outside 1.." + input.dim(1));
      }
    }
    lengths = lengths.clone();
  }
}
