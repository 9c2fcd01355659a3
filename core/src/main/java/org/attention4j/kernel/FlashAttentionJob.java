package org.attention4j.kernel;

import static org.attention4j.kernel.FlashAttentionTiles.MR;
import static org.attention4j.kernel.FlashAttentionTiles.TILE;

import java.lang.ref.WeakReference;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.attention4j.kernel.FlashAttention.Dims;
import org.attention4j.kernel.FlashAttention.Masking;
import org.attention4j.kernel.FlashAttention.View;

/**
 * One call of {@link FlashAttention}: the checked arguments, the mask geometry of a
 * (query block, key block) pair, the packing of operands into tile layouts, and the per-thread
 * workspace. Shared by {@link FlashAttentionForward} and {@link FlashAttentionBackward}.
 */
final class FlashAttentionJob {
  static final int BC = FlashAttention.KEY_BLOCK;
  /** Keys per segment of the backward pass (a multiple of {@link #BC}): K, V, dK, dV of a segment fit the L2 cache. */
  static final int KEY_SEGMENT = 10 * BC;
  private static final AtomicLong IDS = new AtomicLong();

  final boolean vector;
  final String op;
  final int batch, heads, tq, tk, d, dv;
  /** Query blocks per sequence. */
  final int nqb;
  /** Widths rounded up to whole tiles, and their tile counts. */
  final int dp, dvp, ncbk, ncbv;
  final View q, k, v;
  final Masking mask;
  final float scale;
  final float dropout;
  final long seed;
  /** Whether K (V) rows are already {@code TILE}-strided and {@code TILE} wide: no packing. */
  final boolean kDirect, vDirect;
  /** Tells this call's packed operands from an earlier call's in a reused workspace. */
  final long id = IDS.incrementAndGet();

  FlashAttentionJob(boolean vector, String op, Dims dims, View q, View k, View v, Masking mask,
      float scale, float dropout, long seed) {
    this.vector = vector;
    this.op = op;
    this.batch = dims.batch();
    this.heads = dims.heads();
    this.tq = dims.tq();
    this.tk = dims.tk();
    this.d = dims.d();
    this.dv = dims.dv();
    this.nqb = (tq + TILE - 1) / TILE;
    this.ncbk = (d + TILE - 1) / TILE;
    this.ncbv = (dv + TILE - 1) / TILE;
    this.dp = ncbk * TILE;
    this.dvp = ncbv * TILE;
    this.q = q;
    this.k = k;
    this.v = v;
    this.mask = mask == null ? Masking.none() : mask;
    this.scale = scale;
    this.dropout = dropout;
    this.seed = seed;
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException(op + ": dropout must be in [0, 1), got " + dropout);
    }
    checkView("q", q, tq, d);
    checkView("k", k, tk, d);
    if (v != null) checkView("v", v, tk, dv);
    checkMask();
    kDirect = d == TILE && k.rowStride() == TILE;
    vDirect = v != null && dv == TILE && v.rowStride() == TILE;
  }

  // ------------------------------------------------------------------ argument checks

  void checkView(String name, View x, int t, int width) {
    if (x.batchStride() < 0 || x.headStride() < 0 || x.rowStride() < 0 || x.offset() < 0) {
      throw new IllegalArgumentException(op + ": " + name + " has a negative offset or stride: " + x);
    }
    if (batch == 0 || heads == 0 || t == 0) return;
    long last = x.offset() + (long) (batch - 1) * x.batchStride() + (long) (heads - 1) * x.headStride()
        + (long) (t - 1) * x.rowStride() + width - 1;
    if (last >= x.data().length) {
      throw new IllegalArgumentException(op + ": " + name + " of (B, H, T, width) = (" + batch + ", " + heads + ", "
          + t + ", " + width + ") with strides (" + x.batchStride() + ", " + x.headStride() + ", " + x.rowStride()
          + ", 1) at offset " + x.offset() + " needs " + (last + 1) + " floats, array has " + x.data().length);
    }
  }

  void checkLse(float[] lse) {
    java.util.Objects.requireNonNull(lse, op + ": lse array is null");
    long want = (long) batch * heads * tq;
    if (lse.length < want) {
      throw new IllegalArgumentException(op + ": lse has " + lse.length + " floats, needs B*H*Tq = " + want);
    }
  }

  private void checkMask() {
    int[] lengths = mask.keyLengths();
    if (lengths != null) {
      if (lengths.length != batch) {
        throw new IllegalArgumentException(op + ": key padding has " + lengths.length + " lengths for batch " + batch);
      }
      for (int b = 0; b < batch; b++) {
        if (lengths[b] < 0 || lengths[b] > tk) {
          throw new IllegalArgumentException(op + ": key length " + lengths[b] + " of batch row " + b + " is outside [0, " + tk + "]");
        }
      }
    }
    if (mask.band() && mask.bandRight() < 0) {
      throw new IllegalArgumentException(op + ": band widths must be >= 0, got " + mask.bandLeft() + ", " + mask.bandRight());
    }
  }

  // ------------------------------------------------------------------ mask geometry

  /** First key any query of the block {@code [i0, i0 + rows)} may see. */
  int keyLo(int i0) {
    return mask.band() ? (int) Math.max(0L, (long) i0 - mask.bandLeft()) : 0;
  }

  /** One past the last key any query of the block may see (may be {@code <= keyLo}: none). */
  int keyHi(int b, int i0, int rows) {
    long hi = tk;
    if (mask.keyLengths() != null) hi = Math.min(hi, mask.keyLengths()[b]);
    long last = (long) i0 + rows - 1;
    if (mask.causal()) hi = Math.min(hi, last + mask.causalOffset() + 1);
    if (mask.band()) hi = Math.min(hi, last + mask.bandRight() + 1);
    return (int) Math.max(hi, 0L);
  }

  /** Whether every query of {@code [i0, i0 + rows)} may see every key of {@code [ja, jb)} (structured parts). */
  private boolean full(int ja, int jb, int i0, int rows) {
    long last = (long) i0 + rows - 1;
    if (mask.causal() && jb - 1L > (long) i0 + mask.causalOffset()) return false;
    return !mask.band() || (ja >= last - mask.bandLeft() && jb - 1L <= (long) i0 + mask.bandRight());
  }

  /**
   * Masks the score tile of keys {@code [ja, ja + n)} against the query block at {@code i0}:
   * per lane where the causal/band parts cut through the block, per element for a dense mask.
   */
  void applyMask(Workspace ws, int b, int h, int ja, int n, int i0, int rows) {
    if ((mask.causal() || mask.band()) && !full(ja, ja + n, i0, rows)) {
      for (int r = 0; r < n; r++) {
        long j = ja + r;
        long lo = Long.MIN_VALUE / 4;
        long hi = Long.MAX_VALUE / 4;
        if (mask.causal()) lo = j - mask.causalOffset();
        if (mask.band()) {
          lo = Math.max(lo, j - mask.bandRight());
          hi = j + mask.bandLeft();
        }
        ws.lo[r] = (int) Math.clamp(lo - i0, -1, TILE);
        ws.hi[r] = (int) Math.clamp(hi - i0, -1, TILE);
      }
      FlashAttentionRows.maskLanes(vector, ws.s, n, ws.lo, ws.hi);
    }
    FlashAttention.Dense dense = mask.dense();
    if (dense != null) {
      for (int r = 0; r < n; r++) {
        int base = r * TILE;
        for (int ii = 0; ii < rows; ii++) {
          if (dense.at(b, h, i0 + ii, ja + r) == 0f) ws.s[base + ii] = Float.NEGATIVE_INFINITY;
        }
      }
    }
  }

  // ------------------------------------------------------------------ shared tile steps

  /**
   * {@code s[r][lane] = k[ja + r] . (scale * q[i0 + lane])} from the scaled Q^T tile that
   * {@link #packQueries} left in {@code ws.qt}. K rows come from the packed copy when K is one
   * tile column wide but not already tile-strided (see {@link #packedK}); the values and their
   * order are the same either way.
   */
  void scores(Workspace ws, int b, int h, int ja, int n) {
    scores(ws, b, h, ja, n, true);
  }

  /**
   * {@link #scores} reading K in place when {@code mayPack} is false: for callers that move to
   * another (b, h) after every block, which would pack K again each time.
   */
  void scores(Workspace ws, int b, int h, int ja, int n, boolean mayPack) {
    float[] src;
    int ks;
    int base;
    if (kDirect || ncbk > 1 || !mayPack) {
      src = k.data();
      ks = k.rowStride();
      base = k.base(b, h) + ja * ks;
    } else {
      src = packedK(ws, b, h, ja + n);
      ks = TILE;
      base = ja * TILE;
    }
    for (int r = 0; r < n; r += MR) {
      FlashAttentionTiles.rowsA(vector, Math.min(MR, n - r), d, src, base + r * ks, ks, ws.qt, 0,
          ws.s, r * TILE, TILE, false);
    }
  }

  /**
   * The scaled Q^T tile of a query block: {@code ws.qt[p*TILE + ii] = scale * q[b, h, i0 + ii, p]}
   * (lanes past {@code rows} are 0). Folding the scale into Q makes every score tile (forward,
   * backward, weights) the same product with the same bits.
   */
  void packQueries(Workspace ws, int b, int h, int i0, int rows) {
    packTransposed(ws.qt, q, d, b, h, i0, rows, scale);
  }

  /** The per-lane row log-sum-exp for recomputing P: {@code +inf} (P = 0) for empty and padded rows. */
  void lseLanes(Workspace ws, float[] lse, int b, int h, int i0, int rows) {
    int base = (b * heads + h) * tq + i0;
    for (int ii = 0; ii < TILE; ii++) {
      float x = ii < rows ? lse[base + ii] : Float.POSITIVE_INFINITY;
      ws.lse[ii] = x == Float.NEGATIVE_INFINITY ? Float.POSITIVE_INFINITY : x;
    }
  }

  FlashAttentionRows.Dropper dropper(int b, int h) {
    return dropout > 0 ? new FlashAttentionRows.Dropper(seed, b, h, dropout) : null;
  }

  // ------------------------------------------------------------------ packing

  /**
   * {@code dst[p*TILE + ii] = f * x[b, h, i0 + ii, p]} for {@code p < width}; lanes past
   * {@code rows} are 0.
   */
  static void packTransposed(float[] dst, View x, int width, int b, int h, int i0, int rows, float f) {
    float[] src = x.data();
    int rs = x.rowStride();
    int base = x.base(b, h) + i0 * rs;
    for (int ii = 0; ii < rows; ii++) {
      int s = base + ii * rs;
      if (f == 1f) {
        for (int p = 0; p < width; p++) dst[p * TILE + ii] = src[s + p];
      } else {
        for (int p = 0; p < width; p++) dst[p * TILE + ii] = src[s + p] * f;
      }
    }
    if (rows < TILE) {
      for (int p = 0; p < width; p++) Arrays.fill(dst, p * TILE + rows, (p + 1) * TILE, 0f);
    }
  }

  /**
   * Copies rows {@code [r0, r0 + rows)} of {@code x[b, h]} into tile columns: row {@code rr},
   * column {@code c} lands at {@code dst[((c / TILE) * cap + row0 + rr) * TILE + c % TILE]},
   * zero-padded to whole tiles.
   */
  static void packRows(float[] dst, View x, int width, int b, int h, int r0, int rows, int cap, int row0) {
    float[] src = x.data();
    int rs = x.rowStride();
    int base = x.base(b, h) + r0 * rs;
    int ncb = (width + TILE - 1) / TILE;
    for (int rr = 0; rr < rows; rr++) {
      int s = base + rr * rs;
      for (int cb = 0; cb < ncb; cb++) {
        int o = (cb * cap + row0 + rr) * TILE;
        int cnt = Math.min(TILE, width - cb * TILE);
        System.arraycopy(src, s + cb * TILE, dst, o, cnt);
        if (cnt < TILE) Arrays.fill(dst, o + cnt, o + TILE, 0f);
      }
    }
  }

  /**
   * Rows {@code [0, upTo)} of K of {@code (b, h)} in tile columns ({@code cap = Tk}): element
   * {@code (r, c)} at {@code ((c / TILE) * Tk + r) * TILE + c % TILE}. Use when K is not
   * {@link #kDirect}.
   *
   * <p>Packing is not only for the layout: K and V are often views with a long row stride (heads
   * split out of a (B, T, H*d) activation: 2 KiB between rows at H*d = 512). Rows that far apart
   * fall into few cache sets, and reading them again for every query block was measured at
   * ~30% of the forward pass; the packed rows are contiguous.
   */
  float[] packedK(Workspace ws, int b, int h, int upTo) {
    return packed(ws.pk, k, d, b, h, upTo);
  }

  /** Rows {@code [0, upTo)} of V of {@code (b, h)} in tile columns, as {@link #packedK}. */
  float[] packedV(Workspace ws, int b, int h, int upTo) {
    return packed(ws.pv, v, dv, b, h, upTo);
  }

  /** Packs only what {@code slot} does not hold for this call and {@code (b, h)} yet. */
  private float[] packed(Workspace.Packed slot, View x, int width, int b, int h, int upTo) {
    int key = b * heads + h;
    int ncb = (width + TILE - 1) / TILE;
    if (slot.job != id || slot.key != key) {
      slot.a = Workspace.grow(slot.a, ncb * tk * TILE);
      slot.job = id;
      slot.key = key;
      slot.rows = 0;
    }
    if (upTo > slot.rows) {
      packRows(slot.a, x, width, b, h, slot.rows, upTo - slot.rows, tk, slot.rows);
      slot.rows = upTo;
    }
    return slot.a;
  }

  /** Items per parallel task so that a task holds about a million multiply-adds. */
  int grain(long fmasPerItem) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (1L << 20) / Math.max(1, fmasPerItem)));
  }

  // ------------------------------------------------------------------ workspace

  /**
   * Per-thread tile buffers, grown on demand and reused by every later call on the same thread
   * (never reallocated per call once large enough). Their size is linear in {@code Tk * d}.
   */
  static final class Workspace {
    private static final ThreadLocal<Workspace> LOCAL = ThreadLocal.withInitial(Workspace::new);
    private static final ConcurrentLinkedQueue<WeakReference<Workspace>> ALL = new ConcurrentLinkedQueue<>();

    /** Q^T and dO^T tiles {@code [width][TILE]}. */
    float[] qt = new float[0], dot = new float[0];
    /** Q and dO rows in tile columns {@code [cb][TILE][TILE]}. */
    float[] qp = new float[0], dop = new float[0];
    /** Score tile, dropped-probability tile, dP/dS tile: {@code [BC][TILE]}. */
    final float[] s = new float[BC * TILE], pd = new float[BC * TILE], dpt = new float[BC * TILE];
    /** Output accumulator {@code [TILE][dvp]} (forward) or dQ tile {@code [TILE][dp]}. */
    float[] acc = new float[0];
    /**
     * dK, dV and dQ accumulators of one (b, h): {@code [Tk][dp]}, {@code [Tk][dvp]}, {@code [Tq][dp]},
     * for gradients that do not accumulate in their outputs (widths that are not whole tiles,
     * strided rows).
     */
    float[] dk = new float[0], dv = new float[0], dq = new float[0];
    /** Packed K rows and packed V rows of one (b, h). */
    final Packed pk = new Packed(), pv = new Packed();
    final float[] m = new float[TILE], l = new float[TILE], alpha = new float[TILE], safe = new float[TILE];
    final float[] sum = new float[TILE];
    final float[] lse = new float[TILE], dvec = new float[TILE];
    final int[] lo = new int[BC], hi = new int[BC];
    /**
     * {@link FlashAttentionWeightsForward}: K^T in GEMM panels (and how many panels hold this
     * run's keys), packed Q or W rows, the GEMM's scratch tile.
     */
    float[] kt = new float[0], ap = new float[0];
    int ktPanels;
    final float[] tile = new float[SgemmMicroKernel.MR * SgemmMicroKernel.NR];
    /** One query's scores over all keys, and lane partial sums ({@link FlashAttentionDecode}). */
    float[] row = new float[0];
    final float[] lanes = new float[Vectors.LANES];

    private Workspace() {
      ALL.add(new WeakReference<>(this));
    }

    /** This thread's workspace, grown to fit {@code job} (with the backward buffers if asked). */
    static Workspace get(FlashAttentionJob job, boolean backward) {
      Workspace ws = LOCAL.get();
      int width = Math.max(job.d, job.dv);
      ws.qt = grow(ws.qt, width * TILE);
      ws.acc = grow(ws.acc, TILE * Math.max(job.dp, job.dvp));
      if (backward) {
        ws.dot = grow(ws.dot, job.dv * TILE);
        ws.qp = grow(ws.qp, job.dp * TILE);
        ws.dop = grow(ws.dop, job.dvp * TILE);
        // dk, dv, dq grow when a gradient cannot accumulate in its output (FlashAttentionBackward.Acc).
      }
      return ws;
    }

    /** Rows of one operand of one (b, h) packed in tile columns, and for which call and (b, h). */
    static final class Packed {
      float[] a = new float[0];
      long job = -1;
      int key = -1;
      int rows;
    }

    static float[] grow(float[] a, int n) {
      return a.length >= n ? a : new float[n];
    }

    long bytes() {
      long floats = qt.length + dot.length + qp.length + dop.length + 3L * s.length + acc.length + dk.length
          + dv.length + dq.length + pk.a.length + pv.a.length + row.length + lanes.length + 7L * TILE
          + kt.length + ap.length + tile.length;
      return 4 * floats + 8L * BC;
    }

    static long totalBytes() {
      long sum = 0;
      for (var it = ALL.iterator(); it.hasNext(); ) {
        Workspace w = it.next().get();
        if (w == null) it.remove();
        else sum += w.bytes();
      }
      return sum;
    }
  }
}
