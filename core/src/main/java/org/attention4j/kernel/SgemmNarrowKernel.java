package org.attention4j.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register tile of {@link Sgemm} on CPUs with 16 vector registers (x86 without AVX-512:
 * AVX2 has 16 ymm registers): {@value #MR} rows by two vectors ({@code NR = 2 * LANES}, 16
 * floats on AVX2), 12 accumulators + 2 B vectors + 1 broadcast = 15 registers.
 *
 * <p>{@link SgemmMicroKernel}'s 6 x 4-vector tile needs 29 registers: on AVX-512's 32 it fits,
 * on AVX2 C2 keeps some accumulators on the stack. Measured on an AVX-512 Xeon run as AVX2
 * ({@code -XX:UseAVX=2}, 8 lanes; peak ~105 GFLOPS per core): {@code attn bench gemm --size 1024}
 * went from 50 to 61-66 GFLOPS on one thread and from 102 to 115 on two. The tiles alone, on
 * cache-resident panels, run at 75 (narrow) and 66-75 (wide) GFLOPS, so the gain is mostly the
 * B micro-panel: {@code KC x 16} floats instead of {@code KC x 32}.
 *
 * <p>Layouts and merging as in {@link SgemmMicroKernel}: {@code A(i0 + r, p)} at
 * {@code ap[ai + p * MR + r]} (the same A panels), {@code B(p, j0 + c)} at
 * {@code bp[bi + p * NR + c]} when packed or {@code bp[bi + p * bs + c]} when read in place;
 * every element of C is the fused chain over the depth block, merged once per block
 * ({@link SgemmMicroKernel#mergeScalar} rounds alike). One named local per accumulator and no
 * vector in a signature, for the reasons given there.
 */
final class SgemmNarrowKernel {
  /** Rows of the register tile (the A panels of {@link SgemmMicroKernel}). */
  static final int MR = SgemmMicroKernel.MR;
  /** Columns of the register tile: two vectors. */
  static final int NR = 2 * Vectors.LANES;

  private static final VectorSpecies<Float> S = Vectors.SPECIES;
  private static final int L = Vectors.LANES;

  private SgemmNarrowKernel() {}

  /** As {@link SgemmMicroKernel#compute}: {@code C = alpha * (Ap Bp) + beta * C} on a {@code rows x cols} corner. */
  static void compute(int kc, float[] ap, int ai, float[] bp, int bi, float[] c, int ci,
      int ldc, int rows, int cols, float alpha, float beta, float[] scratch) {
    if (rows == MR && cols == NR && alpha == 1f && beta == 0f) {
      tile(kc, ap, ai, bp, bi, c, ci, ldc);
    } else {
      tile(kc, ap, ai, bp, bi, scratch, 0, NR);
      SgemmMicroKernel.merge(scratch, NR, c, ci, ldc, rows, cols, alpha, beta);
    }
  }

  /** {@link #compute} with B rows {@code bs} apart, read in place. */
  static void computeStrided(int kc, float[] ap, int ai, float[] bp, int bi, int bs,
      float[] c, int ci, int ldc, int rows, int cols, float alpha, float beta, float[] scratch) {
    if (rows == MR && cols == NR && alpha == 1f && beta == 0f) {
      tileStrided(kc, ap, ai, bp, bi, bs, c, ci, ldc);
    } else {
      tileStrided(kc, ap, ai, bp, bi, bs, scratch, 0, NR);
      SgemmMicroKernel.merge(scratch, NR, c, ci, ldc, rows, cols, alpha, beta);
    }
  }

  /** The raw {@code MR x NR} accumulators over {@code kc} depth steps, stored at {@code t[ti + r * ldt + col]}. */
  static void tile(int kc, float[] ap, int ai, float[] bp, int bi, float[] t, int ti, int ldt) {
    FloatVector c00 = FloatVector.zero(S), c01 = c00;
    FloatVector c10 = c00, c11 = c00;
    FloatVector c20 = c00, c21 = c00;
    FloatVector c30 = c00, c31 = c00;
    FloatVector c40 = c00, c41 = c00;
    FloatVector c50 = c00, c51 = c00;
    for (int p = 0; p < kc; p++) {
      int bq = bi + p * NR;
      int aq = ai + p * MR;
      FloatVector b0 = FloatVector.fromArray(S, bp, bq);
      FloatVector b1 = FloatVector.fromArray(S, bp, bq + L);
      FloatVector a = FloatVector.broadcast(S, ap[aq]);
      c00 = a.fma(b0, c00);
      c01 = a.fma(b1, c01);
      a = FloatVector.broadcast(S, ap[aq + 1]);
      c10 = a.fma(b0, c10);
      c11 = a.fma(b1, c11);
      a = FloatVector.broadcast(S, ap[aq + 2]);
      c20 = a.fma(b0, c20);
      c21 = a.fma(b1, c21);
      a = FloatVector.broadcast(S, ap[aq + 3]);
      c30 = a.fma(b0, c30);
      c31 = a.fma(b1, c31);
      a = FloatVector.broadcast(S, ap[aq + 4]);
      c40 = a.fma(b0, c40);
      c41 = a.fma(b1, c41);
      a = FloatVector.broadcast(S, ap[aq + 5]);
      c50 = a.fma(b0, c50);
      c51 = a.fma(b1, c51);
    }
    int r0 = ti, r1 = r0 + ldt, r2 = r1 + ldt, r3 = r2 + ldt, r4 = r3 + ldt, r5 = r4 + ldt;
    c00.intoArray(t, r0);
    c01.intoArray(t, r0 + L);
    c10.intoArray(t, r1);
    c11.intoArray(t, r1 + L);
    c20.intoArray(t, r2);
    c21.intoArray(t, r2 + L);
    c30.intoArray(t, r3);
    c31.intoArray(t, r3 + L);
    c40.intoArray(t, r4);
    c41.intoArray(t, r4 + L);
    c50.intoArray(t, r5);
    c51.intoArray(t, r5 + L);
  }

  /** {@link #tile} with B rows {@code bs} apart (a copy: C2 drops the bounds checks only for a constant stride). */
  static void tileStrided(int kc, float[] ap, int ai, float[] bp, int bi, int bs, float[] t, int ti, int ldt) {
    FloatVector c00 = FloatVector.zero(S), c01 = c00;
    FloatVector c10 = c00, c11 = c00;
    FloatVector c20 = c00, c21 = c00;
    FloatVector c30 = c00, c31 = c00;
    FloatVector c40 = c00, c41 = c00;
    FloatVector c50 = c00, c51 = c00;
    for (int p = 0; p < kc; p++) {
      int bq = bi + p * bs;
      int aq = ai + p * MR;
      FloatVector b0 = FloatVector.fromArray(S, bp, bq);
      FloatVector b1 = FloatVector.fromArray(S, bp, bq + L);
      FloatVector a = FloatVector.broadcast(S, ap[aq]);
      c00 = a.fma(b0, c00);
      c01 = a.fma(b1, c01);
      a = FloatVector.broadcast(S, ap[aq + 1]);
      c10 = a.fma(b0, c10);
      c11 = a.fma(b1, c11);
      a = FloatVector.broadcast(S, ap[aq + 2]);
      c20 = a.fma(b0, c20);
      c21 = a.fma(b1, c21);
      a = FloatVector.broadcast(S, ap[aq + 3]);
      c30 = a.fma(b0, c30);
      c31 = a.fma(b1, c31);
      a = FloatVector.broadcast(S, ap[aq + 4]);
      c40 = a.fma(b0, c40);
      c41 = a.fma(b1, c41);
      a = FloatVector.broadcast(S, ap[aq + 5]);
      c50 = a.fma(b0, c50);
      c51 = a.fma(b1, c51);
    }
    int r0 = ti, r1 = r0 + ldt, r2 = r1 + ldt, r3 = r2 + ldt, r4 = r3 + ldt, r5 = r4 + ldt;
    c00.intoArray(t, r0);
    c01.intoArray(t, r0 + L);
    c10.intoArray(t, r1);
    c11.intoArray(t, r1 + L);
    c20.intoArray(t, r2);
    c21.intoArray(t, r2 + L);
    c30.intoArray(t, r3);
    c31.intoArray(t, r3 + L);
    c40.intoArray(t, r4);
    c41.intoArray(t, r4 + L);
    c50.intoArray(t, r5);
    c51.intoArray(t, r5 + L);
  }
}
