package org.attention4j.kernel;

import static org.attention4j.kernel.FlashAttentionTiles.TILE;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FlashAttentionTiles}'s products with a register tile of {@value #MR} rows by four
 * vectors, for CPUs with 16 vector registers ({@link Vectors#FEW_REGISTERS}: x86 without
 * AVX-512): 8 accumulators + 4 B vectors + 1 broadcast = 13 registers, where the 6-row tile
 * needs 29 and C2 keeps most of them on the stack. Measured on an AVX-512 Xeon run as AVX2
 * ({@code -XX:UseAVX=2}): causal attention forward + backward, B4 H8 D64 L1024, one thread, took
 * 350-354 ms with 6 rows, 282-288 with 3 and 236-242 with 2. (With 512-bit vectors the 6-row
 * tile is the fastest: 140-145 ms against 167-174 for 2 or 3 rows.)
 *
 * <p>Same contracts as there: {@link #rowsA} reads A rows {@code ars} apart, {@link #colsA} reads
 * A down the columns of a {@code [p][TILE]} tile; rows past {@code rows} repeat the last valid
 * row and are never stored; every element of C is the fused chain {@code acc = fma(a_p, b_p, acc)}
 * in order, from 0 or from C, so the scalar twins of {@link FlashAttentionTiles} give the same bits.
 */
final class FlashAttentionNarrowTiles {
  /** Rows of the register tile. */
  static final int MR = 2;

  private static final VectorSpecies<Float> S = Vectors.SPECIES;
  private static final int L = Vectors.LANES;

  private FlashAttentionNarrowTiles() {}

  /** As {@link FlashAttentionTiles#rowsA}, for {@code 1 <= rows <= MR}. */
  static void rowsA(int rows, int kc, float[] a, int ai, int ars, float[] b, int bi, float[] c, int ci, int ldc,
      boolean add) {
    int last = rows - 1;
    int a0 = ai;
    int a1 = ai + Math.min(1, last) * ars;
    int r0 = ci;
    int r1 = ci + Math.min(1, last) * ldc;
    FloatVector c00, c01, c02, c03, c10, c11, c12, c13;
    if (add) {
      c00 = FloatVector.fromArray(S, c, r0);
      c01 = FloatVector.fromArray(S, c, r0 + L);
      c02 = FloatVector.fromArray(S, c, r0 + 2 * L);
      c03 = FloatVector.fromArray(S, c, r0 + 3 * L);
      c10 = FloatVector.fromArray(S, c, r1);
      c11 = FloatVector.fromArray(S, c, r1 + L);
      c12 = FloatVector.fromArray(S, c, r1 + 2 * L);
      c13 = FloatVector.fromArray(S, c, r1 + 3 * L);
    } else {
      c00 = FloatVector.zero(S);
      c01 = c00;
      c02 = c00;
      c03 = c00;
      c10 = c00;
      c11 = c00;
      c12 = c00;
      c13 = c00;
    }
    for (int p = 0; p < kc; p++) {
      int bq = bi + p * TILE;
      FloatVector b0 = FloatVector.fromArray(S, b, bq);
      FloatVector b1 = FloatVector.fromArray(S, b, bq + L);
      FloatVector b2 = FloatVector.fromArray(S, b, bq + 2 * L);
      FloatVector b3 = FloatVector.fromArray(S, b, bq + 3 * L);
      FloatVector x = FloatVector.broadcast(S, a[a0 + p]);
      c00 = x.fma(b0, c00);
      c01 = x.fma(b1, c01);
      c02 = x.fma(b2, c02);
      c03 = x.fma(b3, c03);
      x = FloatVector.broadcast(S, a[a1 + p]);
      c10 = x.fma(b0, c10);
      c11 = x.fma(b1, c11);
      c12 = x.fma(b2, c12);
      c13 = x.fma(b3, c13);
    }
    c00.intoArray(c, r0);
    c01.intoArray(c, r0 + L);
    c02.intoArray(c, r0 + 2 * L);
    c03.intoArray(c, r0 + 3 * L);
    if (rows > 1) {
      c10.intoArray(c, r1);
      c11.intoArray(c, r1 + L);
      c12.intoArray(c, r1 + 2 * L);
      c13.intoArray(c, r1 + 3 * L);
    }
  }

  /** As {@link FlashAttentionTiles#colsA}, for {@code 1 <= rows <= MR}. */
  static void colsA(int rows, int kc, float[] a, int ai, float[] b, int bi, float[] c, int ci, int ldc, boolean add) {
    int last = rows - 1;
    int a0 = ai;
    int a1 = ai + Math.min(1, last);
    int r0 = ci;
    int r1 = ci + Math.min(1, last) * ldc;
    FloatVector c00, c01, c02, c03, c10, c11, c12, c13;
    if (add) {
      c00 = FloatVector.fromArray(S, c, r0);
      c01 = FloatVector.fromArray(S, c, r0 + L);
      c02 = FloatVector.fromArray(S, c, r0 + 2 * L);
      c03 = FloatVector.fromArray(S, c, r0 + 3 * L);
      c10 = FloatVector.fromArray(S, c, r1);
      c11 = FloatVector.fromArray(S, c, r1 + L);
      c12 = FloatVector.fromArray(S, c, r1 + 2 * L);
      c13 = FloatVector.fromArray(S, c, r1 + 3 * L);
    } else {
      c00 = FloatVector.zero(S);
      c01 = c00;
      c02 = c00;
      c03 = c00;
      c10 = c00;
      c11 = c00;
      c12 = c00;
      c13 = c00;
    }
    for (int p = 0; p < kc; p++) {
      int bq = bi + p * TILE;
      FloatVector b0 = FloatVector.fromArray(S, b, bq);
      FloatVector b1 = FloatVector.fromArray(S, b, bq + L);
      FloatVector b2 = FloatVector.fromArray(S, b, bq + 2 * L);
      FloatVector b3 = FloatVector.fromArray(S, b, bq + 3 * L);
      FloatVector x = FloatVector.broadcast(S, a[a0 + p * TILE]);
      c00 = x.fma(b0, c00);
      c01 = x.fma(b1, c01);
      c02 = x.fma(b2, c02);
      c03 = x.fma(b3, c03);
      x = FloatVector.broadcast(S, a[a1 + p * TILE]);
      c10 = x.fma(b0, c10);
      c11 = x.fma(b1, c11);
      c12 = x.fma(b2, c12);
      c13 = x.fma(b3, c13);
    }
    c00.intoArray(c, r0);
    c01.intoArray(c, r0 + L);
    c02.intoArray(c, r0 + 2 * L);
    c03.intoArray(c, r0 + 3 * L);
    if (rows > 1) {
      c10.intoArray(c, r1);
      c11.intoArray(c, r1 + L);
      c12.intoArray(c, r1 + 2 * L);
      c13.intoArray(c, r1 + 3 * L);
    }
  }

}
