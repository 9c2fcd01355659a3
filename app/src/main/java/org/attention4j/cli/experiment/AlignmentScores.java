package org.attention4j.cli.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.attention4j.autograd.GradMode;
import org.attention4j.eval.Aer;
import org.attention4j.eval.Alignment;
import org.attention4j.eval.AttentionAlignment;
import org.attention4j.eval.Link;
import org.attention4j.models.seq2seq.Seq2SeqModel;
import org.attention4j.models.transformer.Transformer;
import org.attention4j.tensor.Tensor;
import org.attention4j.train.Batch;
import org.attention4j.train.Batcher;
import org.attention4j.train.BatchingOptions;
import org.attention4j.train.EncodedPair;

/**
 * Word alignments read off a model's cross-attention under teacher forcing and scored against
 * gold alignments with AER (Och &amp; Ney 2003): each target word is linked to the source word it
 * attends to most ({@link AttentionAlignment#argmax}).
 *
 * <p>Where the alignment comes from is a {@link Reading}: which attention (an RNN model has one
 * per decoder step; a Transformer has one per decoder layer and head, here averaged over the
 * heads of a layer or taken from one head) and which decoder step stands for target word
 * {@code j}:
 * <ul>
 *   <li>{@code output}: the step that <em>predicts</em> word {@code j} (its query has read words
 *       {@code < j}); the usual reading, and the natural one for RNNsearch, whose attention is
 *       computed from {@code s_(j-1)} to predict {@code y_j};
 *   <li>{@code input}: the step whose decoder <em>input</em> is word {@code j} (it predicts
 *       {@code j + 1}): Chen et al. (2020, "Accurate Word Alignment Induction from Neural Machine
 *       Translation", Shift-Att) find Transformer attention aligns better this way.
 * </ul>
 * Transformer attention is known to be less alignment-like than RNNsearch's (Koehn &amp; Knowles
 * 2017; Garg et al. 2019 use the penultimate layer), so every reading is scored, the best on the
 * dev split is chosen, and its test AER is reported beside the conventional last-layer average.
 */
final class AlignmentScores {
  private AlignmentScores() {}

  /**
   * One way to read alignments off the attention.
   *
   * @param layer decoder layer, from 0 (0 for RNN models)
   * @param head the head, or -1 for the average over the layer's heads
   * @param input whether target word {@code j} is read at the step whose input it is (Shift-Att)
   */
  record Reading(int layer, int head, boolean input) {
    String label() {
      return "layer " + (layer + 1) + (head < 0 ? " avg" : " head " + (head + 1)) + (input ? " input" : " output");
    }
  }

  /**
   * The AER of one reading on one split.
   *
   * @param reading the reading
   * @param result AER with precision and recall
   * @param predicted the predicted alignment of each pair, in split order
   */
  record Scored(Reading reading, Aer.Result result, List<Alignment> predicted) {
    Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("reading", reading.label());
      m.put("layer", reading.layer() + 1);
      m.put("head", reading.head() < 0 ? "avg" : reading.head() + 1);
      m.put("position", reading.input() ? "input" : "output");
      m.put("aer", result.aer());
      m.put("precision", result.precision());
      m.put("recall", result.recall());
      return m;
    }

    String line() {
      return String.format(Locale.ROOT, "%-24s AER %.4f  precision %.4f  recall %.4f", reading.label(), result.aer(),
          result.precision(), result.recall());
    }
  }

  /**
   * Scores every reading of {@code model}'s attention on {@code pairs} against {@code gold}.
   *
   * @param pairs encoded pairs whose token positions are the gold alignment's word positions
   * @return one result per reading: layers (and for a Transformer each head and the average) times
   *     both step positions, in that order
   * @throws IllegalArgumentException if the model returns no attention (plain) or the lists differ in length
   */
  static List<Scored> score(Seq2SeqModel model, List<EncodedPair> pairs, List<Alignment> gold, int padId, int bosId,
      int eosId) {
    if (pairs.size() != gold.size()) {
      throw new IllegalArgumentException("AlignmentScores: " + pairs.size() + " pairs but " + gold.size() + " gold alignments");
    }
    Map<Reading, Alignment[]> predicted = new LinkedHashMap<>();
    var batcher = new Batcher(pairs, new BatchingOptions(0, 64, 4096), padId, bosId, eosId);
    boolean wasTraining = model.isTraining();
    model.eval();
    try (var _ = GradMode.noGrad()) {
      for (int[] indices : batcher.byLength()) {
        Batch b = batcher.batch(indices);
        List<Tensor> layers = crossAttention(model, b); // each (B, h, T, S)
        for (int l = 0; l < layers.size(); l++) {
          Tensor w = layers.get(l);
          int heads = w.dim(1);
          for (int h = heads == 1 ? 0 : -1; h < heads; h++) {
            Tensor m = h < 0 ? w.mean(1) : w.select(1, h); // (B, h, T, S) -> (B, T, S)
            float[] data = m.contiguous().toArray();
            int t = m.dim(1);
            int s = m.dim(2);
            for (boolean input : new boolean[] {false, true}) {
              Alignment[] out = predicted.computeIfAbsent(new Reading(l, h, input), k -> new Alignment[pairs.size()]);
              for (int r = 0; r < indices.length; r++) {
                EncodedPair p = pairs.get(indices[r]);
                out[indices[r]] = argmax(data, r, t, s, p.source().length, p.target().length, input ? 1 : 0);
              }
            }
          }
        }
      }
    } finally {
      model.train(wasTraining);
    }
    List<Scored> out = new ArrayList<>();
    predicted.forEach((reading, alignments) -> {
      List<Alignment> list = List.of(alignments);
      out.add(new Scored(reading, Aer.corpus(list, gold), list));
    });
    return out;
  }

  /** The decoder's cross-attention per layer, {@code (B, h, T, S)}; RNN models have one single-head layer. */
  static List<Tensor> crossAttention(Seq2SeqModel model, Batch b) {
    if (model instanceof Transformer t) return t.attentionMaps(b.source(), b.target()).cross();
    Tensor a = model.forward(b.source(), b.target(), true).attention();
    if (a == null) {
      throw new IllegalArgumentException("model type '" + model.modelType() + "' has no attention to read alignments from");
    }
    return List.of(a.unsqueeze(1)); // (B, T, S) -> (B, 1, T, S)
  }

  /** Argmax links of row {@code r} of {@code (B, T, S)} data: target word j read at step {@code j + shift}. */
  private static Alignment argmax(float[] data, int r, int t, int s, int sourceLength, int targetLength, int shift) {
    float[][] rows = new float[targetLength][sourceLength];
    for (int j = 0; j < targetLength; j++) {
      int step = j + shift; // step T - 1 (EOS output / last input) exists: T = targetLength + 1 at least
      System.arraycopy(data, (r * t + step) * s, rows[j], 0, sourceLength);
    }
    return AttentionAlignment.argmax(rows);
  }

  /** The gold alignment of a pair from the synthetic task's sure and possible links. */
  static Alignment gold(List<org.attention4j.data.synthetic.Link> sure, List<org.attention4j.data.synthetic.Link> possible) {
    TreeSet<Link> s = new TreeSet<>();
    TreeSet<Link> p = new TreeSet<>();
    for (var l : sure) s.add(new Link(l.source(), l.target()));
    for (var l : possible) p.add(new Link(l.source(), l.target()));
    return new Alignment(s, p);
  }

  /** The reading with the lowest AER (the first on ties). */
  static Scored best(List<Scored> scored) {
    Scored best = scored.getFirst();
    for (Scored s : scored) if (s.result().aer() < best.result().aer()) best = s;
    return best;
  }

  /** The result of {@code reading} in {@code scored}. */
  static Scored find(List<Scored> scored, Reading reading) {
    for (Scored s : scored) if (s.reading().equals(reading)) return s;
    throw new IllegalArgumentException("no reading " + reading.label());
  }
}
