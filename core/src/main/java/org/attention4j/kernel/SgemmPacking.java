package org.attention4j.kernel;

import static org.attention4j.kernel.SgemmMicroKernel.MR;
import static org.attention4j.kernel.SgemmMicroKernel.NR;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Copies blocks of op(A) and op(B) into the contiguous micro-panel layouts that
 * {@link SgemmMicroKernel} streams through. Packing reads either storage order directly, so no
 * transposed copy of an operand is ever made; it also zero-pads the last panel so that the
 * kernel never needs a remainder loop.
 *
 * <pre>
 *   A block (mc x kc) -> panels of MR rows:    dst[q*MR*kc + p*MR + r] = A(i0 + q*MR + r, p0 + p)
 *   B block (kc x nc) -> panels of NR columns: dst[q*NR*kc + p*NR + c] = B(p0 + p, j0 + q*NR + c)
 * </pre>
 */
final class SgemmPacking {
  private static final VectorSpecies<Float> S = Vectors.SPECIES;
  private static final int L = Vectors.LANES;

  private SgemmPacking() {}

  /**
   * Packs rows {@code [i0, i1)} and depth {@code [p0, p0 + kc)} of op(A) into panels of
   * {@code MR} rows starting at {@code dst[0]}; rows past {@code i1} in the last panel are zero.
   * op(A)(i, p) is {@code a[aOff + i*lda + p]}, or {@code a[aOff + p*lda + i]} when transposed.
   */
  static void packA(boolean transA, float[] a, int aOff, int lda,
      int i0, int i1, int p0, int kc, float[] dst) {
    int panelSize = MR * kc;
    for (int i = i0, d = 0; i < i1; i += MR, d += panelSize) {
      int rows = Math.min(MR, i1 - i);
      if (transA) {
        packATransposed(a, aOff + p0 * lda + i, lda, rows, kc, dst, d);
      } else if (rows == MR && MR == 6) {
        packARows6(a, aOff + i * lda + p0, lda, kc, dst, d);
      } else {
        packARowsEdge(a, aOff + i * lda + p0, lda, rows, kc, dst, d);
      }
    }
  }

  /** A full panel from row-major A: six rows read side by side, written p-major. */
  private static void packARows6(float[] a, int src, int lda, int kc, float[] dst, int d) {
    int s0 = src, s1 = s0 + lda, s2 = s1 + lda, s3 = s2 + lda, s4 = s3 + lda, s5 = s4 + lda;
    for (int p = 0; p < kc; p++, d += MR) {
      dst[d] = a[s0 + p];
      dst[d + 1] = a[s1 + p];
      dst[d + 2] = a[s2 + p];
      dst[d + 3] = a[s3 + p];
      dst[d + 4] = a[s4 + p];
      dst[d + 5] = a[s5 + p];
    }
  }

  /** The last, short panel from row-major A, zero-padded to MR rows. */
  private static void packARowsEdge(float[] a, int src, int lda, int rows, int kc,
      float[] dst, int d) {
    Arrays.fill(dst, d, d + MR * kc, 0f);
    for (int r = 0; r < rows; r++) {
      int s = src + r * lda;
      for (int p = 0, o = d + r; p < kc; p++, o += MR) dst[o] = a[s + p];
    }
  }

  /** A panel from column-major A (A stored k x m): each depth step is a contiguous run. */
  private static void packATransposed(float[] a, int src, int lda, int rows, int kc,
      float[] dst, int d) {
    if (rows == MR && MR == 6) { // element by element: arraycopy costs more than 6 moves
      for (int p = 0, s = src; p < kc; p++, s += lda, d += MR) {
        dst[d] = a[s];
        dst[d + 1] = a[s + 1];
        dst[d + 2] = a[s + 2];
        dst[d + 3] = a[s + 3];
        dst[d + 4] = a[s + 4];
        dst[d + 5] = a[s + 5];
      }
    } else {
      for (int p = 0, s = src; p < kc; p++, s += lda, d += MR) {
        System.arraycopy(a, s, dst, d, rows);
        Arrays.fill(dst, d + rows, d + MR, 0f);
      }
    }
  }

  /**
   * Packs panels {@code [q0, q1)} of the block {@code B(p0 .. p0+kc, j0 .. j0+nc)} of op(B);
   * panel {@code q} covers columns {@code j0 + q*NR ..} and lands at {@code dst[q*NR*kc]}.
   * op(B)(p, j) is {@code b[bOff + p*ldb + j]}, or {@code b[bOff + j*ldb + p]} when transposed.
   */
  static void packB(boolean transB, float[] b, int bOff, int ldb, int p0, int kc,
      int j0, int nc, int q0, int q1, float[] dst) {
    packB(NR, transB, b, bOff, ldb, p0, kc, j0, nc, q0, q1, dst);
  }

  /** {@link #packB} into panels of {@code nr} columns (a multiple of the vector length). */
  static void packB(int nr, boolean transB, float[] b, int bOff, int ldb, int p0, int kc,
      int j0, int nc, int q0, int q1, float[] dst) {
    for (int q = q0; q < q1; q++) {
      int j = j0 + q * nr;
      int cols = Math.min(nr, j0 + nc - j);
      int d = q * nr * kc;
      if (transB) {
        packBTransposed(nr, b, bOff + j * ldb + p0, ldb, cols, kc, dst, d);
      } else {
        packBRows(nr, b, bOff + p0 * ldb + j, ldb, cols, kc, dst, d);
      }
    }
  }

  /** A panel from row-major B: each depth step is a contiguous run of {@code nr} columns. */
  private static void packBRows(int nr, float[] b, int src, int ldb, int cols, int kc,
      float[] dst, int d) {
    for (int p = 0; p < kc; p++, src += ldb, d += nr) {
      System.arraycopy(b, src, dst, d, cols);
      if (cols < nr) Arrays.fill(dst, d + cols, d + nr, 0f);
    }
  }

  /**
   * A panel from column-major B (B stored n x k): column {@code c} is a contiguous run over p.
   * Whole vectors of columns are gathered, one depth step at a time (one 16-lane gather replaces
   * 16 scalar loads and stores); the rest go element by element.
   */
  private static void packBTransposed(int nr, float[] b, int src, int ldb, int cols, int kc,
      float[] dst, int d) {
    int c = 0;
    if (cols >= L) {
      int[] rows = gatherOffsets(ldb);
      for (; c + L <= cols; c += L) {
        int s = src + c * ldb;
        for (int p = 0, o = d + c; p < kc; p++, o += nr) {
          FloatVector.fromArray(S, b, s + p, rows, 0).intoArray(dst, o);
        }
      }
    }
    for (; c < cols; c++) {
      int s = src + c * ldb;
      for (int p = 0, o = d + c; p < kc; p++, o += nr) dst[o] = b[s + p];
    }
    if (cols < nr) {
      for (int p = 0, o = d; p < kc; p++, o += nr) Arrays.fill(dst, o + cols, o + nr, 0f);
    }
  }

  private static final ThreadLocal<int[]> GATHER = ThreadLocal.withInitial(() -> new int[L + 1]);

  /** {@code {0, ld, 2*ld, ...}} for a gather down L rows, cached per thread (slot L holds ld). */
  private static int[] gatherOffsets(int ld) {
    int[] g = GATHER.get();
    if (g[L] != ld || g[1] != ld) {
      for (int i = 0; i < L; i++) g[i] = i * ld;
      g[L] = ld;
    }
    return g;
  }
}
