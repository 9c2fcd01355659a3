package org.attention4j.models.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.attention4j.autograd.GradMode;
import org.attention4j.models.seq2seq.DecoderState;
import org.attention4j.models.seq2seq.SourceBatch;
import org.attention4j.models.seq2seq.Step;
import org.attention4j.models.seq2seq.TargetBatch;
import org.attention4j.optim.Adam;
import org.attention4j.tensor.IntTensor;
import org.attention4j.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each family learns a tiny task by heart: 20 fixed sequences of 2..6 tokens over a vocabulary of
 * 10 (pad, BOS, EOS and 7 tokens), reversed (attention families except local-m) or copied
 * (plain, local-m, whose window follows the diagonal), and greedy decoding with
 * {@code start}/{@code step} then reproduces every target.
 */
class OverfitTest {
  private static final int VOCAB = 10;
  private static final int PAIRS = 20;

  static Stream<Arguments> kinds() {
    return Stream.of(RnnKind.values()).map(k -> Arguments.of(k.modelType(), k));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void train_tinyTask_greedyDecodingReproducesTargets(String name, RnnKind kind) {
    boolean reverse = kind != RnnKind.PLAIN && kind != RnnKind.LOCAL_M;
    RnnSeq2SeqConfig config = RnnSeq2SeqConfig.defaults(kind, VOCAB, VOCAB).withSizes(16, 32).withDropout(0)
        .withLayers(1, kind == RnnKind.BAHDANAU, 1).withWindow(2).withMaxSourceLength(8);
    RnnEncoderDecoder model = RnnSeq2Seq.create(config, new SplittableRandom(21));
    int[][] sources = sequences(new SplittableRandom(99));
    int[][] targets = new int[PAIRS][];
    for (int i = 0; i < PAIRS; i++) targets[i] = reverse ? reversed(sources[i]) : sources[i];
    SourceBatch source = sourceBatch(sources);
    TargetBatch target = targetBatch(targets);
    Adam adam = new Adam(model.namedParameters(), 0.02);
    int epochs = 0;
    long start = System.nanoTime();
    while (epochs < 400) {
      model.train(true);
      adam.zeroGrad();
      Tensor logits = model.forward(source, target, false).logits();
      Tensor loss = logits.reshape(-1, VOCAB).crossEntropy(target.output().reshape(-1), RnnFixtures.PAD, 0f, Tensor.Reduction.MEAN);
      loss.backward();
      adam.step();
      epochs++;
      if (epochs % 25 == 0 && Arrays.deepEquals(greedy(model, source, 8), targets)) break;
    }
    System.out.printf("%s: %d epochs, %.2f s%n", name, epochs, (System.nanoTime() - start) / 1e9);
    int[][] decoded = greedy(model, source, 8);
    for (int i = 0; i < PAIRS; i++) {
      assertEquals(Arrays.toString(targets[i]), Arrays.toString(decoded[i]), name + " pair " + i + ", source " + Arrays.toString(sources[i]));
    }
  }

  /** Greedy decoding of every row until EOS or {@code maxLength} tokens; the tokens without EOS. */
  static int[][] greedy(RnnEncoderDecoder model, SourceBatch source, int maxLength) {
    model.eval();
    int batch = source.batch();
    List<List<Integer>> out = new ArrayList<>();
    for (int b = 0; b < batch; b++) out.add(new ArrayList<>());
    boolean[] done = new boolean[batch];
    try (var _ = GradMode.noGrad()) {
      DecoderState state = model.start(source);
      int[] previous = new int[batch];
      Arrays.fill(previous, RnnFixtures.BOS);
      for (int t = 0; t < maxLength; t++) {
        Step step = model.step(state, previous);
        IntTensor best = step.logProbs().argmax(1);
        for (int b = 0; b < batch; b++) {
          previous[b] = best.at(b);
          if (done[b]) continue;
          if (previous[b] == RnnFixtures.EOS) done[b] = true;
          else out.get(b).add(previous[b]);
        }
        state = step.next();
      }
    }
    int[][] result = new int[batch][];
    for (int b = 0; b < batch; b++) result[b] = out.get(b).stream().mapToInt(Integer::intValue).toArray();
    return result;
  }

  private static int[][] sequences(SplittableRandom rng) {
    int[][] s = new int[PAIRS][];
    for (int i = 0; i < PAIRS; i++) {
      s[i] = new int[2 + rng.nextInt(5)];
      for (int j = 0; j < s[i].length; j++) s[i][j] = 3 + rng.nextInt(VOCAB - 3);
    }
    return s;
  }

  private static int[] reversed(int[] s) {
    int[] r = new int[s.length];
    for (int i = 0; i < s.length; i++) r[i] = s[s.length - 1 - i];
    return r;
  }

  private static SourceBatch sourceBatch(int[][] rows) {
    int steps = Arrays.stream(rows).mapToInt(r -> r.length).max().orElseThrow();
    int[] ids = new int[rows.length * steps];
    int[] lengths = new int[rows.length];
    for (int b = 0; b < rows.length; b++) {
      System.arraycopy(rows[b], 0, ids, b * steps, rows[b].length);
      lengths[b] = rows[b].length;
    }
    return new SourceBatch(IntTensor.of(ids, rows.length, steps), lengths);
  }

  private static TargetBatch targetBatch(int[][] rows) {
    int steps = Arrays.stream(rows).mapToInt(r -> r.length + 1).max().orElseThrow();
    int[] in = new int[rows.length * steps];
    int[] out = new int[rows.length * steps];
    int[] lengths = new int[rows.length];
    for (int b = 0; b < rows.length; b++) {
      in[b * steps] = RnnFixtures.BOS;
      System.arraycopy(rows[b], 0, in, b * steps + 1, rows[b].length);
      System.arraycopy(rows[b], 0, out, b * steps, rows[b].length);
      out[b * steps + rows[b].length] = RnnFixtures.EOS;
      lengths[b] = rows[b].length + 1;
    }
    return new TargetBatch(IntTensor.of(in, rows.length, steps), IntTensor.of(out, rows.length, steps), lengths);
  }
}
