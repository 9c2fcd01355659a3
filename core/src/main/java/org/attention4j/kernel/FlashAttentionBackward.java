package org.attention4j.kernel;

import static org.attention4j.kernel.FlashAttentionJob.BC;
import static org.attention4j.kernel.FlashAttentionTiles.MR;
import static org.attention4j.kernel.FlashAttentionTiles.TILE;

import java.util.Arrays;
import java.util.function.IntFunction;
import org.attention4j.kernel.FlashAttention.Dense;
import org.attention4j.kernel.FlashAttention.View;
import org.attention4j.kernel.FlashAttentionJob.Workspace;

/**
 * The backward pass of {@link FlashAttention} with recomputation (FlashAttention-2, Alg. 2), and
 * the backward pass of the recomputed weights.
 *
 * <p>One item is one (batch row, head). It owns dK and dV of its keys (accumulated in the
 * workspace, written once at the end) and dQ of its queries (a tile per query block), so no
 * gradient is shared between threads. Query blocks run outer, key blocks inner: Q^T, dO^T and the
 * tile-column copies of Q and dO are packed once per query block and reused by every key block;
 * K and V are read in place when their rows are already tile-shaped, else from copies packed
 * once per item (see {@code FlashAttentionJob#packedK}). Per block pair:
 * <pre>
 *   S^T  = K Q^T * scale            (masked)        P^T = exp(S^T - L)
 *   dV  += P'^T dO                  (P' = P with dropout applied)
 *   dP^T = V dO^T                   dS^T = P^T * (dP'^T - D) * scale,  D = rowsum(dO * O)
 *   dK  += dS^T Q                   dQ  += dS K
 * </pre>
 */
final class FlashAttentionBackward {
  private FlashAttentionBackward() {}

  static void backward(FlashAttentionJob job, View o, float[] lse, View dO, View dq, View dk, View dv) {
    Parallel.forRange(job.batch * job.heads, 1, (from, to) -> {
      Workspace ws = Workspace.get(job, true);
      for (int bh = from; bh < to; bh++) head(job, ws, bh / job.heads, bh % job.heads, o, lse, dO, dq, dk, dv);
    });
  }

  private static void head(FlashAttentionJob job, Workspace ws, int b, int h, View o, float[] lse, View dO,
      View dq, View dk, View dv) {
    boolean vec = job.vector;
    int dp = job.dp;
    int dvp = job.dvp;
    Acc gk = Acc.of(dk, job.d, dp, b, h, job.tk, n -> ws.dk = Workspace.grow(ws.dk, n));
    Acc gv = Acc.of(dv, job.dv, dvp, b, h, job.tk, n -> ws.dv = Workspace.grow(ws.dv, n));
    Acc gq = Acc.of(dq, job.d, dp, b, h, job.tq, n -> ws.dq = Workspace.grow(ws.dq, n));
    var drop = job.dropper(b, h);
    // V rows for dP^T = V dO^T: in place, or packed as in FlashAttentionJob#scores.
    boolean vPacked = !job.vDirect && job.ncbv == 1;
    int vs = vPacked ? TILE : job.v.rowStride();
    int vBase = vPacked ? 0 : job.v.base(b, h);
    // Key segments keep K, V and their dK, dV accumulators in the L2 cache while every query
    // block passes over them. Segments split only at key-block boundaries, so every sum runs in
    // the same order as without them.
    for (int s0 = 0; s0 < job.tk; s0 += FlashAttentionJob.KEY_SEGMENT) {
      int s1 = Math.min(s0 + FlashAttentionJob.KEY_SEGMENT, job.tk);
      for (int qb = 0; qb < job.nqb; qb++) {
        int i0 = qb * TILE;
        int rows = Math.min(TILE, job.tq - i0);
        int lo = Math.max(s0, job.keyLo(i0));
        int hi = Math.min(s1, job.keyHi(b, i0, rows));
        if (hi <= lo) continue;
        float[] kArr = job.kDirect ? job.k.data() : job.packedK(ws, b, h, hi);
        int kBase = job.kDirect ? job.k.base(b, h) : 0;
        float[] vArr = vPacked ? job.packedV(ws, b, h, hi) : job.v.data();
        job.packQueries(ws, b, h, i0, rows);
        FlashAttentionJob.packRows(ws.qp, job.q, job.d, b, h, i0, rows, TILE, 0);
        FlashAttentionJob.packTransposed(ws.dot, dO, job.dv, b, h, i0, rows, 1f);
        FlashAttentionJob.packRows(ws.dop, dO, job.dv, b, h, i0, rows, TILE, 0);
        job.lseLanes(ws, lse, b, h, i0, rows);
        rowDotsOfOutput(job, ws, o, dO, b, h, i0, rows);
        for (int j0 = lo - lo % BC; j0 < hi; j0 += BC) {
          int ja = Math.max(j0, lo);
          int n = Math.min(j0 + BC, hi) - ja;
          job.scores(ws, b, h, ja, n);
          job.applyMask(ws, b, h, ja, n, i0, rows);
          FlashAttentionRows.probs(vec, ws.s, n, ws.lse);
          float[] p = ws.s;
          if (drop != null) {
            FlashAttentionRows.dropout(vec, ws.s, ws.pd, n, drop, i0, ja);
            p = ws.pd;
          }
          for (int r = 0; r < n; r += MR) { // dV[ja + r ..] += P'^T dO
            for (int cb = 0; cb < job.ncbv; cb++) {
              FlashAttentionTiles.rowsA(vec, Math.min(MR, n - r), rows, p, r * TILE, TILE, ws.dop, cb * TILE * TILE,
                  gv.a, gv.base + (ja + r) * gv.ld + cb * TILE, gv.ld, true);
            }
          }
          for (int r = 0; r < n; r += MR) { // dP^T = V dO^T
            FlashAttentionTiles.rowsA(vec, Math.min(MR, n - r), job.dv, vArr, vBase + (ja + r) * vs, vs,
                ws.dot, 0, ws.dpt, r * TILE, TILE, false);
          }
          if (drop != null) FlashAttentionRows.dropout(vec, ws.dpt, ws.dpt, n, drop, i0, ja);
          FlashAttentionRows.dscores(vec, ws.s, ws.dpt, n, ws.dvec, job.scale);
          gradientsOfScores(job, ws, kArr, kBase, ja, n, rows, gk, gq.a, gq.base + i0 * gq.ld, gq.ld);
        }
      }
    }
    gq.finish(dq, job.d, b, h, job.tq);
    gk.finish(dk, job.d, b, h, job.tk);
    gv.finish(dv, job.dv, b, h, job.tk);
  }

  /**
   * Where one (b, h) slice of a gradient accumulates: straight into the output rows when they are
   * whole tiles wide and contiguous (zeroed first), else a zeroed workspace buffer of
   * {@code rows x widthP} floats (from {@code buffer}) copied out by {@link #finish}. Rows with a
   * long stride (a gradient laid out (B, T, H, w)) are read and written once per key block, and
   * rows that far apart fall into few cache sets, so they accumulate in the buffer instead.
   */
  private record Acc(float[] a, int base, int ld, boolean direct) {
    static Acc of(View x, int width, int widthP, int b, int h, int rows, IntFunction<float[]> buffer) {
      if (width == widthP && x.rowStride() == width) {
        int base = x.base(b, h);
        Arrays.fill(x.data(), base, base + rows * width, 0f);
        return new Acc(x.data(), base, width, true);
      }
      float[] ws = buffer.apply(rows * widthP);
      Arrays.fill(ws, 0, rows * widthP, 0f);
      return new Acc(ws, 0, widthP, false);
    }

    void finish(View x, int width, int b, int h, int rows) {
      if (!direct) writeRows(a, ld, x, width, b, h, 0, rows);
    }
  }

  /**
   * {@code dK[ja..] += dS^T Q} and {@code dQ += dS K} from the dS^T tile in {@code ws.dpt}; the dQ
   * rows of the block start at {@code dqAcc[dqOff]}, {@code dqLd} apart.
   */
  private static void gradientsOfScores(FlashAttentionJob job, Workspace ws, float[] kArr, int kBase, int ja,
      int n, int rows, Acc gk, float[] dqAcc, int dqOff, int dqLd) {
    boolean vec = job.vector;
    for (int r = 0; r < n; r += MR) {
      for (int cb = 0; cb < job.ncbk; cb++) {
        FlashAttentionTiles.rowsA(vec, Math.min(MR, n - r), rows, ws.dpt, r * TILE, TILE, ws.qp, cb * TILE * TILE,
            gk.a, gk.base + (ja + r) * gk.ld + cb * TILE, gk.ld, true);
      }
    }
    for (int cb = 0; cb < job.ncbk; cb++) {
      int kOff = kBase + (job.kDirect ? ja : cb * job.tk + ja) * TILE;
      for (int i = 0; i < rows; i += MR) {
        FlashAttentionTiles.colsA(vec, Math.min(MR, rows - i), n, ws.dpt, i, kArr, kOff, dqAcc,
            dqOff + i * dqLd + cb * TILE, dqLd, true);
      }
    }
  }

  /** {@code D[ii] = sum_c dO[ii][c] * O[ii][c]} (a fused chain over c; the same in both twins). */
  private static void rowDotsOfOutput(FlashAttentionJob job, Workspace ws, View o, View dO, int b, int h,
      int i0, int rows) {
    Arrays.fill(ws.dvec, 0f);
    float[] od = o.data();
    float[] gd = dO.data();
    for (int ii = 0; ii < rows; ii++) {
      int oi = o.base(b, h) + (i0 + ii) * o.rowStride();
      int gi = dO.base(b, h) + (i0 + ii) * dO.rowStride();
      float acc = 0f;
      for (int c = 0; c < job.dv; c++) acc = Math.fma(gd[gi + c], od[oi + c], acc);
      ws.dvec[ii] = acc;
    }
  }

  /** Copies rows {@code [0, rows)} of an accumulator with row stride {@code ld} to rows {@code r0..} of {@code x}. */
  private static void writeRows(float[] acc, int ld, View x, int width, int b, int h, int r0, int rows) {
    int base = x.base(b, h) + r0 * x.rowStride();
    for (int r = 0; r < rows; r++) System.arraycopy(acc, r * ld, x.data(), base + r * x.rowStride(), width);
  }

  // ------------------------------------------------------------------ weights backward

  static void weightsBackward(FlashAttentionJob job, float[] lse, Dense gw, boolean average, View dq, View dk) {
    float gScale = average ? 1f / job.heads : 1f;
    Parallel.forRange(job.batch * job.heads, 1, (from, to) -> {
      Workspace ws = Workspace.get(job, true);
      for (int bh = from; bh < to; bh++) {
        weightsHead(job, ws, lse, gw, gScale, bh / job.heads, bh % job.heads, dq, dk);
      }
    });
  }

  /**
   * The softmax backward of one (b, h) with the weights' gradient G in place of dP:
   * {@code D = rowsum(G * P)} (a first pass over the key blocks), then
   * {@code dS = P * (G - D) * scale}, {@code dK += dS^T Q}, {@code dQ += dS K}.
   */
  private static void weightsHead(FlashAttentionJob job, Workspace ws, float[] lse, Dense gw, float gScale,
      int b, int h, View dq, View dk) {
    boolean vec = job.vector;
    int dp = job.dp;
    Acc gk = Acc.of(dk, job.d, dp, b, h, job.tk, n -> ws.dk = Workspace.grow(ws.dk, n));
    for (int qb = 0; qb < job.nqb; qb++) {
      int i0 = qb * TILE;
      int rows = Math.min(TILE, job.tq - i0);
      int lo = job.keyLo(i0);
      int hi = job.keyHi(b, i0, rows);
      Arrays.fill(ws.acc, 0, rows * dp, 0f);
      if (hi > lo) {
        float[] kArr = job.kDirect ? job.k.data() : job.packedK(ws, b, h, hi);
        int kBase = job.kDirect ? job.k.base(b, h) : 0;
        job.packQueries(ws, b, h, i0, rows);
        FlashAttentionJob.packRows(ws.qp, job.q, job.d, b, h, i0, rows, TILE, 0);
        job.lseLanes(ws, lse, b, h, i0, rows);
        Arrays.fill(ws.dvec, 0f);
        for (int pass = 0; pass < 2; pass++) {
          for (int j0 = lo - lo % BC; j0 < hi; j0 += BC) {
            int ja = Math.max(j0, lo);
            int n = Math.min(j0 + BC, hi) - ja;
            job.scores(ws, b, h, ja, n);
            job.applyMask(ws, b, h, ja, n, i0, rows);
            FlashAttentionRows.probs(vec, ws.s, n, ws.lse);
            gatherGradient(ws.dpt, gw, gScale, b, h, i0, rows, ja, n);
            if (pass == 0) {
              FlashAttentionRows.rowDots(vec, ws.s, ws.dpt, n, ws.dvec);
            } else {
              FlashAttentionRows.dscores(vec, ws.s, ws.dpt, n, ws.dvec, job.scale);
              gradientsOfScores(job, ws, kArr, kBase, ja, n, rows, gk, ws.acc, 0, dp);
            }
          }
        }
      }
      writeRows(ws.acc, dp, dq, job.d, b, h, i0, rows);
    }
    gk.finish(dk, job.d, b, h, job.tk);
  }

  /** {@code t[r][ii] = gScale * G[b, h, i0 + ii, ja + r]}; lanes past {@code rows} are 0. */
  private static void gatherGradient(float[] t, Dense g, float gScale, int b, int h, int i0, int rows, int ja, int n) {
    for (int r = 0; r < n; r++) {
      int base = r * TILE;
      for (int ii = 0; ii < rows; ii++) t[base + ii] = g.at(b, h, i0 + ii, ja + r) * gScale;
      if (rows < TILE) Arrays.fill(t, base + rows, base + TILE, 0f);
    }
  }
}
