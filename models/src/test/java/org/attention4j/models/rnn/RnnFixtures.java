package org.attention4j.models.rnn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.attention4j.models.seq2seq.SourceBatch;
import org.attention4j.models.seq2seq.TargetBatch;
import org.attention4j.tensor.IntTensor;
import org.junit.jupiter.params.provider.Arguments;

/** Tiny configs of every family and variant, and padded batches, shared by the tests. */
final class RnnFixtures {
  static final int PAD = 0;
  static final int BOS = 1;
  static final int EOS = 2;
  static final int SOURCE_VOCAB = 11;
  static final int TARGET_VOCAB = 13;

  private RnnFixtures() {}

  /** A tiny config of {@code kind}: no dropout, embed 5, hidden 6, attention 7, window 1 (local-m) or 2. */
  static RnnSeq2SeqConfig tiny(RnnKind kind) {
    return RnnSeq2SeqConfig.defaults(kind, SOURCE_VOCAB, TARGET_VOCAB)
        .withSizes(5, 6)
        .withAttentionDim(7)
        .withDropout(0)
        .withWindow(kind == RnnKind.LOCAL_M ? 1 : 2)
        .withMaxSourceLength(9);
  }

  /** Every kind with its defaults, plus the variants: cells, directions, layers, input feeding off. */
  static List<RnnSeq2SeqConfig> variants() {
    List<RnnSeq2SeqConfig> out = new ArrayList<>();
    for (RnnKind k : RnnKind.values()) out.add(tiny(k));
    out.add(tiny(RnnKind.PLAIN).withCell(RnnCell.LSTM).withLayers(2, true, 2));
    out.add(tiny(RnnKind.BAHDANAU).withCell(RnnCell.LSTM).withLayers(1, false, 2));
    out.add(tiny(RnnKind.LUONG_GENERAL).withInputFeeding(false));
    out.add(tiny(RnnKind.LOCAL_P).withInputFeeding(false));
    out.add(tiny(RnnKind.LUONG_DOT).withCell(RnnCell.GRU).withLayers(1, true, 1));
    out.add(tiny(RnnKind.LOCAL_M).withCell(RnnCell.GRU).withLayers(2, true, 2).withInputFeeding(false));
    return out;
  }

  static Stream<Arguments> variantArguments() {
    return variants().stream().map(c -> Arguments.of(describe(c), c));
  }

  static Stream<Arguments> kindArguments() {
    return Stream.of(RnnKind.values()).map(k -> Arguments.of(k.modelType(), tiny(k)));
  }

  static String describe(RnnSeq2SeqConfig c) {
    return c.kind() + " " + c.cell() + " enc " + c.encoderLayers() + (c.bidirectional() ? " bi" : " uni")
        + " dec " + c.decoderLayers() + (c.kind().isLuong() ? (c.inputFeeding() ? " feed" : " no-feed") : "");
  }

  /** Rows of random source ids ({@code 3 .. vocab - 1}) with the given lengths, padded to the longest. */
  static SourceBatch source(long seed, int... lengths) {
    return new SourceBatch(padded(seed, SOURCE_VOCAB, lengths), lengths);
  }

  /** Random targets: input BOS + tokens, output tokens + EOS, {@code lengths} counting the EOS. */
  static TargetBatch target(long seed, int... lengths) {
    IntTensor tokens = padded(seed, TARGET_VOCAB, lengths);
    int batch = lengths.length;
    int steps = tokens.dim(1);
    int[] t = tokens.toArray();
    int[] in = new int[batch * steps];
    int[] out = new int[batch * steps];
    for (int b = 0; b < batch; b++) {
      for (int i = 0; i < lengths[b]; i++) {
        in[b * steps + i] = i == 0 ? BOS : t[b * steps + i - 1];
        out[b * steps + i] = i == lengths[b] - 1 ? EOS : t[b * steps + i];
      }
    }
    return new TargetBatch(IntTensor.of(in, batch, steps), IntTensor.of(out, batch, steps), lengths);
  }

  static IntTensor padded(long seed, int vocab, int... lengths) {
    SplittableRandom rng = new SplittableRandom(seed);
    int steps = 0;
    for (int l : lengths) steps = Math.max(steps, l);
    int[] ids = new int[lengths.length * steps];
    for (int b = 0; b < lengths.length; b++) {
      for (int i = 0; i < lengths[b]; i++) ids[b * steps + i] = 3 + rng.nextInt(vocab - 3);
    }
    return IntTensor.of(ids, lengths.length, steps);
  }

  /** Row {@code b} of {@code source} alone, cut to its own length (no padding). */
  static SourceBatch row(SourceBatch source, int b) {
    int len = source.lengths()[b];
    int[] ids = new int[len];
    for (int i = 0; i < len; i++) ids[i] = source.ids().get(b, i);
    return new SourceBatch(IntTensor.of(ids, 1, len), new int[] {len});
  }
}
