package org.attention4j.models.transformer;

import java.util.SplittableRandom;
import org.attention4j.models.seq2seq.SourceBatch;
import org.attention4j.models.seq2seq.TargetBatch;
import org.attention4j.tensor.IntTensor;

/** Random padded batches for the tests: ids {@code >= 3} are words (0 pad, 1 BOS, 2 EOS). */
final class Batches {
  static final int PAD = 0;
  static final int BOS = 1;
  static final int EOS = 2;

  private Batches() {}

  static TransformerConfig.Builder tiny(int vocab) {
    return TransformerConfig.builder(vocab, vocab, PAD).dModel(16).heads(2).layers(2, 2).ffDim(24).dropout(0).maxLength(32);
  }

  static SourceBatch source(SplittableRandom rng, int vocab, int... lengths) {
    int s = 0;
    for (int l : lengths) s = Math.max(s, l);
    int[][] ids = new int[lengths.length][s];
    for (int b = 0; b < lengths.length; b++) {
      for (int i = 0; i < lengths[b]; i++) ids[b][i] = 3 + rng.nextInt(vocab - 3);
    }
    return new SourceBatch(IntTensor.of(ids), lengths);
  }

  /** Targets with {@code lengths[b] - 1} words: input BOS + words, output words + EOS. */
  static TargetBatch target(SplittableRandom rng, int vocab, int... lengths) {
    int t = 0;
    for (int l : lengths) t = Math.max(t, l);
    int[][] words = new int[lengths.length][];
    for (int b = 0; b < lengths.length; b++) {
      words[b] = new int[lengths[b] - 1];
      for (int i = 0; i < words[b].length; i++) words[b][i] = 3 + rng.nextInt(vocab - 3);
    }
    return target(words, t);
  }

  /** Teacher-forcing targets for the given sentences, padded to {@code t} positions. */
  static TargetBatch target(int[][] words, int t) {
    int[][] in = new int[words.length][t];
    int[][] out = new int[words.length][t];
    int[] lengths = new int[words.length];
    for (int b = 0; b < words.length; b++) {
      int n = words[b].length;
      in[b][0] = BOS;
      for (int i = 0; i < n; i++) {
        in[b][i + 1] = words[b][i];
        out[b][i] = words[b][i];
      }
      out[b][n] = EOS;
      lengths[b] = n + 1;
    }
    return new TargetBatch(IntTensor.of(in), IntTensor.of(out), lengths);
  }

  /** {@code ids} with position {@code (row, col)} set to {@code value}. */
  static IntTensor with(IntTensor ids, int row, int col, int value) {
    int[] d = ids.toArray();
    d[row * ids.dim(1) + col] = value;
    return IntTensor.of(d, ids.dim(0), ids.dim(1));
  }
}
