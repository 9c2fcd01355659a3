package org.attention4j.kernel;

import java.util.Objects;

/**
 * Fused scaled dot-product attention on raw {@code float[]} storage: a tiled, online-softmax
 * forward pass and a backward pass that recomputes the probabilities, after FlashAttention-2
 * (Dao 2023, Algorithms 1 and 2). Extra memory grows linearly with the sequence length: no
 * {@code Tq x Tk} matrix is ever stored, except the weights a caller asks for with
 * {@link #weights} or {@link #forwardWithWeights}.
 *
 * <p><b>Operands.</b> {@code q (B, H, Tq, d)}, {@code k (B, H, Tk, d)}, {@code v (B, H, Tk, dv)}
 * are {@link View}s: any strides on the batch, head and row dims, unit stride in the last dim, so
 * head-split views of {@code (B, T, H*d)} activations and key-value cache views need no copy.
 * {@code o} is written through a view as well (FusedAttention stores it {@code (B, Tq, H, dv)},
 * which makes the head merge free); {@code lse (B, H, Tq)} is the per-row log-sum-exp
 * {@code L = m + log(l)} of the scaled, masked scores, {@code -inf} for a query that may attend to
 * nothing (whose output row is 0 and whose gradients are 0).
 *
 * <p><b>Blocking.</b> A query block is {@code TILE = 4 * LANES} queries (64 on AVX-512), one
 * vector-register row of the score tile; a key block is {@value #KEY_BLOCK} keys (16 strips of the
 * 6-row register tile). Score tiles are stored {@code [key][query]}, so the per-query softmax
 * statistics are vector lanes and every product is one register-blocked kernel
 * ({@code FlashAttentionTiles}, 6 rows x 4 vectors, 24 accumulators; 2 rows on CPUs with 16
 * vector registers, {@link Vectors#FEW_REGISTERS}) whose broadcast operand is
 * read in place; only Q^T (scaled), dO^T and tile-column copies of Q and dO are packed, once per
 * query block, and K or V (once per (b, h) and thread) when their rows are not already
 * {@code TILE} floats apart. Head-split views of a {@code (B, T, H * d)} activation have rows
 * 2 KiB apart at {@code H * d = 512}; rows that far apart share few cache sets, so K and V are read
 * from the packed copies, and gradients with such strides accumulate in the workspace and are
 * written once.
 *
 * <p><b>Parallel split.</b> The forward pass runs over {@code (b, h, query block)} items; the
 * backward pass over {@code (b, h)} items, each owning its rows of dK and dV and its dQ, in one
 * pass: key segments (about a thousand keys, so that K, V, dK and dV stay in the L2 cache), query
 * blocks, key blocks; five tile products per block pair ({@code S, dV, dP, dK, dQ}), no atomics.
 * Work never splits a sum across threads and segments split only at key-block boundaries, so every
 * result has the same bits for any thread count. Key blocks that the causal, band or padding mask
 * hides entirely are skipped; partially masked blocks are masked per lane; a dense mask is read per
 * element. With at most four queries (decoding against a key-value cache) the forward pass runs
 * one query row at a time instead ({@code FlashAttentionDecode}), which wastes no lanes.
 *
 * <p><b>Dropout</b> is applied to the probabilities before the product with V, with keep/drop
 * decided by a counter-based hash of {@code (seed, b, h, i, j)} (see {@code FlashAttentionRows})
 * so the backward pass regenerates the same mask; it does not reproduce PyTorch's dropout bits.
 *
 * <p>Each entry point has a scalar twin ({@code ...Scalar}) that runs the same algorithm with
 * plain loops; the two give the same bits. With {@link Vectors#ENABLED} off the plain entry points
 * use the twins.
 */
public final class FlashAttention {
  /** Keys per key block. */
  public static final int KEY_BLOCK = 96;
  /** Queries per query block (four vectors). */
  public static final int QUERY_BLOCK = FlashAttentionTiles.TILE;

  private FlashAttention() {}

  /**
   * Sizes of one attention call.
   *
   * @param batch B
   * @param heads H
   * @param tq queries per sequence
   * @param tk keys per sequence
   * @param d query and key width
   * @param dv value width
   */
  public record Dims(int batch, int heads, int tq, int tk, int d, int dv) {
    /**
     * @throws IllegalArgumentException if a size is negative, or d or dv is zero
     */
    public Dims {
      if (batch < 0 || heads < 0 || tq < 0 || tk < 0 || d < 1 || dv < 1) {
        throw new IllegalArgumentException("flash attention: sizes must be >= 0 (d, dv >= 1), got B " + batch
            + ", H " + heads + ", Tq " + tq + ", Tk " + tk + ", d " + d + ", dv " + dv);
      }
    }
  }

  /**
   * A strided {@code (B, H, T, width)} operand: element {@code (b, h, t, x)} is
   * {@code data[offset + b*batchStride + h*headStride + t*rowStride + x]}.
   */
  public record View(float[] data, int offset, int batchStride, int headStride, int rowStride) {
    public View {
      Objects.requireNonNull(data, "flash attention: view data is null");
    }

    /** A contiguous {@code (B, H, T, width)} array. */
    public static View contiguous(float[] data, int heads, int t, int width) {
      return new View(data, 0, heads * t * width, t * width, width);
    }

    int base(int b, int h) {
      return offset + b * batchStride + h * headStride;
    }
  }

  /**
   * A dense {@code (B, H, Tq, Tk)} operand with any strides (0 broadcasts a dim): a 0/1 mask, or
   * the gradient of the weights.
   */
  public record Dense(float[] data, int offset, int batchStride, int headStride, int rowStride, int colStride) {
    public Dense {
      Objects.requireNonNull(data, "flash attention: dense data is null");
    }

    float at(int b, int h, int i, int j) {
      return data[offset + b * batchStride + h * headStride + i * rowStride + j * colStride];
    }
  }

  /**
   * Which keys each query may attend to ({@code true} = may attend): the conjunction of the
   * parts that are present.
   *
   * @param causalOffset query i sees key j iff {@code j <= i + causalOffset}; {@link #NO_CAUSAL}
   *     for none
   * @param bandLeft with a band, {@code -bandLeft <= j - i <= bandRight}; negative for none
   * @param bandRight see bandLeft
   * @param keyLengths batch row b has keys {@code 0 .. keyLengths[b]-1}; null for none
   * @param dense non-zero where allowed, or null
   */
  public record Masking(int causalOffset, int bandLeft, int bandRight, int[] keyLengths, Dense dense) {
    /** Marks an absent causal part. */
    public static final int NO_CAUSAL = Integer.MAX_VALUE;
    private static final Masking NONE = new Masking(NO_CAUSAL, -1, -1, null, null);

    /** Every query may attend to every key. */
    public static Masking none() {
      return NONE;
    }

    boolean causal() {
      return causalOffset != NO_CAUSAL;
    }

    boolean band() {
      return bandLeft >= 0;
    }
  }

  // ------------------------------------------------------------------ forward

  /**
   * The attention output {@code o = dropout(softmax(mask(q k^T * scale))) v} and the row
   * log-sum-exp {@code lse (B, H, Tq)} (contiguous) that the backward pass and {@link #weights}
   * need.
   *
   * @param dropout probability of zeroing a probability, in {@code [0, 1)}; 0 turns it off
   * @param seed the dropout stream
   * @throws IllegalArgumentException if an operand or a mask does not fit the sizes
   */
  public static void forward(Dims dims, View q, View k, View v, Masking mask, float scale,
      float dropout, long seed, View o, float[] lse) {
    run(Vectors.ENABLED, dims, q, k, v, mask, scale, dropout, seed, o, lse);
  }

  /** Scalar twin of {@link #forward}: the same algorithm in plain loops, the same bits. */
  public static void forwardScalar(Dims dims, View q, View k, View v, Masking mask, float scale,
      float dropout, long seed, View o, float[] lse) {
    run(false, dims, q, k, v, mask, scale, dropout, seed, o, lse);
  }

  private static void run(boolean vector, Dims dims, View q, View k, View v, Masking mask,
      float scale, float dropout, long seed, View o, float[] lse) {
    var job = new FlashAttentionJob(vector, "flash attention forward", dims, q, k, v, mask, scale, dropout, seed);
    job.checkView("o", o, dims.tq(), dims.dv());
    job.checkLse(lse);
    FlashAttentionForward.forward(job, o, lse);
  }

  /**
   * {@link #forward} without dropout that also writes every head's weights
   * {@code w (B, H, Tq, Tk)} (contiguous; masked entries 0): the scores are computed into
   * {@code w}, normalised there, and multiplied by V from there, so asking for the weights costs
   * their memory and no recomputation ({@code FlashAttentionWeightsForward}). {@code lse} is what
   * {@link #backward} and {@link #weightsBackward} need. Every element of {@code o} and
   * {@code lse} is written; every element of {@code w} too unless {@code wZeroed}. The same
   * accuracy as {@link #forward}, not the same bits. With at most four queries (decoding) it runs
   * {@link #forward}'s row-at-a-time pass and {@link #weights} instead, which waste no GEMM rows.
   *
   * @param wZeroed whether {@code w} already holds zeros (a new Java array): the entries a mask
   *     rules out are then left alone rather than written. Under a causal mask that is half the
   *     array, memory the kernel would otherwise read and write back only to store zeros again.
   * @throws IllegalArgumentException if an operand or a mask does not fit the sizes
   */
  public static void forwardWithWeights(Dims dims, View q, View k, View v, Masking mask, float scale, View o,
      float[] lse, float[] w, boolean wZeroed) {
    runWithWeights(Vectors.ENABLED, dims, q, k, v, mask, scale, o, lse, w, wZeroed);
  }

  /** Scalar twin of {@link #forwardWithWeights} (its products are the plain loops of {@link Sgemm#sgemmScalar}). */
  public static void forwardWithWeightsScalar(Dims dims, View q, View k, View v, Masking mask, float scale,
      View o, float[] lse, float[] w, boolean wZeroed) {
    runWithWeights(false, dims, q, k, v, mask, scale, o, lse, w, wZeroed);
  }

  private static void runWithWeights(boolean vector, Dims dims, View q, View k, View v, Masking mask,
      float scale, View o, float[] lse, float[] w, boolean wZeroed) {
    var job = new FlashAttentionJob(vector, "flash attention forward with weights", dims, q, k, v, mask, scale, 0f, 0L);
    job.checkView("o", o, dims.tq(), dims.dv());
    job.checkLse(lse);
    checkWeights(job, w, false);
    if (dims.tq() <= FlashAttentionDecode.MAX_QUERIES) {
      // A few queries (decoding): the row-at-a-time pass wastes no GEMM rows; its weights are
      // then recomputed into a zeroed array, which is small here.
      if (!wZeroed) java.util.Arrays.fill(w, 0, dims.batch() * dims.heads() * dims.tq() * dims.tk(), 0f);
      FlashAttentionForward.forward(job, o, lse);
      FlashAttentionForward.weights(job, lse, false, w);
    } else {
      FlashAttentionWeightsForward.forward(job, o, lse, w, wZeroed);
    }
  }

  private static void checkWeights(FlashAttentionJob job, float[] w, boolean average) {
    Objects.requireNonNull(w, job.op + ": weights array is null");
    long want = (long) job.batch * (average ? 1 : job.heads) * job.tq * job.tk;
    if (w.length < want) {
      throw new IllegalArgumentException(job.op + ": weights have " + w.length + " floats, need " + want);
    }
  }

  // ------------------------------------------------------------------ backward

  /**
   * Gradients of {@link #forward}'s output: given {@code dO}, writes {@code dq}, {@code dk},
   * {@code dv} (every element; rows no query attends to get zeros). Needs only the inputs,
   * the output {@code o}, its {@code lse}, and the same mask, scale and dropout stream.
   *
   * @throws IllegalArgumentException if an operand or a mask does not fit the sizes
   */
  public static void backward(Dims dims, View q, View k, View v, View o, float[] lse, View dO,
      Masking mask, float scale, float dropout, long seed, View dq, View dk, View dv) {
    runBackward(Vectors.ENABLED, dims, q, k, v, o, lse, dO, mask, scale, dropout, seed, dq, dk, dv);
  }

  /** Scalar twin of {@link #backward}. */
  public static void backwardScalar(Dims dims, View q, View k, View v, View o, float[] lse, View dO,
      Masking mask, float scale, float dropout, long seed, View dq, View dk, View dv) {
    runBackward(false, dims, q, k, v, o, lse, dO, mask, scale, dropout, seed, dq, dk, dv);
  }

  private static void runBackward(boolean vector, Dims dims, View q, View k, View v, View o,
      float[] lse, View dO, Masking mask, float scale, float dropout, long seed, View dq, View dk,
      View dv) {
    var job = new FlashAttentionJob(vector, "flash attention backward", dims, q, k, v, mask, scale, dropout, seed);
    job.checkView("o", o, dims.tq(), dims.dv());
    job.checkView("dO", dO, dims.tq(), dims.dv());
    job.checkView("dq", dq, dims.tq(), dims.d());
    job.checkView("dk", dk, dims.tk(), dims.d());
    job.checkView("dv", dv, dims.tk(), dims.dv());
    job.checkLse(lse);
    FlashAttentionBackward.backward(job, o, lse, dO, dq, dk, dv);
  }

  // ------------------------------------------------------------------ weights

  /**
   * The attention weights {@code P = exp(q k^T * scale - lse)} (masked entries 0), recomputed
   * exactly from the forward pass's {@code lse}, block by block, into {@code w}: per head
   * {@code (B, H, Tq, Tk)}, or with {@code average} their mean over heads {@code (B, Tq, Tk)}
   * (contiguous). These are the weights before dropout. {@code w} must hold zeros on entry (a fresh
   * array): entries that no query block reaches (keys beyond a causal or band limit, padding) are
   * left as they are, so that the masked half of a causal matrix costs nothing.
   *
   * @throws IllegalArgumentException if an operand does not fit the sizes
   */
  public static void weights(Dims dims, View q, View k, float[] lse, Masking mask, float scale,
      boolean average, float[] w) {
    runWeights(Vectors.ENABLED, dims, q, k, lse, mask, scale, average, w);
  }

  /** Scalar twin of {@link #weights}. */
  public static void weightsScalar(Dims dims, View q, View k, float[] lse, Masking mask, float scale,
      boolean average, float[] w) {
    runWeights(false, dims, q, k, lse, mask, scale, average, w);
  }

  private static void runWeights(boolean vector, Dims dims, View q, View k, float[] lse, Masking mask,
      float scale, boolean average, float[] w) {
    var job = new FlashAttentionJob(vector, "flash attention weights", dims, q, k, null, mask, scale, 0f, 0L);
    job.checkLse(lse);
    checkWeights(job, w, average);
    FlashAttentionForward.weights(job, lse, average, w);
  }

  /**
   * Gradients of {@link #weights} with respect to q and k, given the weights' gradient
   * {@code gw} (per head; with {@code average}, the gradient of the mean, read with head stride
   * 0): {@code dS = P * (gw - rowsum(gw * P)) * scale}, {@code dq = dS k}, {@code dk = dS^T q}.
   *
   * @throws IllegalArgumentException if an operand does not fit the sizes
   */
  public static void weightsBackward(Dims dims, View q, View k, float[] lse, Masking mask, float scale,
      Dense gw, boolean average, View dq, View dk) {
    runWeightsBackward(Vectors.ENABLED, dims, q, k, lse, mask, scale, gw, average, dq, dk);
  }

  /** Scalar twin of {@link #weightsBackward}. */
  public static void weightsBackwardScalar(Dims dims, View q, View k, float[] lse, Masking mask,
      float scale, Dense gw, boolean average, View dq, View dk) {
    runWeightsBackward(false, dims, q, k, lse, mask, scale, gw, average, dq, dk);
  }

  private static void runWeightsBackward(boolean vector, Dims dims, View q, View k, float[] lse,
      Masking mask, float scale, Dense gw, boolean average, View dq, View dk) {
    var job = new FlashAttentionJob(vector, "flash attention weights backward", dims, q, k, null, mask, scale, 0f, 0L);
    job.checkLse(lse);
    job.checkView("dq", dq, dims.tq(), dims.d());
    job.checkView("dk", dk, dims.tk(), dims.d());
    FlashAttentionBackward.weightsBackward(job, lse, gw, average, dq, dk);
  }

  /**
   * Bytes held by the per-thread tile workspaces that the kernels keep between calls (they grow
   * with {@code Tk * d} and are reused, not reallocated per call).
   */
  public static long workspaceBytes() {
    return FlashAttentionJob.Workspace.totalBytes();
  }
}
