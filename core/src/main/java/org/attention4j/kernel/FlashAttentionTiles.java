package org.attention4j.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked tile products of {@link FlashAttention}: {@code C (rows x TILE) (+)= A
 * (rows x kc) @ B (kc x TILE)} for up to {@link #MR} rows of C at a time, with B a packed panel
 * whose rows are {@link #TILE} floats apart (a compile-time constant, so that C2 removes every
 * bounds check from the k loop).
 *
 * <p>The register tile is 6 rows by four vectors ({@code TILE = 4 * LANES}, 64 floats on
 * AVX-512): per step of the k loop it loads four B vectors, broadcasts six A values straight from
 * memory and issues 24 fused multiply-adds into 24 accumulators (29 of 32 vector registers), the
 * shape of {@link SgemmMicroKernel}. With 16 vector registers ({@link Vectors#FEW_REGISTERS}) the
 * dispatching entry points run {@link FlashAttentionNarrowTiles}' 2-row tile instead, and
 * {@link #MR} is 2. As there, keep one named local per accumulator (an array or a
 * loop makes C2 spill them), and keep vectors out of helper-method signatures: C2 gives up inlining
 * large kernels (NodeCountInliningCutoff), and a vector that crosses a call that was not inlined
 * is boxed on the heap, which is ~40x slower.
 *
 * <p>Two layouts of A, both read in place without packing:
 * <ul>
 *   <li>{@link #rowsA}: {@code A(r, p) = a[ai + r*ars + p]} — rows of any stride, unit k stride
 *       (rows of K or V in their own storage; rows of a score tile);
 *   <li>{@link #colsA}: {@code A(r, p) = a[ai + r + p*TILE]} — the transpose of a score tile
 *       stored {@code [key][query]} (P^T, dS^T), so products over keys need no transposed copy.
 * </ul>
 * Rows past {@code rows} are computed from a repeated valid row and never stored, so a short strip
 * needs no remainder kernel.
 *
 * <p>Every element of C is the fused chain {@code acc = fma(a_p, b_p, acc)} over {@code p} in
 * order, starting from 0 ({@code add == false}) or from the old value of C ({@code add == true});
 * the scalar twins ({@link #rowsAScalar}, {@link #colsAScalar}) do the same operations and give the
 * same bits.
 */
final class FlashAttentionTiles {
  /** Rows of the register tile that the dispatching entry points use: 6, or 2 with few registers. */
  static final int MR = Vectors.FEW_REGISTERS ? FlashAttentionNarrowTiles.MR : 6;
  /** Columns of every tile: four vectors. Query blocks are this many queries wide. */
  static final int TILE = 4 * Vectors.LANES;

  private static final VectorSpecies<Float> S = Vectors.SPECIES;
  private static final int L = Vectors.LANES;

  private FlashAttentionTiles() {}

  /**
   * {@code C[r][0..TILE) (+)= sum_p a[ai + r*ars + p] * b[bi + p*TILE + 0..TILE)} for
   * {@code r < rows} ({@code 1 <= rows <= 6}); C row {@code r} starts at {@code c[ci + r*ldc]}.
   */
  static void rowsA(int rows, int kc, float[] a, int ai, int ars, float[] b, int bi, float[] c, int ci, int ldc,
      boolean add) {
    int last = rows - 1;
    int a0 = ai;
    int a1 = ai + Math.min(1, last) * ars;
    int a2 = ai + Math.min(2, last) * ars;
    int a3 = ai + Math.min(3, last) * ars;
    int a4 = ai + Math.min(4, last) * ars;
    int a5 = ai + Math.min(5, last) * ars;
    // C rows, clamped like the A rows: rows past the last are loaded (when adding) but never stored.
    int r0 = ci;
    int r1 = ci + Math.min(1, last) * ldc;
    int r2 = ci + Math.min(2, last) * ldc;
    int r3 = ci + Math.min(3, last) * ldc;
    int r4 = ci + Math.min(4, last) * ldc;
    int r5 = ci + Math.min(5, last) * ldc;
    FloatVector c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23;
    FloatVector c30, c31, c32, c33, c40, c41, c42, c43, c50, c51, c52, c53;
    if (add) {
      c00 = FloatVector.fromArray(S, c, r0);
      c01 = FloatVector.fromArray(S, c, r0 + L);
      c02 = FloatVector.fromArray(S, c, r0 + 2 * L);
      c03 = FloatVector.fromArray(S, c, r0 + 3 * L);
      c10 = FloatVector.fromArray(S, c, r1);
      c11 = FloatVector.fromArray(S, c, r1 + L);
      c12 = FloatVector.fromArray(S, c, r1 + 2 * L);
      c13 = FloatVector.fromArray(S, c, r1 + 3 * L);
      c20 = FloatVector.fromArray(S, c, r2);
      c21 = FloatVector.fromArray(S, c, r2 + L);
      c22 = FloatVector.fromArray(S, c, r2 + 2 * L);
      c23 = FloatVector.fromArray(S, c, r2 + 3 * L);
      c30 = FloatVector.fromArray(S, c, r3);
      c31 = FloatVector.fromArray(S, c, r3 + L);
      c32 = FloatVector.fromArray(S, c, r3 + 2 * L);
      c33 = FloatVector.fromArray(S, c, r3 + 3 * L);
      c40 = FloatVector.fromArray(S, c, r4);
      c41 = FloatVector.fromArray(S, c, r4 + L);
      c42 = FloatVector.fromArray(S, c, r4 + 2 * L);
      c43 = FloatVector.fromArray(S, c, r4 + 3 * L);
      c50 = FloatVector.fromArray(S, c, r5);
      c51 = FloatVector.fromArray(S, c, r5 + L);
      c52 = FloatVector.fromArray(S, c, r5 + 2 * L);
      c53 = FloatVector.fromArray(S, c, r5 + 3 * L);
    } else {
      c00 = FloatVector.zero(S);
      c01 = c00;
      c02 = c00;
      c03 = c00;
      c10 = c00;
      c11 = c00;
      c12 = c00;
      c13 = c00;
      c20 = c00;
      c21 = c00;
      c22 = c00;
      c23 = c00;
      c30 = c00;
      c31 = c00;
      c32 = c00;
      c33 = c00;
      c40 = c00;
      c41 = c00;
      c42 = c00;
      c43 = c00;
      c50 = c00;
      c51 = c00;
      c52 = c00;
      c53 = c00;
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
      x = FloatVector.broadcast(S, a[a2 + p]);
      c20 = x.fma(b0, c20);
      c21 = x.fma(b1, c21);
      c22 = x.fma(b2, c22);
      c23 = x.fma(b3, c23);
      x = FloatVector.broadcast(S, a[a3 + p]);
      c30 = x.fma(b0, c30);
      c31 = x.fma(b1, c31);
      c32 = x.fma(b2, c32);
      c33 = x.fma(b3, c33);
      x = FloatVector.broadcast(S, a[a4 + p]);
      c40 = x.fma(b0, c40);
      c41 = x.fma(b1, c41);
      c42 = x.fma(b2, c42);
      c43 = x.fma(b3, c43);
      x = FloatVector.broadcast(S, a[a5 + p]);
      c50 = x.fma(b0, c50);
      c51 = x.fma(b1, c51);
      c52 = x.fma(b2, c52);
      c53 = x.fma(b3, c53);
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
    if (rows > 2) {
      c20.intoArray(c, r2);
      c21.intoArray(c, r2 + L);
      c22.intoArray(c, r2 + 2 * L);
      c23.intoArray(c, r2 + 3 * L);
    }
    if (rows > 3) {
      c30.intoArray(c, r3);
      c31.intoArray(c, r3 + L);
      c32.intoArray(c, r3 + 2 * L);
      c33.intoArray(c, r3 + 3 * L);
    }
    if (rows > 4) {
      c40.intoArray(c, r4);
      c41.intoArray(c, r4 + L);
      c42.intoArray(c, r4 + 2 * L);
      c43.intoArray(c, r4 + 3 * L);
    }
    if (rows > 5) {
      c50.intoArray(c, r5);
      c51.intoArray(c, r5 + L);
      c52.intoArray(c, r5 + 2 * L);
      c53.intoArray(c, r5 + 3 * L);
    }
  }

  /**
   * {@code C[r][0..TILE) (+)= sum_p a[ai + r + p*TILE] * b[bi + p*TILE + 0..TILE)} for
   * {@code r < rows}: as {@link #rowsA}, with A read down the columns of a {@code [p][TILE]} tile.
   */
  static void colsA(int rows, int kc, float[] a, int ai, float[] b, int bi, float[] c, int ci, int ldc, boolean add) {
    int last = rows - 1;
    int a0 = ai;
    int a1 = ai + Math.min(1, last);
    int a2 = ai + Math.min(2, last);
    int a3 = ai + Math.min(3, last);
    int a4 = ai + Math.min(4, last);
    int a5 = ai + Math.min(5, last);
    // C rows, clamped like the A rows: rows past the last are loaded (when adding) but never stored.
    int r0 = ci;
    int r1 = ci + Math.min(1, last) * ldc;
    int r2 = ci + Math.min(2, last) * ldc;
    int r3 = ci + Math.min(3, last) * ldc;
    int r4 = ci + Math.min(4, last) * ldc;
    int r5 = ci + Math.min(5, last) * ldc;
    FloatVector c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23;
    FloatVector c30, c31, c32, c33, c40, c41, c42, c43, c50, c51, c52, c53;
    if (add) {
      c00 = FloatVector.fromArray(S, c, r0);
      c01 = FloatVector.fromArray(S, c, r0 + L);
      c02 = FloatVector.fromArray(S, c, r0 + 2 * L);
      c03 = FloatVector.fromArray(S, c, r0 + 3 * L);
      c10 = FloatVector.fromArray(S, c, r1);
      c11 = FloatVector.fromArray(S, c, r1 + L);
      c12 = FloatVector.fromArray(S, c, r1 + 2 * L);
      c13 = FloatVector.fromArray(S, c, r1 + 3 * L);
      c20 = FloatVector.fromArray(S, c, r2);
      c21 = FloatVector.fromArray(S, c, r2 + L);
      c22 = FloatVector.fromArray(S, c, r2 + 2 * L);
      c23 = FloatVector.fromArray(S, c, r2 + 3 * L);
      c30 = FloatVector.fromArray(S, c, r3);
      c31 = FloatVector.fromArray(S, c, r3 + L);
      c32 = FloatVector.fromArray(S, c, r3 + 2 * L);
      c33 = FloatVector.fromArray(S, c, r3 + 3 * L);
      c40 = FloatVector.fromArray(S, c, r4);
      c41 = FloatVector.fromArray(S, c, r4 + L);
      c42 = FloatVector.fromArray(S, c, r4 + 2 * L);
      c43 = FloatVector.fromArray(S, c, r4 + 3 * L);
      c50 = FloatVector.fromArray(S, c, r5);
      c51 = FloatVector.fromArray(S, c, r5 + L);
      c52 = FloatVector.fromArray(S, c, r5 + 2 * L);
      c53 = FloatVector.fromArray(S, c, r5 + 3 * L);
    } else {
      c00 = FloatVector.zero(S);
      c01 = c00;
      c02 = c00;
      c03 = c00;
      c10 = c00;
      c11 = c00;
      c12 = c00;
      c13 = c00;
      c20 = c00;
      c21 = c00;
      c22 = c00;
      c23 = c00;
      c30 = c00;
      c31 = c00;
      c32 = c00;
      c33 = c00;
      c40 = c00;
      c41 = c00;
      c42 = c00;
      c43 = c00;
      c50 = c00;
      c51 = c00;
      c52 = c00;
      c53 = c00;
    }
    for (int p = 0; p < kc; p++) {
      int bq = bi + p * TILE;
      int aq = p * TILE;
      FloatVector b0 = FloatVector.fromArray(S, b, bq);
      FloatVector b1 = FloatVector.fromArray(S, b, bq + L);
      FloatVector b2 = FloatVector.fromArray(S, b, bq + 2 * L);
      FloatVector b3 = FloatVector.fromArray(S, b, bq + 3 * L);
      FloatVector x = FloatVector.broadcast(S, a[a0 + aq]);
      c00 = x.fma(b0, c00);
      c01 = x.fma(b1, c01);
      c02 = x.fma(b2, c02);
      c03 = x.fma(b3, c03);
      x = FloatVector.broadcast(S, a[a1 + aq]);
      c10 = x.fma(b0, c10);
      c11 = x.fma(b1, c11);
      c12 = x.fma(b2, c12);
      c13 = x.fma(b3, c13);
      x = FloatVector.broadcast(S, a[a2 + aq]);
      c20 = x.fma(b0, c20);
      c21 = x.fma(b1, c21);
      c22 = x.fma(b2, c22);
      c23 = x.fma(b3, c23);
      x = FloatVector.broadcast(S, a[a3 + aq]);
      c30 = x.fma(b0, c30);
      c31 = x.fma(b1, c31);
      c32 = x.fma(b2, c32);
      c33 = x.fma(b3, c33);
      x = FloatVector.broadcast(S, a[a4 + aq]);
      c40 = x.fma(b0, c40);
      c41 = x.fma(b1, c41);
      c42 = x.fma(b2, c42);
      c43 = x.fma(b3, c43);
      x = FloatVector.broadcast(S, a[a5 + aq]);
      c50 = x.fma(b0, c50);
      c51 = x.fma(b1, c51);
      c52 = x.fma(b2, c52);
      c53 = x.fma(b3, c53);
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
    if (rows > 2) {
      c20.intoArray(c, r2);
      c21.intoArray(c, r2 + L);
      c22.intoArray(c, r2 + 2 * L);
      c23.intoArray(c, r2 + 3 * L);
    }
    if (rows > 3) {
      c30.intoArray(c, r3);
      c31.intoArray(c, r3 + L);
      c32.intoArray(c, r3 + 2 * L);
      c33.intoArray(c, r3 + 3 * L);
    }
    if (rows > 4) {
      c40.intoArray(c, r4);
      c41.intoArray(c, r4 + L);
      c42.intoArray(c, r4 + 2 * L);
      c43.intoArray(c, r4 + 3 * L);
    }
    if (rows > 5) {
      c50.intoArray(c, r5);
      c51.intoArray(c, r5 + L);
      c52.intoArray(c, r5 + 2 * L);
      c53.intoArray(c, r5 + 3 * L);
    }
  }

  // ------------------------------------------------------------------ scalar twins

  /** Scalar twin of {@link #rowsA}: the same fused chains, the same bits. */
  static void rowsAScalar(int rows, int kc, float[] a, int ai, int ars, float[] b, int bi,
      float[] c, int ci, int ldc, boolean add) {
    for (int r = 0; r < rows; r++) {
      for (int col = 0; col < TILE; col++) {
        int o = ci + r * ldc + col;
        float acc = add ? c[o] : 0f;
        for (int p = 0; p < kc; p++) acc = Math.fma(a[ai + r * ars + p], b[bi + p * TILE + col], acc);
        c[o] = acc;
      }
    }
  }

  /** Scalar twin of {@link #colsA}. */
  static void colsAScalar(int rows, int kc, float[] a, int ai, float[] b, int bi,
      float[] c, int ci, int ldc, boolean add) {
    for (int r = 0; r < rows; r++) {
      for (int col = 0; col < TILE; col++) {
        int o = ci + r * ldc + col;
        float acc = add ? c[o] : 0f;
        for (int p = 0; p < kc; p++) acc = Math.fma(a[ai + r + p * TILE], b[bi + p * TILE + col], acc);
        c[o] = acc;
      }
    }
  }

  /** {@link #rowsA} (or the narrow tile's, {@code rows <= MR}) or its twin. */
  static void rowsA(boolean vector, int rows, int kc, float[] a, int ai, int ars, float[] b, int bi,
      float[] c, int ci, int ldc, boolean add) {
    if (!vector) {
      rowsAScalar(rows, kc, a, ai, ars, b, bi, c, ci, ldc, add);
    } else if (Vectors.FEW_REGISTERS) {
      FlashAttentionNarrowTiles.rowsA(rows, kc, a, ai, ars, b, bi, c, ci, ldc, add);
    } else {
      rowsA(rows, kc, a, ai, ars, b, bi, c, ci, ldc, add);
    }
  }

  /** {@link #colsA} (or the narrow tile's, {@code rows <= MR}) or its twin. */
  static void colsA(boolean vector, int rows, int kc, float[] a, int ai, float[] b, int bi,
      float[] c, int ci, int ldc, boolean add) {
    if (!vector) {
      colsAScalar(rows, kc, a, ai, b, bi, c, ci, ldc, add);
    } else if (Vectors.FEW_REGISTERS) {
      FlashAttentionNarrowTiles.colsA(rows, kc, a, ai, b, bi, c, ci, ldc, add);
    } else {
      colsA(rows, kc, a, ai, b, bi, c, ci, ldc, add);
    }
  }
}
