package org.attention4j.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.attention4j.autograd.GradMode;
import org.attention4j.models.seq2seq.SourceBatch;
import org.attention4j.models.seq2seq.TargetBatch;
import org.attention4j.models.seq2seq.TeacherForced;
import org.attention4j.models.transformer.Transformer;
import org.attention4j.models.transformer.TransformerConfig;
import org.attention4j.tensor.IntTensor;
import org.attention4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Beam search on a tiny Transformer (vocabulary 5, at most 4 tokens) against an exhaustive
 * enumeration of every possible output, each scored from an independent teacher-forced pass.
 */
class BeamSearchExhaustiveTest {
  private static final int V = 5;
  private static final int BOS = 1;
  private static final int EOS = 2;
  private static final int MAX = 4;

  private static Transformer model(long seed) {
    TransformerConfig c = TransformerConfig.builder(V, V, 0).dModel(16).heads(2).layers(1, 2).ffDim(32).dropout(0).maxLength(8).build();
    Transformer m = new Transformer(c, new SplittableRandom(seed));
    m.eval();
    return m;
  }

  private static SourceBatch source(int... ids) {
    return new SourceBatch(IntTensor.of(ids, 1, ids.length), new int[] {ids.length});
  }

  private record Scored(int[] tokens, boolean finished, double logProb, double score) {}

  /**
   * Every output of at most {@link #MAX} tokens: EOS after 0..MAX-1 non-EOS tokens, or MAX
   * non-EOS tokens (cut). Log-probabilities and attention come from one teacher-forced pass over
   * all {@code BOS a b c} prefixes (causality makes later inputs irrelevant).
   */
  private static List<Scored> exhaustive(Transformer m, SourceBatch src, double alpha, double beta) {
    int s = src.maxLength();
    int rows = V * V * V;
    int[][] in = new int[rows][MAX];
    for (int r = 0; r < rows; r++) {
      in[r][0] = BOS;
      in[r][1] = r / (V * V);
      in[r][2] = (r / V) % V;
      in[r][3] = r % V;
    }
    int[] srcIds = new int[rows * s];
    for (int r = 0; r < rows; r++) for (int i = 0; i < s; i++) srcIds[r * s + i] = src.ids().get(0, i);
    int[] lengths = new int[rows];
    Arrays.fill(lengths, MAX);
    int[] srcLengths = new int[rows];
    Arrays.fill(srcLengths, s);
    TeacherForced tf;
    try (var _ = GradMode.noGrad()) {
      tf = m.forward(new SourceBatch(IntTensor.of(srcIds, rows, s), srcLengths),
          new TargetBatch(IntTensor.of(in), IntTensor.of(in), lengths), true);
    }
    Tensor logProbs = tf.logits().logSoftmax(-1);
    List<Scored> all = new ArrayList<>();
    List<int[]> words = new ArrayList<>();
    words.add(new int[0]);
    for (int len = 0; len <= MAX; len++) {
      List<int[]> longer = new ArrayList<>();
      for (int[] w : words) {
        if (len < MAX) all.add(score(w, true, logProbs, tf.attention(), s, alpha, beta));
        else all.add(score(w, false, logProbs, tf.attention(), s, alpha, beta));
        if (len < MAX) {
          for (int t = 0; t < V; t++) {
            if (t == EOS) continue;
            int[] x = Arrays.copyOf(w, len + 1);
            x[len] = t;
            longer.add(x);
          }
        }
      }
      words = longer;
    }
    all.sort(Comparator.comparingDouble(Scored::score).reversed());
    return all;
  }

  private static Scored score(int[] words, boolean finished, Tensor logProbs, Tensor attention, int s, double alpha, double beta) {
    int[] out = finished ? Arrays.copyOf(words, words.length + 1) : words;
    if (finished) out[words.length] = EOS;
    int row = 0;
    for (int j = 0; j < 3; j++) row = row * V + (j < words.length ? words[j] : 0);
    double lp = 0;
    double[] coverage = new double[s];
    for (int j = 0; j < out.length; j++) {
      lp += Math.min(0f, logProbs.get(row, j, out[j]));
      for (int i = 0; i < s; i++) coverage[i] += attention.get(row, j, i);
    }
    return new Scored(words, finished, lp, Penalties.score(lp, out.length, coverage, alpha, beta));
  }

  @ParameterizedTest(name = "alpha {0}, beta {1}")
  @CsvSource({"0, 0", "0.6, 0", "1.0, 0.4"})
  void wideBeam_equalsExhaustiveSearch(double alpha, double beta) {
    Transformer m = model(31);
    SourceBatch src = source(3, 4, 3);
    List<Scored> truth = exhaustive(m, src, alpha, beta);
    assertEquals(1 + 4 + 16 + 64 + 256, truth.size());
    int n = 6;
    var options = new BeamSearch.Options(256, n, BOS, EOS, alpha, beta, 0, MAX);
    List<Hypothesis> beam = new BeamSearch(options).search(m, src).getFirst();
    assertEquals(n, beam.size());
    for (int i = 0; i < n; i++) {
      assertEquals(truth.get(i).score(), beam.get(i).score(), 1e-4, "score of rank " + i);
      assertEquals(truth.get(i).logProb(), beam.get(i).logProb(), 1e-4, "log-prob of rank " + i);
      boolean tiedAbove = i > 0 && truth.get(i - 1).score() - truth.get(i).score() < 1e-4;
      boolean tiedBelow = i + 1 < truth.size() && truth.get(i).score() - truth.get(i + 1).score() < 1e-4;
      if (!tiedAbove && !tiedBelow) {
        assertArrayEquals(truth.get(i).tokens(), beam.get(i).tokens(), "tokens of rank " + i);
        assertEquals(truth.get(i).finished(), beam.get(i).finished(), "finished of rank " + i);
      }
    }
  }

  @Test
  void wideBeam_exactForSeveralModels() {
    for (long seed = 40; seed < 45; seed++) {
      Transformer m = model(seed);
      SourceBatch src = source(4, 3);
      Scored best = exhaustive(m, src, 0.6, 0).getFirst();
      Hypothesis found = new BeamSearch(new BeamSearch.Options(256, 1, BOS, EOS, 0.6, 0, 0, MAX)).search(m, src).getFirst().getFirst();
      assertEquals(best.score(), found.score(), 1e-4, "seed " + seed);
      assertArrayEquals(best.tokens(), found.tokens(), "seed " + seed);
    }
  }

  @Test
  void beamOfOne_equalsGreedy() {
    Transformer m = model(32);
    SplittableRandom rng = new SplittableRandom(33);
    int[] lengths = {3, 1, 4, 2};
    int[][] ids = new int[4][4];
    for (int b = 0; b < 4; b++) for (int i = 0; i < lengths[b]; i++) ids[b][i] = 3 + rng.nextInt(2);
    SourceBatch src = new SourceBatch(IntTensor.of(ids), lengths);
    List<Hypothesis> greedy = new GreedyDecoder(new GreedyDecoder.Options(BOS, EOS, 1.0, 3)).decode(m, src);
    List<List<Hypothesis>> beam = new BeamSearch(new BeamSearch.Options(1, 1, BOS, EOS, 0, 0, 1.0, 3)).search(m, src);
    for (int b = 0; b < 4; b++) {
      Hypothesis g = greedy.get(b);
      Hypothesis h = beam.get(b).getFirst();
      assertArrayEquals(g.tokens(), h.tokens(), "source " + b);
      assertEquals(g.finished(), h.finished(), "source " + b);
      assertEquals(g.logProb(), h.logProb(), 1e-5, "source " + b);
      for (int j = 0; j < g.attention().length; j++) assertArrayEquals(g.attention()[j], h.attention()[j], 1e-6f);
    }
  }

  @Test
  void batched_equalsOneSourceAtATime() {
    TransformerConfig c = TransformerConfig.builder(12, 12, 0).dModel(16).heads(2).layers(2, 2).ffDim(32).dropout(0).maxLength(16).build();
    Transformer m = new Transformer(c, new SplittableRandom(34));
    SplittableRandom rng = new SplittableRandom(35);
    int[] lengths = {5, 2, 4};
    int[][] ids = new int[3][5];
    for (int b = 0; b < 3; b++) for (int i = 0; i < lengths[b]; i++) ids[b][i] = 3 + rng.nextInt(9);
    var options = new BeamSearch.Options(3, 3, BOS, EOS, 0.6, 0.2, 1.5, 2);
    List<List<Hypothesis>> batched = new BeamSearch(options).search(m, new SourceBatch(IntTensor.of(ids), lengths));
    for (int b = 0; b < 3; b++) {
      List<Hypothesis> alone = new BeamSearch(options).search(m, source(Arrays.copyOf(ids[b], lengths[b]))).getFirst();
      assertEquals(alone.size(), batched.get(b).size());
      for (int i = 0; i < alone.size(); i++) {
        assertArrayEquals(alone.get(i).tokens(), batched.get(b).get(i).tokens(), "source " + b + " rank " + i);
        assertEquals(alone.get(i).score(), batched.get(b).get(i).score(), 1e-5, "source " + b + " rank " + i);
        assertEquals(lengths[b], batched.get(b).get(i).attention()[0].length);
      }
    }
  }
}
