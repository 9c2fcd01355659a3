package org.attention4j.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked inner kernel of {@link Sgemm}: one {@code MR x NR} tile of C from one
 * packed micro-panel of A and one micro-panel of B.
 *
 * <p>The tile is {@value #MR} rows by four vectors ({@code NR = 4 * LANES}, 64 floats on
 * AVX-512). Per depth step it loads four B vectors, broadcasts six A values and issues 24 fused
 * multiply-adds into 24 accumulators: 24 + 4 + 1 = 29 of the 32 vector registers. C2 keeps
 * them there only for straight-line code with one named local per accumulator, so do not turn
 * the locals below into an array or a loop, and check with the JMH benchmark after any change.
 * (6 x 4 spills one accumulator to the stack; 5 x 4, 8 x 2, 7 x 3, 6 x 3 and 4 x 4 were measured
 * and were no faster in the whole product.)
 *
 * <p>No method here takes or returns a vector. C2 stops inlining in a method this large (its
 * node-count cutoff), and a vector passed to a call that is not inlined is boxed on the heap:
 * that once cost 5 MB of garbage per 1024^3 product. The kernels therefore store their
 * accumulators to an array, and {@link #merge} reads them back.
 *
 * <p>Layouts: the A micro-panel holds {@code A(i0 + r, p)} at {@code ap[ai + p * MR + r]}
 * (packed by {@link SgemmPacking}, rows past the edge zero); the B micro-panel holds
 * {@code B(p, j0 + c)} at {@code bp[bi + p * NR + c]} when packed, or at
 * {@code bp[bi + p * bs + c]} when B's own rows are read in place ({@link #tileStrided}).
 *
 * <p>Every element of C is the fused chain {@code acc = fma(a_p, b_p, acc)} over the depth
 * block in order, then merged once per block, by vector or by scalar code that round alike
 * ({@link #mergeScalar}). So the bits of an element depend only on the depth blocking, never
 * on which tile or thread computed it.
 */
final class SgemmMicroKernel {
  /** Rows of the register tile. */
  static final int MR = 6;
  /** Columns of the register tile: four vectors. */
  static final int NR = 4 * Vectors.LANES;

  private static final VectorSpecies<Float> S = Vectors.SPECIES;
  private static final int L = Vectors.LANES;

  private SgemmMicroKernel() {}

  /**
   * {@code C = alpha * (Ap Bp) + beta * C} on the {@code rows x cols} corner of one tile at
   * {@code c[ci]} ({@code beta == 0} overwrites). {@code scratch} holds at least MR x NR floats.
   */
  static void compute(int kc, float[] ap, int ai, float[] bp, int bi, float[] c, int ci,
      int ldc, int rows, int cols, float alpha, float beta, float[] scratch) {
    boolean whole = rows == MR && cols == NR;
    if (whole && alpha == 1f && beta == 0f) {
      tile(kc, ap, ai, bp, bi, c, ci, ldc);
    } else {
      tile(kc, ap, ai, bp, bi, scratch, 0, NR);
      merge(scratch, NR, c, ci, ldc, rows, cols, alpha, beta);
    }
  }

  /** {@link #compute} with B rows {@code bs} apart, read in place. */
  static void computeStrided(int kc, float[] ap, int ai, float[] bp, int bi, int bs,
      float[] c, int ci, int ldc, int rows, int cols, float alpha, float beta,
      float[] scratch) {
    boolean whole = rows == MR && cols == NR;
    if (whole && alpha == 1f && beta == 0f) {
      tileStrided(kc, ap, ai, bp, bi, bs, c, ci, ldc);
    } else {
      tileStrided(kc, ap, ai, bp, bi, bs, scratch, 0, NR);
      merge(scratch, NR, c, ci, ldc, rows, cols, alpha, beta);
    }
  }

  /**
   * The raw {@code MR x NR} accumulators over {@code kc} depth steps, stored at
   * {@code t[ti + r * ldt + col]}: into C directly when nothing needs merging, else into a
   * scratch tile for {@link #merge}.
   */
  static void tile(int kc, float[] ap, int ai, float[] bp, int bi,
      float[] t, int ti, int ldt) {
    FloatVector c00 = FloatVector.zero(S), c01 = c00, c02 = c00, c03 = c00;
    FloatVector c10 = c00, c11 = c00, c12 = c00, c13 = c00;
    FloatVector c20 = c00, c21 = c00, c22 = c00, c23 = c00;
    FloatVector c30 = c00, c31 = c00, c32 = c00, c33 = c00;
    FloatVector c40 = c00, c41 = c00, c42 = c00, c43 = c00;
    FloatVector c50 = c00, c51 = c00, c52 = c00, c53 = c00;
    for (int p = 0; p < kc; p++) {
      int bq = bi + p * NR;
      int aq = ai + p * MR;
      FloatVector b0 = FloatVector.fromArray(S, bp, bq);
      FloatVector b1 = FloatVector.fromArray(S, bp, bq + L);
      FloatVector b2 = FloatVector.fromArray(S, bp, bq + 2 * L);
      FloatVector b3 = FloatVector.fromArray(S, bp, bq + 3 * L);
      FloatVector a = FloatVector.broadcast(S, ap[aq]);
      c00 = a.fma(b0, c00);
      c01 = a.fma(b1, c01);
      c02 = a.fma(b2, c02);
      c03 = a.fma(b3, c03);
      a = FloatVector.broadcast(S, ap[aq + 1]);
      c10 = a.fma(b0, c10);
      c11 = a.fma(b1, c11);
      c12 = a.fma(b2, c12);
      c13 = a.fma(b3, c13);
      a = FloatVector.broadcast(S, ap[aq + 2]);
      c20 = a.fma(b0, c20);
      c21 = a.fma(b1, c21);
      c22 = a.fma(b2, c22);
      c23 = a.fma(b3, c23);
      a = FloatVector.broadcast(S, ap[aq + 3]);
      c30 = a.fma(b0, c30);
      c31 = a.fma(b1, c31);
      c32 = a.fma(b2, c32);
      c33 = a.fma(b3, c33);
      a = FloatVector.broadcast(S, ap[aq + 4]);
      c40 = a.fma(b0, c40);
      c41 = a.fma(b1, c41);
      c42 = a.fma(b2, c42);
      c43 = a.fma(b3, c43);
      a = FloatVector.broadcast(S, ap[aq + 5]);
      c50 = a.fma(b0, c50);
      c51 = a.fma(b1, c51);
      c52 = a.fma(b2, c52);
      c53 = a.fma(b3, c53);
    }
    int r0 = ti, r1 = r0 + ldt, r2 = r1 + ldt, r3 = r2 + ldt, r4 = r3 + ldt, r5 = r4 + ldt;
    c00.intoArray(t, r0);
    c01.intoArray(t, r0 + L);
    c02.intoArray(t, r0 + 2 * L);
    c03.intoArray(t, r0 + 3 * L);
    c10.intoArray(t, r1);
    c11.intoArray(t, r1 + L);
    c12.intoArray(t, r1 + 2 * L);
    c13.intoArray(t, r1 + 3 * L);
    c20.intoArray(t, r2);
    c21.intoArray(t, r2 + L);
    c22.intoArray(t, r2 + 2 * L);
    c23.intoArray(t, r2 + 3 * L);
    c30.intoArray(t, r3);
    c31.intoArray(t, r3 + L);
    c32.intoArray(t, r3 + 2 * L);
    c33.intoArray(t, r3 + 3 * L);
    c40.intoArray(t, r4);
    c41.intoArray(t, r4 + L);
    c42.intoArray(t, r4 + 2 * L);
    c43.intoArray(t, r4 + 3 * L);
    c50.intoArray(t, r5);
    c51.intoArray(t, r5 + L);
    c52.intoArray(t, r5 + 2 * L);
    c53.intoArray(t, r5 + 3 * L);
  }

  /**
   * {@link #tile} with B rows {@code bs} apart instead of NR, for B read in place. A copy rather
   * than a parameter of {@link #tile}: C2 removes the bounds checks only for a constant stride,
   * and they cost ~10% in the packed case.
   */
  static void tileStrided(int kc, float[] ap, int ai, float[] bp, int bi, int bs,
      float[] t, int ti, int ldt) {
    FloatVector c00 = FloatVector.zero(S), c01 = c00, c02 = c00, c03 = c00;
    FloatVector c10 = c00, c11 = c00, c12 = c00, c13 = c00;
    FloatVector c20 = c00, c21 = c00, c22 = c00, c23 = c00;
    FloatVector c30 = c00, c31 = c00, c32 = c00, c33 = c00;
    FloatVector c40 = c00, c41 = c00, c42 = c00, c43 = c00;
    FloatVector c50 = c00, c51 = c00, c52 = c00, c53 = c00;
    for (int p = 0; p < kc; p++) {
      int bq = bi + p * bs;
      int aq = ai + p * MR;
      FloatVector b0 = FloatVector.fromArray(S, bp, bq);
      FloatVector b1 = FloatVector.fromArray(S, bp, bq + L);
      FloatVector b2 = FloatVector.fromArray(S, bp, bq + 2 * L);
      FloatVector b3 = FloatVector.fromArray(S, bp, bq + 3 * L);
      FloatVector a = FloatVector.broadcast(S, ap[aq]);
      c00 = a.fma(b0, c00);
      c01 = a.fma(b1, c01);
      c02 = a.fma(b2, c02);
      c03 = a.fma(b3, c03);
      a = FloatVector.broadcast(S, ap[aq + 1]);
      c10 = a.fma(b0, c10);
      c11 = a.fma(b1, c11);
      c12 = a.fma(b2, c12);
      c13 = a.fma(b3, c13);
      a = FloatVector.broadcast(S, ap[aq + 2]);
      c20 = a.fma(b0, c20);
      c21 = a.fma(b1, c21);
      c22 = a.fma(b2, c22);
      c23 = a.fma(b3, c23);
      a = FloatVector.broadcast(S, ap[aq + 3]);
      c30 = a.fma(b0, c30);
      c31 = a.fma(b1, c31);
      c32 = a.fma(b2, c32);
      c33 = a.fma(b3, c33);
      a = FloatVector.broadcast(S, ap[aq + 4]);
      c40 = a.fma(b0, c40);
      c41 = a.fma(b1, c41);
      c42 = a.fma(b2, c42);
      c43 = a.fma(b3, c43);
      a = FloatVector.broadcast(S, ap[aq + 5]);
      c50 = a.fma(b0, c50);
      c51 = a.fma(b1, c51);
      c52 = a.fma(b2, c52);
      c53 = a.fma(b3, c53);
    }
    int r0 = ti, r1 = r0 + ldt, r2 = r1 + ldt, r3 = r2 + ldt, r4 = r3 + ldt, r5 = r4 + ldt;
    c00.intoArray(t, r0);
    c01.intoArray(t, r0 + L);
    c02.intoArray(t, r0 + 2 * L);
    c03.intoArray(t, r0 + 3 * L);
    c10.intoArray(t, r1);
    c11.intoArray(t, r1 + L);
    c12.intoArray(t, r1 + 2 * L);
    c13.intoArray(t, r1 + 3 * L);
    c20.intoArray(t, r2);
    c21.intoArray(t, r2 + L);
    c22.intoArray(t, r2 + 2 * L);
    c23.intoArray(t, r2 + 3 * L);
    c30.intoArray(t, r3);
    c31.intoArray(t, r3 + L);
    c32.intoArray(t, r3 + 2 * L);
    c33.intoArray(t, r3 + 3 * L);
    c40.intoArray(t, r4);
    c41.intoArray(t, r4 + L);
    c42.intoArray(t, r4 + 2 * L);
    c43.intoArray(t, r4 + 3 * L);
    c50.intoArray(t, r5);
    c51.intoArray(t, r5 + L);
    c52.intoArray(t, r5 + 2 * L);
    c53.intoArray(t, r5 + 3 * L);
  }

  /**
   * {@code C = alpha * acc + beta * C} for the {@code rows x cols} corner of an accumulator tile
   * {@code acc} with rows {@code nr} floats apart (a multiple of the vector length);
   * {@code beta == 0} never reads C. Shared by both register tiles ({@link SgemmNarrowKernel}).
   */
  static void merge(float[] acc, int nr, float[] c, int ci, int ldc, int rows, int cols, float alpha,
      float beta) {
    if (cols == nr) {
      FloatVector av = FloatVector.broadcast(S, alpha);
      FloatVector bv = FloatVector.broadcast(S, beta);
      for (int r = 0; r < rows; r++) {
        for (int j = 0; j < nr; j += L) {
          int o = ci + r * ldc + j;
          FloatVector x = FloatVector.fromArray(S, acc, r * nr + j);
          FloatVector out = beta == 0f
              ? x.mul(av)
              : x.fma(av, FloatVector.fromArray(S, c, o).mul(bv));
          out.intoArray(c, o);
        }
      }
    } else {
      for (int r = 0; r < rows; r++) {
        for (int j = 0, o = ci + r * ldc; j < cols; j++, o++) {
          c[o] = mergeScalar(acc[r * nr + j], c[o], alpha, beta);
        }
      }
    }
  }

  /** One element of {@link #merge}, rounded exactly as its vector lanes. */
  static float mergeScalar(float acc, float old, float alpha, float beta) {
    return beta == 0f ? acc * alpha : Math.fma(acc, alpha, old * beta);
  }
}
