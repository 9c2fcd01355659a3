package org.attention4j.cli.viz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.attention4j.decode.GreedyDecoder;
import org.attention4j.decode.Hypothesis;
import org.attention4j.eval.Alignment;
import org.attention4j.eval.Link;
import org.attention4j.models.registry.ModelLimits;
import org.attention4j.models.registry.Seq2SeqModels;
import org.attention4j.models.seq2seq.Seq2SeqModel;
import org.attention4j.models.seq2seq.SourceBatch;
import org.attention4j.models.seq2seq.TargetBatch;
import org.attention4j.tensor.IntTensor;
import org.attention4j.text.Tokenizer;
import org.attention4j.train.AttentionTrace;
import org.attention4j.train.Batcher;
import org.attention4j.viz.AttentionMatrix;
import org.attention4j.viz.AttentionView;
import org.attention4j.viz.HeadKey;

/**
 * Runs a translation model on sentences and returns what it attended to, one {@link AttentionView}
 * per sentence: sentences without a reference are translated first (greedy decoding), then every
 * sentence is teacher-forced on its translation or reference to read every attention map
 * ({@link ModelAttention#record}). The target tokens of a view are the tokens the decoder
 * predicts, {@code y_1 .. y_n </s>}: row {@code t} is the position that produces {@code y_t}.
 *
 * <p>Sentences run in batches of {@link Options#batchSize}; with {@link Options#includePadding}
 * each view keeps its batch padding ({@code <pad>} tokens marked invalid), which the doctor needs
 * to see whether attention leaks onto padding.
 *
 * <p>Not thread-safe: one probe runs one model at a time.
 */
final class AttentionProbe {
  /**
   * How to run.
   *
   * @param batchSize sentences per batch, at least 1
   * @param includePadding keep each batch's padding in the views (marked invalid)
   * @param withoutSourceLengths <b>diagnostics only</b>: give the model every source row as long
   *     as the longest of its batch, as a caller that forgets the lengths would, so that no
   *     padding mask exists and the encoder reads the pad tokens; the views still mark the padding
   *     as such. It simulates the padding-mask bug that the doctor's {@code PADDING_LEAK} finding
   *     describes (hidden option {@code attn doctor --simulate-bug no-padding-mask})
   */
  record Options(int batchSize, boolean includePadding, boolean withoutSourceLengths) {
    Options {
      if (batchSize < 1) throw new IllegalArgumentException("AttentionProbe: batchSize must be >= 1, got " + batchSize);
    }

    /** One sentence per batch, no padding: pictures of single sentences. */
    static final Options SINGLE = new Options(1, false, false);
  }

  /**
   * What one sentence gave.
   *
   * @param example the sentence as given
   * @param view its attention
   * @param translation the target text: the greedy translation, or the reference
   * @param decoded true when the translation was decoded, false when a reference was teacher-forced
   * @param sourceTokens source tokens
   * @param unknownSourceTokens of those, tokens the source vocabulary does not know
   */
  record Result(Example example, AttentionView view, String translation, boolean decoded, int sourceTokens,
      int unknownSourceTokens) {}

  private final Seq2SeqModel model;
  private final Tokenizer source;
  private final Tokenizer target;
  private final String modelLabel;

  /** @param modelLabel the model's name in page metadata ({@code "bahdanau"}) */
  AttentionProbe(Seq2SeqModel model, Tokenizer source, Tokenizer target, String modelLabel) {
    this.model = model;
    this.source = source;
    this.target = target;
    this.modelLabel = modelLabel;
  }

  Seq2SeqModel model() {
    return model;
  }

  /**
   * Runs every example.
   *
   * @throws IllegalArgumentException if a source encodes to no tokens or is longer than the
   *     model's limit (naming the example), or the model has no attention to show
   */
  List<Result> run(List<Example> examples, Options options) {
    List<Result> out = new ArrayList<>();
    for (int from = 0; from < examples.size(); from += options.batchSize()) {
      out.addAll(runBatch(examples.subList(from, Math.min(examples.size(), from + options.batchSize())), options));
    }
    return out;
  }

  private List<Result> runBatch(List<Example> batch, Options options) {
    ModelLimits limits = Seq2SeqModels.limits(model);
    int n = batch.size();
    List<int[]> sources = new ArrayList<>();
    for (Example e : batch) {
      int[] ids = source.encode(e.source());
      if (ids.length == 0) throw new IllegalArgumentException(e.id() + ": the source encodes to no tokens: \"" + e.source() + "\"");
      if (ids.length > limits.maxSource()) {
        throw new IllegalArgumentException(e.id() + ": the source has " + ids.length + " tokens, more than the "
            + limits.maxSource() + " of " + limits.reason());
      }
      sources.add(ids);
    }
    SourceBatch src = Batcher.sourceBatch(sources, model.padId());
    int[][] targets = targets(batch, sources, limits);
    TargetBatch tgt = teacherForcing(targets);
    SourceBatch given = src;
    if (options.withoutSourceLengths()) { // diagnostics: the padding-mask bug (see Options)
      int[] full = new int[n];
      Arrays.fill(full, src.maxLength());
      given = new SourceBatch(src.ids(), full);
    }
    SourceBatch run = given;
    AttentionTrace trace = AttentionTrace.inEvalMode(model, () -> ModelAttention.record(model, run, tgt));
    if (trace.isEmpty()) {
      throw new IllegalArgumentException("the " + model.modelType() + " model has no attention to show (an encoder-decoder"
          + " without attention)");
    }
    List<Result> out = new ArrayList<>(n);
    for (int b = 0; b < n; b++) {
      Example e = batch.get(b);
      int[] x = sources.get(b);
      int[] y = targets[b];
      List<String> srcTokens = new ArrayList<>(TokenText.source(source, e.source(), x));
      List<String> tgtTokens = new ArrayList<>(TokenText.of(target, y));
      tgtTokens.add(Tokenizer.EOS);
      int s = options.includePadding() ? src.maxLength() : x.length;
      int t = options.includePadding() ? tgt.input().dim(1) : y.length + 1;
      boolean[] sValid = new boolean[s];
      boolean[] tValid = new boolean[t];
      for (int i = 0; i < s; i++) sValid[i] = i < x.length;
      for (int j = 0; j < t; j++) tValid[j] = j < y.length + 1;
      while (srcTokens.size() < s) srcTokens.add(Tokenizer.PAD);
      while (tgtTokens.size() < t) tgtTokens.add(Tokenizer.PAD);
      boolean decoded = e.target() == null;
      AttentionView.Builder v = AttentionView.builder(srcTokens, tgtTokens).sourceValid(sValid).targetValid(tValid)
          .meta(AttentionView.MODEL, modelLabel).meta(AttentionView.SENTENCE, e.id())
          .meta("target", decoded ? "greedy translation" : "reference (teacher-forced)");
      for (var m : ModelAttention.matrices(trace, b, s, t).entrySet()) v.matrix(m.getKey(), m.getValue());
      Alignment gold = fitting(e.gold(), x.length, y.length);
      if (gold != null) v.gold(gold);
      int unknown = 0;
      for (int id : x) if (id == source.unkId()) unknown++;
      out.add(new Result(e, v.build(), target.decode(y), decoded, x.length, unknown));
    }
    return out;
  }

  /** The target ids {@code y} of each row: the reference's, or a greedy translation's. */
  private int[][] targets(List<Example> batch, List<int[]> sources, ModelLimits limits) {
    int n = batch.size();
    int[][] out = new int[n][];
    List<Integer> toDecode = new ArrayList<>();
    for (int b = 0; b < n; b++) {
      if (batch.get(b).target() != null) out[b] = cap(target.encode(batch.get(b).target()), limits);
      else toDecode.add(b);
    }
    if (!toDecode.isEmpty()) {
      List<int[]> rows = new ArrayList<>();
      int longest = 1;
      for (int b : toDecode) {
        rows.add(sources.get(b));
        longest = Math.max(longest, sources.get(b).length);
      }
      GreedyDecoder.Options opts = GreedyDecoder.Options.of(target.bosId(), target.eosId());
      if (2L * longest + 10 > limits.maxGenerated()) {
        opts = new GreedyDecoder.Options(target.bosId(), target.eosId(), 0, limits.maxGenerated());
      }
      List<Hypothesis> hyps = new GreedyDecoder(opts).decode(model, Batcher.sourceBatch(rows, model.padId()));
      for (int i = 0; i < toDecode.size(); i++) out[toDecode.get(i)] = cap(hyps.get(i).tokens(), limits);
    }
    return out;
  }

  private static int[] cap(int[] y, ModelLimits limits) {
    return y.length > limits.maxTarget() ? Arrays.copyOf(y, limits.maxTarget()) : y;
  }

  /** {@code BOS + y} inputs and {@code y + EOS} outputs, padded. */
  private TargetBatch teacherForcing(int[][] ys) {
    int n = ys.length;
    int t = 1;
    for (int[] y : ys) t = Math.max(t, y.length + 1);
    int[] in = new int[n * t];
    int[] out = new int[n * t];
    Arrays.fill(in, model.padId());
    Arrays.fill(out, model.padId());
    int[] lengths = new int[n];
    for (int r = 0; r < n; r++) {
      int[] y = ys[r];
      in[r * t] = target.bosId();
      System.arraycopy(y, 0, in, r * t + 1, y.length);
      System.arraycopy(y, 0, out, r * t, y.length);
      out[r * t + y.length] = target.eosId();
      lengths[r] = y.length + 1;
    }
    return new TargetBatch(IntTensor.of(in, n, t), IntTensor.of(out, n, t), lengths);
  }

  /** The gold alignment if every link lies within the tokens (word-level tokenizers), else null. */
  private static Alignment fitting(Alignment gold, int sources, int targets) {
    if (gold == null) return null;
    for (Link l : gold.possible()) if (l.source() >= sources || l.target() >= targets) return null;
    return gold;
  }
}
