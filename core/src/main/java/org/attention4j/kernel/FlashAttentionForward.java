package org.attention4j.kernel;

import static org.attention4j.kernel.FlashAttentionJob.BC;
import static org.attention4j.kernel.FlashAttentionTiles.MR;
import static org.attention4j.kernel.FlashAttentionTiles.TILE;

import java.util.Arrays;
import org.attention4j.kernel.FlashAttention.View;
import org.attention4j.kernel.FlashAttentionJob.Workspace;

/**
 * The forward pass of {@link FlashAttention} (FlashAttention-2, Alg. 1) and the recomputation of
 * the weights from the saved log-sum-exp. One item is one (batch row, head, query block).
 */
final class FlashAttentionForward {
  private FlashAttentionForward() {}

  static void forward(FlashAttentionJob job, View o, float[] lse) {
    if (job.tq <= FlashAttentionDecode.MAX_QUERIES) {
      FlashAttentionDecode.forward(job, o, lse);
      return;
    }
    int items = job.batch * job.heads * job.nqb;
    int grain = job.grain((long) TILE * job.tk * (job.d + job.dv));
    Parallel.forRange(items, grain, (from, to) -> {
      Workspace ws = Workspace.get(job, false);
      for (int it = from; it < to; it++) {
        int bh = it / job.nqb;
        block(job, ws, bh / job.heads, bh % job.heads, it % job.nqb, o, lse);
      }
    });
  }

  /**
   * One query block: online softmax over its key blocks, then {@code O = acc / l} and
   * {@code L = m + log(l)}.
   */
  private static void block(FlashAttentionJob job, Workspace ws, int b, int h, int qb, View o, float[] lse) {
    boolean vec = job.vector;
    int i0 = qb * TILE;
    int rows = Math.min(TILE, job.tq - i0);
    int dvp = job.dvp;
    Arrays.fill(ws.m, Float.NEGATIVE_INFINITY);
    Arrays.fill(ws.l, 0f);
    Arrays.fill(ws.acc, 0, rows * dvp, 0f);
    int lo = job.keyLo(i0);
    int hi = job.keyHi(b, i0, rows);
    if (hi > lo) {
      job.packQueries(ws, b, h, i0, rows);
      float[] vArr = job.vDirect ? job.v.data() : job.packedV(ws, b, h, hi);
      int vBase = job.vDirect ? job.v.base(b, h) : 0;
      var drop = job.dropper(b, h);
      for (int j0 = lo - lo % BC; j0 < hi; j0 += BC) {
        int ja = Math.max(j0, lo);
        int n = Math.min(j0 + BC, hi) - ja;
        job.scores(ws, b, h, ja, n);
        job.applyMask(ws, b, h, ja, n, i0, rows);
        FlashAttentionRows.softmaxStep(vec, ws.s, n, ws.m, ws.l, ws.alpha, ws.safe, ws.sum);
        float[] p = ws.s;
        if (drop != null) {
          FlashAttentionRows.dropout(vec, ws.s, ws.pd, n, drop, i0, ja);
          p = ws.pd;
        }
        FlashAttentionRows.rescaleRows(vec, ws.acc, rows, dvp, dvp, ws.alpha); // O *= exp(m_old - m_new)
        for (int cb = 0; cb < job.ncbv; cb++) { // O += P V
          int vOff = vBase + (job.vDirect ? ja : cb * job.tk + ja) * TILE;
          for (int i = 0; i < rows; i += MR) {
            FlashAttentionTiles.colsA(vec, Math.min(MR, rows - i), n, p, i, vArr, vOff, ws.acc,
                i * dvp + cb * TILE, dvp, true);
          }
        }
      }
    }
    int oBase = o.base(b, h);
    int lBase = (b * job.heads + h) * job.tq + i0;
    for (int ii = 0; ii < rows; ii++) {
      float l = ws.l[ii];
      int dst = oBase + (i0 + ii) * o.rowStride();
      if (l == 0f) {
        Arrays.fill(o.data(), dst, dst + job.dv, 0f);
        lse[lBase + ii] = Float.NEGATIVE_INFINITY;
      } else {
        FlashAttentionRows.scaleRow(vec, ws.acc, ii * dvp, 1f / l, o.data(), dst, job.dv);
        lse[lBase + ii] = ws.m[ii] + VMath.log(l);
      }
    }
  }

  // ------------------------------------------------------------------ weights

  static void weights(FlashAttentionJob job, float[] lse, boolean average, float[] w) {
    int items = job.batch * (average ? 1 : job.heads) * job.nqb;
    int grain = job.grain((long) TILE * job.tk * job.d * (average ? job.heads : 1));
    Parallel.forRange(items, grain, (from, to) -> {
      Workspace ws = Workspace.get(job, false);
      for (int it = from; it < to; it++) {
        int qb = it % job.nqb;
        int i0 = qb * TILE;
        int rows = Math.min(TILE, job.tq - i0);
        int b = (it / job.nqb) / (average ? 1 : job.heads);
        int lo = Math.min(job.keyLo(i0), job.tk);
        int hi = Math.max(lo, job.keyHi(b, i0, rows));
        long base = (long) (it / job.nqb) * job.tq * job.tk; // (b) or (b, h) plane
        if (hi == lo) continue; // w is zero where no block is computed (see FlashAttention.weights)
        if (average) {
          for (int h = 0; h < job.heads; h++) weightsBlock(job, ws, lse, b, h, i0, rows, lo, hi, w, base, h > 0, false);
          float inv = 1f / job.heads;
          for (int ii = 0; ii < rows; ii++) {
            int row = (int) (base + (long) (i0 + ii) * job.tk);
            FlashAttentionRows.scaleRow(job.vector, w, row + lo, inv, w, row + lo, hi - lo);
          }
        } else {
          weightsBlock(job, ws, lse, b, (it / job.nqb) % job.heads, i0, rows, lo, hi, w, base, false, true);
        }
      }
    });
  }

  /**
   * Writes ({@code add == false}) or adds {@code P = exp(s - lse)} of one (b, h, query block),
   * keys {@code [lo, hi)}, into rows {@code i0..} of the plane at {@code w[base..]}. Averaged
   * weights ({@code perHead == false}) visit every head per block, so K is read in place there.
   */
  private static void weightsBlock(FlashAttentionJob job, Workspace ws, float[] lse, int b, int h, int i0,
      int rows, int lo, int hi, float[] w, long base, boolean add, boolean perHead) {
    job.packQueries(ws, b, h, i0, rows);
    job.lseLanes(ws, lse, b, h, i0, rows);
    for (int j0 = lo - lo % BC; j0 < hi; j0 += BC) {
      int ja = Math.max(j0, lo);
      int n = Math.min(j0 + BC, hi) - ja;
      job.scores(ws, b, h, ja, n, perHead);
      job.applyMask(ws, b, h, ja, n, i0, rows);
      FlashAttentionRows.probs(job.vector, ws.s, n, ws.lse);
      float[] s = ws.s;
      for (int ii = 0; ii < rows; ii++) { // [key][query] tile -> rows of w
        int row = (int) (base + (long) (i0 + ii) * job.tk + ja);
        if (add) {
          for (int r = 0; r < n; r++) w[row + r] += s[r * TILE + ii];
        } else {
          for (int r = 0; r < n; r++) w[row + r] = s[r * TILE + ii];
        }
      }
    }
  }
}
