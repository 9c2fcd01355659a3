package org.attention4j.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Products with very few rows of C (a decoding step {@code x @ W^T} for one sequence or a small
 * beam) or a single column ({@code n == 1}), computed with the operands read in place. Packing
 * would copy all of B to use it a handful of times, and the 6-row register tile of
 * {@link SgemmMicroKernel} would mostly multiply zero padding.
 *
 * <p>Everything reduces to one of two loops over a stored matrix M with row stride {@code ldm},
 * run for each of a few vectors {@code x_i}:
 * <ul>
 *   <li>{@link #dots}: {@code out(i, r) = sum_p M(r, p) x_i(p)} when the reduction runs along
 *       M's rows (contiguous), with vector partial sums added up at the end;
 *   <li>{@link #axpys}: {@code out(i, j) = sum_p x_i(p) M(p, j)} when it runs across M's rows,
 *       a fused multiply-add chain in p order per output.
 * </ul>
 * Work is split over groups of outputs fixed in advance, and a group computes each output the
 * same way wherever it is, so the bits do not depend on the thread count.
 */
final class SgemmThin {
  /**
   * Whether {@link #fewRows} serves this product rather than the packed kernel. Measured on a
   * 2-core AVX-512 Xeon against the packed path, for W of 512 or 2048 rows:
   * <ul>
   *   <li>B transposed ({@code x @ W^T}): dot products win once each one is long enough to
   *       amortise its final lane sum, about k >= 32 per row of C (m = 1, k = 512: 15 vs 70 us;
   *       3.4x at 2048 rows), up to m = 4; beyond that the register tile's reuse wins;
   *   <li>B not transposed: only m = 1; from two rows on, the register tile reading B in place
   *       ({@code SgemmBlocked.directB}) shares each load of B between rows.
   * </ul>
   */
  static boolean serves(boolean transB, int m, int k) {
    return transB ? m <= 4 && k >= 32 * m : m == 1;
  }

  private static final VectorSpecies<Float> S = Vectors.SPECIES;
  private static final int L = Vectors.LANES;
  /** Outputs per parallel task in {@link #dots} (a multiple of 4) and {@link #axpys}. */
  private static final int DOT_GRAIN = 64;
  private static final int AXPY_GRAIN = 8 * Vectors.LANES;

  private SgemmThin() {}

  private static final ThreadLocal<float[][]> SCRATCH =
      ThreadLocal.withInitial(() -> new float[3][0]);

  private static float[] scratch(int slot, int size) {
    float[][] s = SCRATCH.get();
    if (s[slot].length < size) s[slot] = new float[size];
    return s[slot];
  }

  /** C = alpha * op(A) op(B) + beta * C when {@link #serves} says so; arguments checked. */
  static void fewRows(boolean transA, boolean transB, int m, int n, int k, float alpha,
      float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float beta,
      float[] c, int cOff, int ldc, boolean parallel) {
    // x_i(p) = op(A)(i, p) = a[aOff + i*ai + p*ap]
    int ai = transA ? 1 : lda, ap = transA ? lda : 1;
    if (transB) { // B stored n x k: C(i, j) = dot(B row j, x_i)
      if (ap == 1) {
        dots(n, k, b, bOff, ldb, m, a, aOff, ai, alpha, beta, c, cOff, ldc, 1, parallel);
      } else {
        float[] x = gather(a, aOff, ai, ap, m, k);
        dots(n, k, b, bOff, ldb, m, x, 0, k, alpha, beta, c, cOff, ldc, 1, parallel);
      }
    } else { // B stored k x n: C(i, :) = sum_p x_i(p) B row p
      axpys(n, k, b, bOff, ldb, m, a, aOff, ai, ap, alpha, beta, c, cOff, ldc, 1, parallel);
    }
  }

  /** C(:, 0) = alpha * op(A) op(B)(:, 0) + beta * C(:, 0) for {@code n == 1}. */
  static void column(boolean transA, boolean transB, int m, int k, float alpha,
      float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float beta,
      float[] c, int cOff, int ldc, boolean parallel) {
    // y(p) = op(B)(p, 0) = b[bOff + p*yp]
    int yp = transB ? 1 : ldb;
    if (!transA) { // A stored m x k: C(i, 0) = dot(A row i, y)
      if (yp == 1) {
        dots(m, k, a, aOff, lda, 1, b, bOff, 0, alpha, beta, c, cOff, 0, ldc, parallel);
      } else {
        float[] y = gather(b, bOff, 0, yp, 1, k);
        dots(m, k, a, aOff, lda, 1, y, 0, 0, alpha, beta, c, cOff, 0, ldc, parallel);
      }
    } else { // A stored k x m: C(:, 0) = sum_p y(p) A row p
      axpys(m, k, a, aOff, lda, 1, b, bOff, 0, yp, alpha, beta, c, cOff, 0, ldc, parallel);
    }
  }

  /** The {@code count} strided vectors {@code v[off + i*vi + p*vp]} packed as rows of k. */
  private static float[] gather(float[] v, int off, int vi, int vp, int count, int k) {
    float[] x = scratch(0, count * k);
    for (int i = 0; i < count; i++) {
      for (int p = 0, s = off + i * vi; p < k; p++, s += vp) x[i * k + p] = v[s];
    }
    return x;
  }

  /**
   * {@code out(i, r) = alpha * dot(M row r, x_i) + beta * out(i, r)} for r in [0, rows) and i in
   * [0, count), with {@code M(r, p) = m[mOff + r*ldm + p]}, {@code x_i(p) = x[xOff + i*xi + p]}
   * and {@code out(i, r) = c[cOff + i*ci + r*cr]}.
   */
  static void dots(int rows, int k, float[] m, int mOff, int ldm, int count, float[] x,
      int xOff, int xi, float alpha, float beta, float[] c, int cOff, int ci, int cr,
      boolean parallel) {
    Parallel.RangeBody body = (g0, g1) -> {
      float[] lanes = scratch(2, 4 * L);
      int r1 = Math.min(g1 * DOT_GRAIN, rows);
      for (int r0 = g0 * DOT_GRAIN; r0 < r1; r0 += DOT_GRAIN) { // one group: M rows stay in cache
        int rEnd = Math.min(r0 + DOT_GRAIN, r1);
        for (int i = 0; i < count; i++) {
          int x0 = xOff + i * xi;
          for (int r = r0; r < rEnd; r += 4) {
            int o = cOff + i * ci + r * cr;
            if (r + 4 <= rEnd) {
              dot4(k, m, mOff + r * ldm, ldm, x, x0, lanes, alpha, beta, c, o, cr);
            } else {
              for (int q = r; q < rEnd; q++, o += cr) {
                float t = dot1(k, m, mOff + q * ldm, x, x0, lanes);
                c[o] = SgemmMicroKernel.mergeScalar(t, c[o], alpha, beta);
              }
            }
          }
        }
      }
    };
    int groups = (rows + DOT_GRAIN - 1) / DOT_GRAIN;
    if (parallel && 2.0 * count * rows * k >= SgemmBlocked.PARALLEL_FLOPS) {
      Parallel.forRange(groups, 1, body);
    } else {
      body.run(0, groups);
    }
  }

  /** Four dot products sharing the loads of x; each uses one accumulator, like {@link #dot1}. */
  private static void dot4(int k, float[] m, int m0, int ldm, float[] x, int x0,
      float[] lanes, float alpha, float beta, float[] c, int o, int cs) {
    int m1 = m0 + ldm, m2 = m1 + ldm, m3 = m2 + ldm;
    FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
    int p = 0;
    for (int bound = S.loopBound(k); p < bound; p += L) {
      FloatVector xv = FloatVector.fromArray(S, x, x0 + p);
      s0 = FloatVector.fromArray(S, m, m0 + p).fma(xv, s0);
      s1 = FloatVector.fromArray(S, m, m1 + p).fma(xv, s1);
      s2 = FloatVector.fromArray(S, m, m2 + p).fma(xv, s2);
      s3 = FloatVector.fromArray(S, m, m3 + p).fma(xv, s3);
    }
    s0.intoArray(lanes, 0);
    s1.intoArray(lanes, L);
    s2.intoArray(lanes, 2 * L);
    s3.intoArray(lanes, 3 * L);
    float t0 = sumLanes(lanes, 0), t1 = sumLanes(lanes, L);
    float t2 = sumLanes(lanes, 2 * L), t3 = sumLanes(lanes, 3 * L);
    for (; p < k; p++) {
      float xp = x[x0 + p];
      t0 = Math.fma(m[m0 + p], xp, t0);
      t1 = Math.fma(m[m1 + p], xp, t1);
      t2 = Math.fma(m[m2 + p], xp, t2);
      t3 = Math.fma(m[m3 + p], xp, t3);
    }
    c[o] = SgemmMicroKernel.mergeScalar(t0, c[o], alpha, beta);
    c[o + cs] = SgemmMicroKernel.mergeScalar(t1, c[o + cs], alpha, beta);
    c[o + 2 * cs] = SgemmMicroKernel.mergeScalar(t2, c[o + 2 * cs], alpha, beta);
    c[o + 3 * cs] = SgemmMicroKernel.mergeScalar(t3, c[o + 3 * cs], alpha, beta);
  }

  /** One dot product, rounded exactly as one lane of {@link #dot4}. */
  private static float dot1(int k, float[] m, int m0, float[] x, int x0, float[] lanes) {
    FloatVector s = FloatVector.zero(S);
    int p = 0;
    for (int bound = S.loopBound(k); p < bound; p += L) {
      s = FloatVector.fromArray(S, m, m0 + p).fma(FloatVector.fromArray(S, x, x0 + p), s);
    }
    s.intoArray(lanes, 0);
    float t = sumLanes(lanes, 0);
    for (; p < k; p++) t = Math.fma(m[m0 + p], x[x0 + p], t);
    return t;
  }

  /**
   * The L lanes stored at {@code lanes[from]}, added in a fixed order: four interleaved partial
   * sums (lanes i, i+4, i+8, ...), then those pairwise. Not {@code reduceLanes(ADD)}, whose order
   * is unspecified and differs between the interpreter and C2, which made results depend on JIT
   * timing. (Going through an array also keeps vectors out of method arguments, which C2 boxes
   * when it does not inline the call.)
   */
  private static float sumLanes(float[] lanes, int from) {
    if (L < 4) { // 64-bit species: no room for four partial sums
      float t = lanes[from];
      for (int i = from + 1; i < from + L; i++) t += lanes[i];
      return t;
    }
    float s0 = lanes[from], s1 = lanes[from + 1], s2 = lanes[from + 2], s3 = lanes[from + 3];
    for (int i = from + 4; i < from + L; i += 4) {
      s0 += lanes[i];
      s1 += lanes[i + 1];
      s2 += lanes[i + 2];
      s3 += lanes[i + 3];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /**
   * {@code out(i, j) = alpha * sum_p x_i(p) M(p, j) + beta * out(i, j)} for j in [0, cols) and
   * i in [0, count), with {@code M(p, j) = m[mOff + p*ldm + j]},
   * {@code x_i(p) = x[xOff + i*xi + p*xp]} and {@code out(i, j) = c[cOff + i*ci + j*cj]}.
   */
  static void axpys(int cols, int k, float[] m, int mOff, int ldm, int count, float[] x,
      int xOff, int xi, int xp, float alpha, float beta, float[] c, int cOff, int ci, int cj,
      boolean parallel) {
    Parallel.RangeBody body = (g0, g1) -> {
      int j1 = Math.min(g1 * AXPY_GRAIN, cols);
      float[] acc = scratch(1, AXPY_GRAIN);
      for (int js = g0 * AXPY_GRAIN; js < j1; js += AXPY_GRAIN) {
        int w = Math.min(AXPY_GRAIN, j1 - js);
        for (int i = 0; i < count; i++) {
          axpyStrip(w, k, m, mOff + js, ldm, x, xOff + i * xi, xp, acc);
          for (int j = 0, o = cOff + i * ci + js * cj; j < w; j++, o += cj) {
            c[o] = SgemmMicroKernel.mergeScalar(acc[j], c[o], alpha, beta);
          }
        }
      }
    };
    int groups = (cols + AXPY_GRAIN - 1) / AXPY_GRAIN;
    if (parallel && 2.0 * count * cols * k >= SgemmBlocked.PARALLEL_FLOPS) {
      Parallel.forRange(groups, 1, body);
    } else {
      body.run(0, groups);
    }
  }

  /** acc[0, w) = sum_p x(p) M(p, 0..w) for one strip of at most AXPY_GRAIN columns. */
  private static void axpyStrip(int w, int k, float[] m, int m0, int ldm, float[] xv, int xOff,
      int xStride, float[] acc) {
    int j = 0;
    for (; j + 4 * L <= w; j += 4 * L) { // four vectors at a time, accumulators in registers
      FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
      for (int p = 0, row = m0 + j, xi = xOff; p < k; p++, row += ldm, xi += xStride) {
        FloatVector x = FloatVector.broadcast(S, xv[xi]);
        a0 = x.fma(FloatVector.fromArray(S, m, row), a0);
        a1 = x.fma(FloatVector.fromArray(S, m, row + L), a1);
        a2 = x.fma(FloatVector.fromArray(S, m, row + 2 * L), a2);
        a3 = x.fma(FloatVector.fromArray(S, m, row + 3 * L), a3);
      }
      a0.intoArray(acc, j);
      a1.intoArray(acc, j + L);
      a2.intoArray(acc, j + 2 * L);
      a3.intoArray(acc, j + 3 * L);
    }
    for (; j + L <= w; j += L) {
      FloatVector a0 = FloatVector.zero(S);
      for (int p = 0, row = m0 + j, xi = xOff; p < k; p++, row += ldm, xi += xStride) {
        a0 = FloatVector.broadcast(S, xv[xi]).fma(FloatVector.fromArray(S, m, row), a0);
      }
      a0.intoArray(acc, j);
    }
    for (; j < w; j++) {
      float s = 0f;
      for (int p = 0, at = m0 + j, xi = xOff; p < k; p++, at += ldm, xi += xStride) {
        s = Math.fma(xv[xi], m[at], s);
      }
      acc[j] = s;
    }
  }
}
