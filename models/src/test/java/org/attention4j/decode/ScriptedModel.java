package org.attention4j.decode;

import java.util.Arrays;
import java.util.Map;
import org.attention4j.models.seq2seq.DecoderState;
import org.attention4j.models.seq2seq.Seq2SeqModel;
import org.attention4j.models.seq2seq.SourceBatch;
import org.attention4j.models.seq2seq.Step;
import org.attention4j.models.seq2seq.TargetBatch;
import org.attention4j.models.seq2seq.TeacherForced;
import org.attention4j.tensor.Tensor;

/**
 * A model whose next-token distribution is a function of (source row, tokens generated so far),
 * so that decoders can be checked against hand-computed answers. BOS is never part of a prefix.
 */
final class ScriptedModel extends Seq2SeqModel {
  /** Probabilities of the next token (need not be normalised: they are normalised here). */
  interface Script {
    double[] next(int source, int[] prefix);
  }

  /** Attention over the source's real positions at the step that predicts after {@code prefix}. */
  interface AttentionScript {
    float[] at(int source, int[] prefix);
  }

  private final int vocab;
  private final Script script;
  private final AttentionScript attention;
  int steps;

  ScriptedModel(int vocab, Script script, AttentionScript attention) {
    this.vocab = vocab;
    this.script = script;
    this.attention = attention;
  }

  @Override public String modelType() { return "scripted"; }
  @Override public Map<String, Object> configMap() { return Map.of(); }
  @Override public int sourceVocab() { return vocab; }
  @Override public int targetVocab() { return vocab; }
  @Override public int padId() { return 0; }

  @Override
  public TeacherForced forward(SourceBatch source, TargetBatch target, boolean wantAttention) {
    throw new UnsupportedOperationException();
  }

  private record State(int[] sourceOf, int[][] prefixes, int position, int width) implements DecoderState {
    @Override public int rows() { return sourceOf.length; }

    @Override
    public DecoderState select(int[] rows) {
      int[] s = new int[rows.length];
      int[][] p = new int[rows.length][];
      for (int i = 0; i < rows.length; i++) {
        if (rows[i] < 0 || rows[i] >= rows()) throw new IllegalArgumentException("select: row " + rows[i]);
        s[i] = sourceOf[rows[i]];
        p[i] = prefixes[rows[i]];
      }
      return new State(s, p, position, width);
    }
  }

  @Override
  public DecoderState start(SourceBatch source) {
    int b = source.batch();
    int[] s = new int[b];
    for (int i = 0; i < b; i++) s[i] = i;
    return new State(s, new int[b][0], 0, source.maxLength());
  }

  @Override
  public Step step(DecoderState state, int[] previous) {
    steps++;
    State st = (State) state;
    int n = st.rows();
    float[] lp = new float[n * vocab];
    float[] att = new float[n * st.width()];
    int[][] next = new int[n][];
    for (int r = 0; r < n; r++) {
      int[] prefix = st.position() == 0 ? new int[0] : Arrays.copyOf(st.prefixes()[r], st.prefixes()[r].length + 1);
      if (st.position() > 0) prefix[prefix.length - 1] = previous[r];
      next[r] = prefix;
      double[] p = script.next(st.sourceOf()[r], prefix);
      double sum = Arrays.stream(p).sum();
      for (int t = 0; t < vocab; t++) lp[r * vocab + t] = (float) Math.log(p[t] / sum);
      if (attention != null) {
        float[] a = attention.at(st.sourceOf()[r], prefix);
        System.arraycopy(a, 0, att, r * st.width(), a.length);
      }
    }
    return new Step(Tensor.wrap(lp, n, vocab), attention == null ? null : Tensor.wrap(att, n, st.width()),
        new State(st.sourceOf(), next, st.position() + 1, st.width()));
  }
}
