package org.attention4j.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.attention4j.models.seq2seq.SourceBatch;
import org.attention4j.models.seq2seq.TargetBatch;
import org.attention4j.tensor.IntTensor;

/**
 * Length-bucketed batches over a list of {@link EncodedPair}s, deterministic for a seed.
 *
 * <p>An epoch ({@link #epochOrder}): all pair indices are shuffled with a generator seeded by
 * {@code StepRandom.derive(seed, BATCH_ORDER, epoch)}; the shuffled list is cut into pools of
 * {@link BatchingOptions#poolSize()} pairs; each pool is sorted by (source length, target length)
 * (stable, so ties keep the shuffled order) and cut greedily into batches that respect the
 * token budget and the sentence limit; then the batches of all pools are shuffled with the same
 * generator. Every pair is in exactly one batch per epoch, each epoch's order depends on
 * {@code (seed, epoch)} only, and a resumed run finds its place from the epoch and the batch
 * index alone.
 *
 * <p>Evaluation ({@link #byLength}) sorts all pairs by length and cuts them the same way,
 * without shuffling.
 */
public final class Batcher {
  private final List<EncodedPair> pairs;
  private final BatchingOptions options;
  private final int padId;
  private final int bosId;
  private final int eosId;

  /**
   * @throws IllegalArgumentException if one pair alone is over the token budget (naming it, its
   *     cost and the budget)
   */
  public Batcher(List<EncodedPair> pairs, BatchingOptions options, int padId, int bosId, int eosId) {
    this.pairs = List.copyOf(pairs);
    this.options = options;
    this.padId = padId;
    this.bosId = bosId;
    this.eosId = eosId;
    if (options.maxTokens() > 0) {
      for (EncodedPair p : this.pairs) {
        int cost = cost(p);
        if (cost > options.maxTokens()) {
          throw new IllegalArgumentException("Batcher: pair " + p.pair().id() + " alone needs " + cost
              + " padded positions, more than the batch budget of " + options.maxTokens()
              + " tokens (raise the budget or lower the max length)");
        }
      }
    }
  }

  /** The pairs, as indexed by batches. */
  public List<EncodedPair> pairs() {
    return pairs;
  }

  public BatchingOptions options() {
    return options;
  }

  /** The batches of epoch {@code epoch} (from 0), as pair indices (see the class comment). */
  public List<int[]> epochOrder(long seed, int epoch) {
    SplittableRandom rng = new SplittableRandom(StepRandom.derive(seed, StepRandom.BATCH_ORDER, epoch));
    Integer[] order = new Integer[pairs.size()];
    for (int i = 0; i < order.length; i++) order[i] = i;
    for (int i = order.length - 1; i > 0; i--) { // Fisher-Yates
      int j = rng.nextInt(i + 1);
      Integer t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    List<int[]> batches = new ArrayList<>();
    for (int from = 0; from < order.length; from += options.poolSize()) {
      Integer[] pool = Arrays.copyOfRange(order, from, Math.min(order.length, from + options.poolSize()));
      Arrays.sort(pool, byLengthOrder());
      cut(pool, batches);
    }
    for (int i = batches.size() - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      Collections.swap(batches, i, j);
    }
    return batches;
  }

  /** All pairs sorted by length and cut into batches, shortest first, for evaluation. */
  public List<int[]> byLength() {
    Integer[] order = new Integer[pairs.size()];
    for (int i = 0; i < order.length; i++) order[i] = i;
    Arrays.sort(order, byLengthOrder());
    List<int[]> batches = new ArrayList<>();
    cut(order, batches);
    return batches;
  }

  private Comparator<Integer> byLengthOrder() {
    return Comparator.<Integer>comparingInt(i -> pairs.get(i).source().length)
        .thenComparingInt(i -> pairs.get(i).target().length);
  }

  /** Greedy cut of sorted indices under the budget and the sentence limit. */
  private void cut(Integer[] sorted, List<int[]> out) {
    int start = 0;
    int maxS = 0;
    int maxT = 0;
    for (int k = 0; k < sorted.length; k++) {
      EncodedPair p = pairs.get(sorted[k]);
      int s = Math.max(maxS, p.source().length);
      int t = Math.max(maxT, p.target().length + 1);
      int rows = k - start + 1;
      boolean over = (options.maxSentences() > 0 && rows > options.maxSentences())
          || (options.maxTokens() > 0 && (long) rows * Math.max(s, t) > options.maxTokens());
      if (over && rows > 1) {
        out.add(indices(sorted, start, k));
        start = k;
        s = p.source().length;
        t = p.target().length + 1;
      }
      maxS = s;
      maxT = t;
    }
    if (start < sorted.length) out.add(indices(sorted, start, sorted.length));
  }

  private static int[] indices(Integer[] sorted, int from, int to) {
    int[] out = new int[to - from];
    for (int i = from; i < to; i++) out[i - from] = sorted[i];
    return out;
  }

  private static int cost(EncodedPair p) {
    return Math.max(p.source().length, p.target().length + 1);
  }

  /** Padded positions of a batch of these pairs: {@code rows * max(S, T)}. */
  public int cost(int[] indices) {
    int s = 0;
    int t = 0;
    for (int i : indices) {
      s = Math.max(s, pairs.get(i).source().length);
      t = Math.max(t, pairs.get(i).target().length + 1);
    }
    return indices.length * Math.max(s, t);
  }

  /**
   * Source sentences as one padded batch, row {@code r} holding {@code sources.get(r)}: for
   * decoding text that has no reference (e.g. {@code attn translate}).
   *
   * @throws IllegalArgumentException if there are no sentences or one is empty
   */
  public static SourceBatch sourceBatch(List<int[]> sources, int padId) {
    if (sources.isEmpty()) throw new IllegalArgumentException("Batcher.sourceBatch: no sentences");
    int b = sources.size();
    int s = 0;
    for (int r = 0; r < b; r++) {
      if (sources.get(r).length == 0) throw new IllegalArgumentException("Batcher.sourceBatch: sentence " + r + " is empty");
      s = Math.max(s, sources.get(r).length);
    }
    int[] ids = new int[b * s];
    Arrays.fill(ids, padId);
    int[] lengths = new int[b];
    for (int r = 0; r < b; r++) {
      System.arraycopy(sources.get(r), 0, ids, r * s, sources.get(r).length);
      lengths[r] = sources.get(r).length;
    }
    return new SourceBatch(IntTensor.of(ids, b, s), lengths);
  }

  /** The padded tensors of the given pairs, row {@code r} holding pair {@code indices[r]}. */
  public Batch batch(int[] indices) {
    int b = indices.length;
    int s = 0;
    int t = 0;
    for (int i : indices) {
      s = Math.max(s, pairs.get(i).source().length);
      t = Math.max(t, pairs.get(i).target().length + 1);
    }
    int[] src = new int[b * s];
    int[] in = new int[b * t];
    int[] out = new int[b * t];
    Arrays.fill(src, padId);
    Arrays.fill(in, padId);
    Arrays.fill(out, padId);
    int[] sourceLengths = new int[b];
    int[] targetLengths = new int[b];
    int sourceTokens = 0;
    int targetTokens = 0;
    for (int r = 0; r < b; r++) {
      EncodedPair p = pairs.get(indices[r]);
      int[] x = p.source();
      int[] y = p.target();
      System.arraycopy(x, 0, src, r * s, x.length);
      in[r * t] = bosId;                                 // BOS + y
      System.arraycopy(y, 0, in, r * t + 1, y.length);
      System.arraycopy(y, 0, out, r * t, y.length);      // y + EOS
      out[r * t + y.length] = eosId;
      sourceLengths[r] = x.length;
      targetLengths[r] = y.length + 1;
      sourceTokens += x.length;
      targetTokens += y.length + 1;
    }
    return new Batch(indices.clone(), new SourceBatch(IntTensor.of(src, b, s), sourceLengths),
        new TargetBatch(IntTensor.of(in, b, t), IntTensor.of(out, b, t), targetLengths), sourceTokens, targetTokens);
  }
}
