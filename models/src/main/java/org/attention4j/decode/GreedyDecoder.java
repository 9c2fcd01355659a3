package org.attention4j.decode;

import java.util.ArrayList;
import java.util.List;
import org.attention4j.autograd.GradMode;
import org.attention4j.models.seq2seq.DecoderState;
import org.attention4j.models.seq2seq.Seq2SeqModel;
import org.attention4j.models.seq2seq.SourceBatch;
import org.attention4j.models.seq2seq.Step;
import org.attention4j.tensor.Tensor;

/**
 * Greedy decoding for any {@link Seq2SeqModel}, batched: every step feeds each unfinished row its
 * previous token and takes the most probable next one (the lowest id on ties). A row stops when it
 * emits EOS or has generated {@code maxLength = floor(maxLenRatio * srcLen + maxLenOffset)}
 * tokens (EOS included; at least 1); finished rows leave the batch ({@link DecoderState#select}).
 *
 * <p>Runs in a no-grad scope with the model in evaluation mode, and restores its training mode.
 */
public final class GreedyDecoder {
  /**
   * @param bos the id fed at the first step
   * @param eos the id that ends a hypothesis
   * @param maxLenRatio {@code a} of the length limit {@code a * srcLen + b}
   * @param maxLenOffset {@code b} of the length limit
   */
  public record Options(int bos, int eos, double maxLenRatio, int maxLenOffset) {
    public Options {
      Limits.checkLengthRule("GreedyDecoder", maxLenRatio, maxLenOffset);
    }

    /** Limit {@code 2 * srcLen + 10}. */
    public static Options of(int bos, int eos) {
      return new Options(bos, eos, 2.0, 10);
    }
  }

  private final Options options;

  public GreedyDecoder(Options options) {
    this.options = options;
  }

  public Options options() {
    return options;
  }

  /**
   * Decodes every source row.
   *
   * @return one hypothesis per source row, in order; its {@code score} is its {@code logProb}
   * @throws IllegalArgumentException if BOS or EOS is outside the model's target vocabulary
   */
  public List<Hypothesis> decode(Seq2SeqModel model, SourceBatch source) {
    Limits.checkIds("GreedyDecoder", model, options.bos(), options.eos());
    boolean wasTraining = model.isTraining();
    model.eval();
    try (var _ = GradMode.noGrad()) {
      return run(model, source);
    } finally {
      model.train(wasTraining);
    }
  }

  private List<Hypothesis> run(Seq2SeqModel model, SourceBatch source) {
    int b = source.batch();
    int[] lengths = source.lengths();
    int[] maxLen = new int[b];
    List<List<Integer>> tokens = new ArrayList<>();
    List<List<float[]>> attention = new ArrayList<>();
    double[] logProb = new double[b];
    boolean[] finished = new boolean[b];
    boolean hasAttention = true;
    int[] active = new int[b];   // source of each state row
    int[] previous = new int[b];
    for (int i = 0; i < b; i++) {
      maxLen[i] = Limits.maxLength(lengths[i], options.maxLenRatio(), options.maxLenOffset());
      tokens.add(new ArrayList<>());
      attention.add(new ArrayList<>());
      active[i] = i;
      previous[i] = options.bos();
    }
    DecoderState state = model.start(source);
    while (active.length > 0) {
      Step step = model.step(state, previous);
      Tensor lpT = step.logProbs().contiguous();
      float[] lp = lpT.storage();
      int base = lpT.storageOffset();
      int v = lpT.dim(1);
      float[] att = null;
      int s = 0;
      if (step.attention() == null) {
        hasAttention = false;
      } else {
        att = step.attention().toArray();
        s = step.attention().dim(1);
      }
      int[] keep = new int[active.length];
      int kept = 0;
      for (int r = 0; r < active.length; r++) {
        int src = active[r];
        int off = base + r * v;
        int best = 0;
        for (int t = 1; t < v; t++) if (lp[off + t] > lp[off + best]) best = t;
        logProb[src] += lp[off + best];
        if (att != null) attention.get(src).add(Limits.attentionRow(att, s, r, lengths[src]));
        if (best == options.eos()) {
          finished[src] = true;
          continue;
        }
        tokens.get(src).add(best);
        if (tokens.get(src).size() < maxLen[src]) keep[kept++] = r;
      }
      if (kept == 0) break;
      int[] next = new int[kept];
      int[] nextPrevious = new int[kept];
      for (int i = 0; i < kept; i++) {
        next[i] = active[keep[i]];
        nextPrevious[i] = tokens.get(next[i]).getLast();
      }
      state = kept == active.length ? step.next() : step.next().select(java.util.Arrays.copyOf(keep, kept));
      active = next;
      previous = nextPrevious;
    }
    List<Hypothesis> out = new ArrayList<>(b);
    for (int i = 0; i < b; i++) {
      int[] ids = tokens.get(i).stream().mapToInt(Integer::intValue).toArray();
      float[][] a = hasAttention ? attention.get(i).toArray(new float[0][]) : null;
      out.add(new Hypothesis(ids, finished[i], logProb[i], logProb[i], a));
    }
    return out;
  }
}
