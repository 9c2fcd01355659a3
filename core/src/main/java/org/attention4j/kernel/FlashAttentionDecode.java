package org.attention4j.kernel;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.attention4j.kernel.FlashAttention.View;
import org.attention4j.kernel.FlashAttentionJob.Workspace;

/**
 * The forward pass of {@link FlashAttention} for a few queries ({@code Tq <= }{@value #MAX_QUERIES},
 * as in incremental decoding against a key-value cache), one query row at a time. The tiled pass
 * computes a whole block of {@code TILE} queries (64 on AVX-512) per key, which for one query wastes
 * 63 of 64 lanes; here the scores of one row are dot products (vectors over the head dim), and the
 * softmax and the weighted sum of values run as vectors over the keys and over the value width.
 *
 * <p>The row's scores are kept whole ({@code Tk} floats of workspace), so the softmax is the plain
 * two-pass one; the results match the tiled pass within rounding, and the backward pass and the
 * weights (which recompute {@code P = exp(s - L)} with the tiled kernels) stay consistent with
 * them. Each step has a scalar twin that gives the same bits: sums over the head dim or over keys
 * keep one partial sum per lane and add the lanes in {@link VMath#sumLanes(float[])}'s fixed order.
 */
final class FlashAttentionDecode {
  /** The most queries for which this pass beats the tiled one (measured: about 5x faster at 1 query). */
  static final int MAX_QUERIES = 4;

  private static final VectorSpecies<Float> S = Vectors.SPECIES;
  private static final int L = Vectors.LANES;

  private FlashAttentionDecode() {}

  static void forward(FlashAttentionJob job, View o, float[] lse) {
    int items = job.batch * job.heads * job.tq;
    int grain = job.grain((long) job.tk * (job.d + job.dv));
    Parallel.forRange(items, grain, (from, to) -> {
      Workspace ws = Workspace.get(job, false);
      ws.row = Workspace.grow(ws.row, job.tk);
      for (int it = from; it < to; it++) {
        int bh = it / job.tq;
        row(job, ws, bh / job.heads, bh % job.heads, it % job.tq, o, lse);
      }
    });
  }

  private static void row(FlashAttentionJob job, Workspace ws, int b, int h, int i, View o, float[] lse) {
    boolean vec = job.vector;
    int lo = job.keyLo(i);
    int hi = job.keyHi(b, i, 1);
    int dst = o.base(b, h) + i * o.rowStride();
    int l0 = (b * job.heads + h) * job.tq + i;
    float[] s = ws.row;
    float[] q = ws.qt; // the scaled query row
    int qi = job.q.base(b, h) + i * job.q.rowStride();
    for (int c = 0; c < job.d; c++) q[c] = job.q.data()[qi + c] * job.scale;
    float m = Float.NEGATIVE_INFINITY;
    FlashAttention.Dense dense = job.mask.dense();
    for (int j = lo; j < hi; j++) { // lo..hi already honours the causal, band and padding parts
      int kj = job.k.base(b, h) + j * job.k.rowStride();
      float x = dense != null && dense.at(b, h, i, j) == 0f ? Float.NEGATIVE_INFINITY
          : dot(vec, q, job.k.data(), kj, job.d, ws.lanes);
      s[j] = x;
      m = Math.max(m, x);
    }
    if (m == Float.NEGATIVE_INFINITY) { // nothing to attend to (or no keys at all)
      Arrays.fill(o.data(), dst, dst + job.dv, 0f);
      lse[l0] = Float.NEGATIVE_INFINITY;
      return;
    }
    float l = FlashAttentionRows.expRun(vec, s, lo, hi, m, ws.lanes);
    var drop = job.dropper(b, h);
    float[] acc = ws.acc;
    Arrays.fill(acc, 0, job.dv, 0f);
    for (int j = lo; j < hi; j++) {
      float p = drop != null ? s[j] * drop.factor(j, i) : s[j];
      axpy(vec, p, job.v.data(), job.v.base(b, h) + j * job.v.rowStride(), acc, job.dv);
    }
    FlashAttentionRows.scaleRow(vec, acc, 0, 1f / l, o.data(), dst, job.dv);
    lse[l0] = m + VMath.log(l);
  }

  /** {@code q . k[ko ..]} over {@code n}: per-lane fused sums, the lanes added in a fixed order, then a scalar tail. */
  private static float dot(boolean vec, float[] q, float[] k, int ko, int n, float[] lanes) {
    int bound = S.loopBound(n);
    if (vec) {
      FloatVector acc = FloatVector.zero(S);
      for (int c = 0; c < bound; c += L) acc = FloatVector.fromArray(S, q, c).fma(FloatVector.fromArray(S, k, ko + c), acc);
      acc.intoArray(lanes, 0);
    } else {
      Arrays.fill(lanes, 0f);
      for (int c = 0; c < bound; c++) lanes[c % L] = Math.fma(q[c], k[ko + c], lanes[c % L]);
    }
    float sum = VMath.sumLanes(lanes);
    for (int c = bound; c < n; c++) sum = Math.fma(q[c], k[ko + c], sum);
    return sum;
  }

  /** {@code acc[0..n) = fma(p, v[vo..], acc)}: a vector body and a scalar tail. */
  private static void axpy(boolean vec, float p, float[] v, int vo, float[] acc, int n) {
    int c = 0;
    if (vec) {
      FloatVector pv = FloatVector.broadcast(S, p);
      for (int bound = S.loopBound(n); c < bound; c += L) {
        pv.fma(FloatVector.fromArray(S, v, vo + c), FloatVector.fromArray(S, acc, c)).intoArray(acc, c);
      }
    }
    for (; c < n; c++) acc[c] = Math.fma(p, v[vo + c], acc[c]);
  }
}
