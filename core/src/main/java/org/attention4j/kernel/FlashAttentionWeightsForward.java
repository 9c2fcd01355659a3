package org.attention4j.kernel;

import static org.attention4j.kernel.SgemmMicroKernel.MR;
import static org.attention4j.kernel.SgemmMicroKernel.NR;

import java.util.Arrays;
import org.attention4j.kernel.FlashAttention.Dense;
import org.attention4j.kernel.FlashAttention.View;
import org.attention4j.kernel.FlashAttentionJob.Workspace;

/**
 * The forward pass of {@link FlashAttention#forwardWithWeights}: when the caller wants every
 * head's weights, they are a {@code Tq x Tk} array anyway, so the scores are computed straight
 * into it and the online softmax and the later recomputation are not needed. One item is one
 * (batch row, head, block of {@value #ROWS} queries):
 *
 * <pre>
 *   W[i, lo:hi] = scale * Q[i] K[lo:hi]^T          one GEMM, into the weights' own rows
 *   W[i, :]     = softmax over the keys row i may see, 0 elsewhere;  lse[i] = max + log(sum)
 *   O[i]        = W[i, lo:hi] V[lo:hi]              one GEMM, from the same rows
 * </pre>
 *
 * where {@code [lo, hi)} are the keys any query of the block may see (a causal block stops at
 * its last query). A block of weight rows ({@value #ROWS} x Tk floats, 512 KiB at Tk = 2048)
 * stays in the L2 cache from the first GEMM to the second. Every element of {@code o} and
 * {@code lse} is written, and every element of {@code w} unless the caller says it holds zeros
 * already; then the masked entries outside the GEMM's panels are left alone.
 *
 * <p>The items run in parallel and each runs alone on its thread, so results have the same bits
 * for any thread count. The output has the forward pass's accuracy but not its bits (the sums are
 * taken in another order); {@code lse} is the one the backward pass and {@link FlashAttention#weights}
 * expect.
 */
final class FlashAttentionWeightsForward {
  /** Queries per block (whole 6-row panels of the GEMM register tile). */
  static final int ROWS = 8 * MR;

  private FlashAttentionWeightsForward() {}

  static void forward(FlashAttentionJob job, View o, float[] lse, float[] w, boolean zeroed) {
    int blocks = (job.tq + ROWS - 1) / ROWS;
    int planes = job.batch * job.heads;
    // Each item is a run of query blocks of one (b, h), sharing one packing of K^T; enough runs
    // per plane to keep every thread busy when there are few planes.
    int runs = Math.min(blocks, Math.max(1, (4 * Parallel.threads() + planes - 1) / Math.max(1, planes)));
    Parallel.forRange(planes * runs, 1, (from, to) -> {
      Workspace ws = Workspace.get(job, false);
      for (int it = from; it < to; it++) {
        int bh = it / runs;
        int r = it % runs;
        int b = bh / job.heads;
        int h = bh % job.heads;
        ws.kt = Workspace.grow(ws.kt, ((job.tk + NR - 1) / NR) * NR * job.d);
        ws.ktPanels = 0;
        for (int qb = blocks * r / runs; qb < blocks * (r + 1) / runs; qb++) {
          block(job, ws, b, h, qb * ROWS, o, lse, w, zeroed);
        }
      }
    });
  }

  /**
   * One block of queries. With {@code zeroed}, only the columns the scores GEMM wrote (whole
   * panels around {@code [lo, hi)}) are cleared outside each row's allowed keys.
   */
  private static void block(FlashAttentionJob job, Workspace ws, int b, int h, int i0, View o, float[] lse,
      float[] w, boolean zeroed) {
    boolean vec = job.vector;
    int tk = job.tk;
    int rows = Math.min(ROWS, job.tq - i0);
    int lo = Math.min(job.keyLo(i0), tk);
    int hi = Math.max(lo, job.keyHi(b, i0, rows));
    int plane = (b * job.heads + h) * job.tq;
    int w0 = (plane + i0) * tk; // row i0 of this (b, h)
    if (hi > lo) scores(job, ws, b, h, i0, rows, lo, hi, w, w0);
    // Columns the scores may have touched: whole NR panels (vector) or exactly [lo, hi) (scalar).
    int written0 = hi == lo ? tk : vec ? lo - lo % NR : lo;
    int written1 = hi == lo ? 0 : vec ? Math.min(tk, (hi + NR - 1) / NR * NR) : hi;
    Dense dense = job.mask.dense();
    for (int ii = 0; ii < rows; ii++) {
      int i = i0 + ii;
      int row = w0 + ii * tk;
      int from = Math.min(tk, Math.max(lo, job.keyLo(i))); // a band may start past the last key
      int to = Math.max(from, Math.min(hi, job.keyHi(b, i, 1)));
      Arrays.fill(w, row + (zeroed ? Math.min(from, written0) : 0), row + from, 0f);
      Arrays.fill(w, row + to, row + (zeroed ? Math.max(to, written1) : tk), 0f);
      if (dense != null) {
        for (int j = from; j < to; j++) {
          if (dense.at(b, h, i, j) == 0f) w[row + j] = Float.NEGATIVE_INFINITY;
        }
      }
      float max = to > from ? (vec ? Rows.max(w, row + from, to - from) : Rows.maxScalar(w, row + from, to - from))
          : Float.NEGATIVE_INFINITY;
      if (max == Float.NEGATIVE_INFINITY) { // nothing to attend to: zero weights, zero output
        Arrays.fill(w, row + from, row + to, 0f);
        lse[plane + i] = Float.NEGATIVE_INFINITY;
        continue;
      }
      float sum = FlashAttentionRows.expRun(vec, w, row + from, row + to, max, ws.lanes);
      FlashAttentionRows.scaleRow(vec, w, row + from, 1f / sum, w, row + from, to - from);
      lse[plane + i] = max + VMath.log(sum);
    }
    View v = job.v;
    int oRow = o.base(b, h) + i0 * o.rowStride();
    if (hi == lo) {
      for (int ii = 0; ii < rows; ii++) {
        int dst = oRow + ii * o.rowStride();
        Arrays.fill(o.data(), dst, dst + job.dv, 0f);
      }
    } else if (!vec) {
      Sgemm.onThisThread(false, false, false, rows, job.dv, hi - lo, 1f, w, w0 + lo, tk, v.data(),
          v.base(b, h) + lo * v.rowStride(), v.rowStride(), 0f, o.data(), oRow, o.rowStride());
    } else {
      values(job, ws, b, h, rows, lo, hi, w, w0, o.data(), oRow, o.rowStride());
    }
  }

  /**
   * {@code W[i0 + ii, j] = scale * q[i0 + ii] . k[j]} for the keys of whole GEMM column panels
   * covering {@code [lo, hi)} (columns outside {@code [lo, hi)} are overwritten later). The vector
   * path packs K^T once per run of blocks and Q's rows (scaled) per block.
   */
  private static void scores(FlashAttentionJob job, Workspace ws, int b, int h, int i0, int rows, int lo, int hi,
      float[] w, int w0) {
    View q = job.q;
    View k = job.k;
    int d = job.d;
    int tk = job.tk;
    if (!job.vector) {
      Sgemm.onThisThread(false, false, true, rows, hi - lo, d, job.scale, q.data(), q.base(b, h) + i0 * q.rowStride(),
          q.rowStride(), k.data(), k.base(b, h) + lo * k.rowStride(), k.rowStride(), 0f, w, w0 + lo, tk);
      return;
    }
    int panels = (hi + NR - 1) / NR;
    if (panels > ws.ktPanels) { // K^T in NR-key panels: kt[p*NR*d + e*NR + c] = k[p*NR + c, e]
      SgemmPacking.packB(true, k.data(), k.base(b, h), k.rowStride(), 0, d, 0, tk, ws.ktPanels, panels, ws.kt);
      ws.ktPanels = panels;
    }
    float[] ap = ws.ap = Workspace.grow(ws.ap, ROWS * Math.max(d, SgemmBlocked.KC));
    SgemmPacking.packA(false, q.data(), q.base(b, h) + i0 * q.rowStride(), q.rowStride(), 0, rows, 0, d, ap);
    FlashAttentionRows.scaleRow(true, ap, 0, job.scale, ap, 0, ((rows + MR - 1) / MR) * MR * d);
    for (int p = lo / NR; p < panels; p++) {
      int j = p * NR;
      int cols = Math.min(NR, tk - j);
      for (int i = 0; i < rows; i += MR) {
        SgemmMicroKernel.compute(d, ap, i * d, ws.kt, p * NR * d, w, w0 + i * tk + j, tk, Math.min(MR, rows - i),
            cols, 1f, 0f, ws.tile);
      }
    }
  }

  /**
   * {@code O[i0 + ii] = W[i0 + ii, lo:hi] V[lo:hi]}: W's rows packed per depth block, V in tile
   * columns (its own rows when they already are one, else packed once per (b, h) and run, see
   * {@link FlashAttentionJob#packedK}); a tile column is a GEMM B micro-panel ({@code NR == TILE},
   * both four vectors).
   */
  private static void values(FlashAttentionJob job, Workspace ws, int b, int h, int rows, int lo, int hi,
      float[] w, int w0, float[] o, int oRow, int os) {
    float[] vArr = job.vDirect ? job.v.data() : job.packedV(ws, b, h, hi);
    int vBase = job.vDirect ? job.v.base(b, h) : 0;
    int depth = hi - lo;
    int kBlocks = (depth + SgemmBlocked.KC - 1) / SgemmBlocked.KC;
    float[] ap = ws.ap = Workspace.grow(ws.ap, ROWS * Math.max(job.d, SgemmBlocked.KC));
    for (int kb = 0; kb < kBlocks; kb++) {
      int p0 = lo + (int) ((long) depth * kb / kBlocks);
      int kc = lo + (int) ((long) depth * (kb + 1) / kBlocks) - p0;
      float beta = kb == 0 ? 0f : 1f;
      SgemmPacking.packA(false, w, w0, job.tk, 0, rows, p0, kc, ap);
      for (int cb = 0; cb < job.ncbv; cb++) {
        int cols = Math.min(NR, job.dv - cb * NR);
        int vOff = vBase + (job.vDirect ? p0 : cb * job.tk + p0) * NR;
        for (int i = 0; i < rows; i += MR) {
          SgemmMicroKernel.compute(kc, ap, i * kc, vArr, vOff, o, oRow + i * os + cb * NR, os, Math.min(MR, rows - i),
              cols, 1f, beta, ws.tile);
        }
      }
    }
  }
}
