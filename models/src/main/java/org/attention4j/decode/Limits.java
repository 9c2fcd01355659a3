package org.attention4j.decode;

import org.attention4j.models.seq2seq.Seq2SeqModel;

/** Checks and length limits shared by the decoders. */
final class Limits {
  private Limits() {}

  /** {@code floor(ratio * sourceLength + offset)}, at least 1: the most tokens (EOS included) a hypothesis may generate. */
  static int maxLength(int sourceLength, double ratio, int offset) {
    double m = Math.floor(ratio * sourceLength + offset);
    return (int) Math.max(1, Math.min(m, Integer.MAX_VALUE - 1));
  }

  static void checkLengthRule(String who, double ratio, int offset) {
    if (!(ratio >= 0) || Double.isInfinite(ratio)) {
      throw new IllegalArgumentException(who + ": maxLenRatio must be finite and >= 0, got " + ratio);
    }
    if (ratio == 0 && offset < 1) {
      throw new IllegalArgumentException(who + ": with maxLenRatio 0, maxLenOffset must be >= 1, got " + offset);
    }
  }

  static void checkIds(String who, Seq2SeqModel model, int bos, int eos) {
    int v = model.targetVocab();
    if (bos < 0 || bos >= v || eos < 0 || eos >= v) {
      throw new IllegalArgumentException(who + ": bos " + bos + " and eos " + eos + " must be ids of the target vocabulary [0, " + v + ")");
    }
  }

  /** The attention row {@code row} of {@code att (N, S)} over the first {@code length} positions. */
  static float[] attentionRow(float[] att, int s, int row, int length) {
    float[] out = new float[length];
    System.arraycopy(att, row * s, out, 0, length);
    return out;
  }
}
