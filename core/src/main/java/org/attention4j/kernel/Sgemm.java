package org.attention4j.kernel;

import java.util.Objects;

/**
 * Single-precision general matrix multiply on row-major {@code float[]} storage:
 * {@code C = alpha * op(A) @ op(B) + beta * C}.
 *
 * <p>Shapes: op(A) is {@code m x k}, op(B) is {@code k x n}, C is {@code m x n}.
 * <ul>
 *   <li>{@code op(A)(i, p) = a[aOff + i*lda + p]}, or with {@code transA}
 *       {@code a[aOff + p*lda + i]} (A stored {@code k x m});
 *   <li>{@code op(B)(p, j) = b[bOff + p*ldb + j]}, or with {@code transB}
 *       {@code b[bOff + j*ldb + p]} (B stored {@code n x k});
 *   <li>{@code C(i, j) = c[cOff + i*ldc + j]}.
 * </ul>
 * {@code beta == 0} overwrites C: whatever C held (NaN included) does not reach the result.
 * C must not overlap A or B; A, B and C may be disjoint regions of one array.
 *
 * <p>With {@link Vectors#ENABLED} the work goes to Vector-API kernels on the shared
 * {@link Parallel} pool, otherwise to {@link #sgemmScalar}:
 * <ul>
 *   <li>in general a packed, cache-blocked kernel with a 6 x 64 register tile
 *       ({@code SgemmBlocked}, the GotoBLAS/BLIS scheme of Goto and van de Geijn 2008);
 *   <li>for C with at most 6 rows and B not transposed, the same tile reading B in place;
 *   <li>for one row of C, up to 4 long rows with B transposed (a decoding step
 *       {@code x @ W^T}), or one column: dot-product and axpy loops over the operands in place
 *       ({@code SgemmThin}).
 * </ul>
 * Products under ~16 Mflop stay on the calling thread. Threads split only C, never the depth,
 * so a result has the same bits for every thread count; the vector path rounds differently
 * from the scalar twin (fused multiply-adds, blocked sums), within float accuracy.
 */
public final class Sgemm {
  private Sgemm() {}

  /**
   * The register tile of the vector path as {@code "rows x columns"} ({@code "6 x 64"} on
   * AVX-512, {@code "6 x 16"} on AVX2), chosen at start-up ({@link Vectors#FEW_REGISTERS}).
   */
  public static String registerTile() {
    return SgemmBlocked.MR + " x " + SgemmBlocked.NR;
  }

  /**
   * {@code C = alpha * op(A) @ op(B) + beta * C}, row-major; see the class comment for layouts.
   *
   * @throws IllegalArgumentException if a size is negative, a leading dimension is smaller than
   *     its row length, or an offset puts a matrix outside its array
   * @throws NullPointerException if an array is null
   */
  public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
      float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float beta,
      float[] c, int cOff, int ldc) {
    String op = "sgemm";
    checkShape(op, transA, transB, m, n, k, a, lda, b, ldb, c, ldc);
    checkBounds(op, -1, transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
    if (!Vectors.ENABLED) {
      scalar(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    } else {
      vector(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc,
          true);
    }
  }

  /**
   * The same product for {@code aOffs.length} matrices: item {@code t} uses offsets
   * {@code aOffs[t]}, {@code bOffs[t]}, {@code cOffs[t]} and the shared sizes and leading
   * dimensions. Runs the items in parallel when each is small, and parallelises inside each
   * item when they are large; either way every item has the bits a single {@link #sgemm} gives.
   * Items must not write overlapping parts of C.
   *
   * @throws IllegalArgumentException if the offset arrays differ in length, or as
   *     {@link #sgemm} for any item (the message names the item)
   * @throws NullPointerException if an array is null
   */
  public static void batched(boolean transA, boolean transB, int m, int n, int k, float alpha,
      float[] a, int[] aOffs, int lda, float[] b, int[] bOffs, int ldb, float beta,
      float[] c, int[] cOffs, int ldc) {
    String op = "sgemm.batched";
    Objects.requireNonNull(aOffs, op + ": aOffs is null");
    Objects.requireNonNull(bOffs, op + ": bOffs is null");
    Objects.requireNonNull(cOffs, op + ": cOffs is null");
    int count = aOffs.length;
    if (bOffs.length != count || cOffs.length != count) {
      throw new IllegalArgumentException(op + ": offset arrays differ in length: aOffs "
          + count + ", bOffs " + bOffs.length + ", cOffs " + cOffs.length);
    }
    checkShape(op, transA, transB, m, n, k, a, lda, b, ldb, c, ldc);
    for (int t = 0; t < count; t++) {
      checkBounds(op, t, transA, transB, m, n, k,
          a, aOffs[t], lda, b, bOffs[t], ldb, c, cOffs[t], ldc);
    }
    if (count == 0) return;
    boolean vec = Vectors.ENABLED;
    double flops = 2.0 * m * n * k;
    int threads = Parallel.threads();
    // Items in parallel when a single item would not be split anyway, or when there are enough
    // of them to keep every thread busy; otherwise one item at a time, split inside.
    boolean overItems = count > 1 && threads > 1
        && (flops < SgemmBlocked.PARALLEL_FLOPS || count >= 4 * threads || !vec);
    if (overItems) {
      Parallel.forEach(count, t -> item(vec, false, transA, transB, m, n, k, alpha,
          a, aOffs[t], lda, b, bOffs[t], ldb, beta, c, cOffs[t], ldc));
    } else {
      for (int t = 0; t < count; t++) {
        item(vec, true, transA, transB, m, n, k, alpha,
            a, aOffs[t], lda, b, bOffs[t], ldb, beta, c, cOffs[t], ldc);
      }
    }
  }

  private static void item(boolean vec, boolean parallel, boolean transA, boolean transB,
      int m, int n, int k, float alpha, float[] a, int aOff, int lda, float[] b, int bOff,
      int ldb, float beta, float[] c, int cOff, int ldc) {
    if (vec) {
      vector(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc,
          parallel);
    } else {
      scalar(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }
  }

  /**
   * The scalar twin of {@link #sgemm}: the plain triple loop, accumulating each element in float
   * in k order, then {@code alpha * sum + beta * C} ({@code beta == 0} overwrites). Used when
   * vectors are off and as the test oracle.
   *
   * @throws IllegalArgumentException as {@link #sgemm}
   * @throws NullPointerException if an array is null
   */
  public static void sgemmScalar(boolean transA, boolean transB, int m, int n, int k,
      float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float beta,
      float[] c, int cOff, int ldc) {
    String op = "sgemm";
    checkShape(op, transA, transB, m, n, k, a, lda, b, ldb, c, ldc);
    checkBounds(op, -1, transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
    scalar(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
  }

  /**
   * {@link #sgemm} (with {@code vector}) or {@link #sgemmScalar} (without) on the calling thread
   * alone: for kernels that are already one task of a parallel loop. Same bits as the public
   * entry points.
   *
   * @throws IllegalArgumentException as {@link #sgemm}
   */
  static void onThisThread(boolean vector, boolean transA, boolean transB, int m, int n, int k,
      float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float beta,
      float[] c, int cOff, int ldc) {
    String op = "sgemm";
    checkShape(op, transA, transB, m, n, k, a, lda, b, ldb, c, ldc);
    checkBounds(op, -1, transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
    if (vector) {
      vector(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, false);
    } else {
      scalar(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }
  }

  private static void scalar(boolean transA, boolean transB, int m, int n, int k, float alpha,
      float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float beta,
      float[] c, int cOff, int ldc) {
    // A(i, p) = a[aOff + i*ai + p*ap], B(p, j) = b[bOff + p*bp + j*bj]
    int ai = transA ? 1 : lda, ap = transA ? lda : 1;
    int bp = transB ? 1 : ldb, bj = transB ? ldb : 1;
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        float sum = 0f;
        int x = aOff + i * ai, y = bOff + j * bj;
        for (int p = 0; p < k; p++, x += ap, y += bp) sum += a[x] * b[y];
        int o = cOff + i * ldc + j;
        c[o] = beta == 0f ? alpha * sum : alpha * sum + beta * c[o];
      }
    }
  }

  private static void vector(boolean transA, boolean transB, int m, int n, int k, float alpha,
      float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float beta,
      float[] c, int cOff, int ldc, boolean parallel) {
    if (m == 0 || n == 0) return;
    if (k == 0) {
      scaleC(m, n, beta, c, cOff, ldc);
      return;
    }
    if (SgemmThin.serves(transB, m, k)) {
      SgemmThin.fewRows(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta,
          c, cOff, ldc, parallel);
    } else if (n == 1) {
      SgemmThin.column(transA, transB, m, k, alpha, a, aOff, lda, b, bOff, ldb, beta,
          c, cOff, ldc, parallel);
    } else {
      SgemmBlocked.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta,
          c, cOff, ldc, parallel);
    }
  }

  /** C = beta * C, with beta == 0 writing zeros. */
  private static void scaleC(int m, int n, float beta, float[] c, int cOff, int ldc) {
    if (beta == 1f) return;
    for (int i = 0; i < m; i++) {
      int o = cOff + i * ldc;
      if (beta == 0f) {
        java.util.Arrays.fill(c, o, o + n, 0f);
      } else {
        for (int j = o; j < o + n; j++) c[j] = beta * c[j];
      }
    }
  }

  // ---- argument checks: caller mistakes are IllegalArgumentExceptions naming op and rule ----

  private static void checkShape(String op, boolean transA, boolean transB, int m, int n, int k,
      float[] a, int lda, float[] b, int ldb, float[] c, int ldc) {
    Objects.requireNonNull(a, op + ": a is null");
    Objects.requireNonNull(b, op + ": b is null");
    Objects.requireNonNull(c, op + ": c is null");
    if (m < 0 || n < 0 || k < 0) {
      throw new IllegalArgumentException(
          op + ": sizes must be >= 0, got m = " + m + ", n = " + n + ", k = " + k);
    }
    checkLd(op, "lda", lda, transA, "A", m, k, "m", "k");
    checkLd(op, "ldb", ldb, transB, "B", k, n, "k", "n");
    if (ldc < n) {
      throw new IllegalArgumentException(
          op + ": ldc (" + ldc + ") < n (" + n + ") for C of " + m + " x " + n);
    }
  }

  /** op(X) is rows x cols; stored rows x cols, or cols x rows when transposed. */
  private static void checkLd(String op, String ldName, int ld, boolean trans, String name,
      int rows, int cols, String rowsName, String colsName) {
    if (!trans && ld < cols) {
      throw new IllegalArgumentException(op + ": " + ldName + " (" + ld + ") < " + colsName
          + " (" + cols + ") for " + name + " of " + rows + " x " + cols);
    }
    if (trans && ld < rows) {
      throw new IllegalArgumentException(op + ": " + ldName + " (" + ld + ") < " + rowsName
          + " (" + rows + ") for " + name + "^T stored as " + cols + " x " + rows);
    }
  }

  /** The three matrices inside their arrays; {@code item >= 0} names a batch item. */
  private static void checkBounds(String op, int item, boolean transA, boolean transB,
      int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
      float[] c, int cOff, int ldc) {
    checkRegion(op, item, transA ? "A^T" : "A", "aOff", "lda", a, aOff, lda,
        transA ? k : m, transA ? m : k);
    checkRegion(op, item, transB ? "B^T" : "B", "bOff", "ldb", b, bOff, ldb,
        transB ? n : k, transB ? k : n);
    checkRegion(op, item, "C", "cOff", "ldc", c, cOff, ldc, m, n);
  }

  /** A stored rows x cols matrix with row stride ld at off must lie inside the array. */
  private static void checkRegion(String op, int item, String name, String offName,
      String ldName, float[] x, int off, int ld, int rows, int cols) {
    if (off < 0) {
      throw new IllegalArgumentException(
          where(op, item) + offName + " (" + off + ") < 0");
    }
    if (rows == 0 || cols == 0) return;
    long end = off + (long) (rows - 1) * ld + cols;
    if (end > x.length) {
      throw new IllegalArgumentException(where(op, item) + name + " stored as " + rows + " x "
          + cols + " with " + ldName + " " + ld + " at " + offName + " " + off + " needs " + end
          + " elements, array has " + x.length);
    }
  }

  private static String where(String op, int item) {
    return item < 0 ? op + ": " : op + ": item " + item + ": ";
  }
}
