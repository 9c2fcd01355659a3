package org.attention4j.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Checks {@link Sgemm}: the vector path against its scalar twin and against a double-precision
 * reference, on shapes that are not multiples of the lane count or of the 6 x 64 register tile,
 * in all four transpose combinations, with offsets and padded leading dimensions; plus batching,
 * thread-count independence and the argument checks.
 *
 * <p>Tolerances: each element may differ from the exact value by {@code (k + 2) * eps} times
 * its magnitude {@code |alpha| * sum_p |A(i,p) B(p,j)| + |beta C(i,j)|}, the classical bound for
 * float summation; a lost or doubled term is ~1/k of the magnitude and far outside it.
 */
class SgemmTest {
  private static final double EPS = Math.ulp(1f);

  /** One problem: shapes, transposes, scalars and a layout with offsets and padding. */
  private record Case(boolean transA, boolean transB, int m, int n, int k, float alpha,
      float beta, int aOff, int lda, int bOff, int ldb, int cOff, int ldc) {

    static Case of(boolean transA, boolean transB, int m, int n, int k, float alpha, float beta,
        int offset, int pad) {
      int lda = (transA ? m : k) + pad;
      int ldb = (transB ? k : n) + pad;
      return new Case(transA, transB, m, n, k, alpha, beta,
          offset, lda, offset + 1, ldb, offset + 2, n + pad);
    }

    int aLen() {
      return aOff + (transA ? k : m) * lda + 3;
    }

    int bLen() {
      return bOff + (transB ? n : k) * ldb + 3;
    }

    int cLen() {
      return cOff + m * ldc + 3;
    }

    double a(float[] a, int i, int p) {
      return a[transA ? aOff + p * lda + i : aOff + i * lda + p];
    }

    double b(float[] b, int p, int j) {
      return b[transB ? bOff + j * ldb + p : bOff + p * ldb + j];
    }

    void sgemm(float[] a, float[] b, float[] c) {
      Sgemm.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    void scalar(float[] a, float[] b, float[] c) {
      Sgemm.sgemmScalar(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta,
          c, cOff, ldc);
    }

    @Override
    public String toString() {
      return (transA ? "T" : "N") + (transB ? "T" : "N") + " " + m + "x" + n + "x" + k
          + " alpha " + alpha + " beta " + beta + " lda " + lda + " ldb " + ldb + " ldc " + ldc;
    }
  }

  private static float[] random(SplittableRandom rnd, int len) {
    float[] x = new float[len];
    for (int i = 0; i < len; i++) x[i] = (float) rnd.nextDouble(-1, 1);
    return x;
  }

  /**
   * Runs the vector path and the scalar twin on the same inputs and checks both against the
   * double reference; elements of the arrays outside C must stay as they were.
   */
  private static void check(Case t, SplittableRandom rnd) {
    float[] a = random(rnd, t.aLen());
    float[] b = random(rnd, t.bLen());
    float[] c0 = random(rnd, t.cLen());
    if (t.beta() == 0f) Arrays.fill(c0, Float.NaN); // beta == 0 must not read C
    float[] cv = c0.clone();
    float[] cs = c0.clone();
    t.sgemm(a, b, cv);
    t.scalar(a, b, cs);
    for (int i = 0; i < t.m(); i++) {
      for (int j = 0; j < t.n(); j++) {
        double sum = 0, mag = 0;
        for (int p = 0; p < t.k(); p++) {
          double x = t.a(a, i, p) * t.b(b, p, j);
          sum += x;
          mag += Math.abs(x);
        }
        int o = t.cOff() + i * t.ldc() + j;
        double old = t.beta() == 0f ? 0 : t.beta() * (double) c0[o];
        double want = t.alpha() * sum + old;
        double tol = (t.k() + 2) * EPS * (Math.abs(t.alpha()) * mag + Math.abs(old)) + 1e-30;
        if (!(Math.abs(cv[o] - want) <= tol) || !(Math.abs(cs[o] - want) <= tol)) {
          fail(t + ": C(" + i + ", " + j + ") want " + want + " +- " + tol
              + ", vector " + cv[o] + ", scalar " + cs[o]);
        }
        cv[o] = cs[o] = c0[o]; // so that the arrays must now equal c0 everywhere
      }
    }
    assertArrayEquals(c0, cv, t + ": vector path wrote outside C");
    assertArrayEquals(c0, cs, t + ": scalar path wrote outside C");
  }

  @Test
  void sgemm_smallShapesInAllTransposes() {
    int[] sizes = {1, 2, 3, 7, 16, 17, 33};
    SplittableRandom rnd = new SplittableRandom(1);
    for (int mode = 0; mode < 4; mode++) {
      for (int m : sizes) {
        for (int n : sizes) {
          for (int k : sizes) {
            check(Case.of(mode / 2 == 1, mode % 2 == 1, m, n, k, 1f, 0f, 0, 0), rnd);
          }
        }
      }
    }
  }

  @Test
  void sgemm_randomShapesWithScalarsOffsetsAndPadding() {
    int[] sizes = {1, 2, 3, 5, 6, 7, 8, 9, 15, 16, 17, 33, 95, 97, 130, 257};
    float[] alphas = {1f, -0.5f, 2.25f};
    float[] betas = {0f, 1f, -1.5f, 0.5f};
    SplittableRandom rnd = new SplittableRandom(2);
    for (int trial = 0; trial < 160; trial++) {
      Case t = Case.of(rnd.nextBoolean(), rnd.nextBoolean(),
          sizes[rnd.nextInt(sizes.length)], sizes[rnd.nextInt(sizes.length)],
          sizes[rnd.nextInt(sizes.length)], alphas[rnd.nextInt(alphas.length)],
          betas[rnd.nextInt(betas.length)], rnd.nextInt(6), rnd.nextInt(4));
      check(t, rnd);
    }
  }

  @Test
  void sgemm_largeShapeCrossesBlockBoundaries() {
    // k = 1100 > one depth block, n = 513 spans 9 column panels, m = 260 two row blocks.
    SplittableRandom rnd = new SplittableRandom(3);
    for (int mode = 0; mode < 4; mode++) {
      check(Case.of(mode / 2 == 1, mode % 2 == 1, 260, 513, 1100, 0.75f, -0.5f, 3, 1), rnd);
    }
  }

  @Test
  void sgemm_fewRowsCrossDepthBlocks() {
    // m <= 6 with B not transposed reads B in place; m <= 4 with B transposed and k long
    // enough takes dot products. Over a depth longer than one block, partial last panels.
    SplittableRandom rnd = new SplittableRandom(12);
    for (int mode = 0; mode < 4; mode++) {
      boolean ta = mode / 2 == 1, tb = mode % 2 == 1;
      check(Case.of(ta, tb, 5, 130, 2100, 1f, 0.5f, 1, 1), rnd);
      check(Case.of(ta, tb, 6, 200, 1030, -1f, 0f, 0, 2), rnd);
      check(Case.of(ta, tb, 3, 70, 300, 1f, 1f, 2, 0), rnd);
      check(Case.of(ta, tb, 4, 67, 100, 1f, 0f, 0, 1), rnd);
    }
  }

  @Test
  void sgemm_wideShapeCrossesColumnBlocks() {
    SplittableRandom rnd = new SplittableRandom(4);
    check(Case.of(false, false, 13, 4200, 21, 1f, 0f, 0, 0), rnd);
    check(Case.of(false, true, 13, 4200, 21, 1f, 1f, 5, 2), rnd);
    check(Case.of(true, false, 4200, 3, 17, -1f, 0f, 1, 0), rnd);
  }

  @Test
  void sgemm_singleRowOrColumnOfC() {
    // m == 1 and n == 1 take the matrix-vector path: cross its 4-row and 64-column groups,
    // strided vectors (transposed layouts) and the parallel split.
    SplittableRandom rnd = new SplittableRandom(10);
    for (int mode = 0; mode < 4; mode++) {
      boolean ta = mode / 2 == 1, tb = mode % 2 == 1;
      check(Case.of(ta, tb, 1, 1000, 777, 1f, 0f, 2, 3), rnd);
      check(Case.of(ta, tb, 1003, 1, 515, -2f, 0.5f, 1, 2), rnd);
      check(Case.of(ta, tb, 1, 67, 9, 1f, 1f, 0, 0), rnd);
      check(Case.of(ta, tb, 5, 1, 16, 1f, 0f, 0, 1), rnd);
    }
  }

  @Test
  void sgemm_kZeroScalesC() {
    float[] a = new float[1], b = new float[1];
    float[] c = {1f, 2f, 3f, 4f, 5f, 6f};
    Sgemm.sgemm(false, false, 2, 3, 0, 1f, a, 0, 0, b, 0, 3, 2f, c, 0, 3);
    assertArrayEquals(new float[] {2f, 4f, 6f, 8f, 10f, 12f}, c);
    float[] s = {1f, 2f, 3f, 4f, 5f, 6f};
    Sgemm.sgemmScalar(false, false, 2, 3, 0, 1f, a, 0, 0, b, 0, 3, 2f, s, 0, 3);
    assertArrayEquals(c, s);
    float[] nan = {Float.NaN, Float.NaN, 7f};
    Sgemm.sgemm(false, false, 1, 2, 0, 1f, a, 0, 0, b, 0, 2, 0f, nan, 0, 2);
    assertArrayEquals(new float[] {0f, 0f, 7f}, nan);
  }

  @Test
  void sgemm_emptyOutputLeavesCUntouched() {
    float[] a = {1f, 2f}, b = {3f, 4f};
    float[] c = {Float.NaN, 9f};
    Sgemm.sgemm(false, false, 0, 2, 1, 1f, a, 0, 1, b, 0, 2, 0f, c, 0, 2);
    Sgemm.sgemm(false, false, 2, 0, 1, 1f, a, 0, 1, b, 0, 0, 0f, c, 0, 0);
    assertTrue(Float.isNaN(c[0]));
    assertEquals(9f, c[1]);
  }

  @Test
  void sgemm_closedFormProduct() {
    // [1 2; 3 4] @ [5 6; 7 8] = [19 22; 43 50]; with alpha 2, beta -1 on C = 1
    float[] a = {1, 2, 3, 4}, b = {5, 6, 7, 8}, c = {1, 1, 1, 1};
    Sgemm.sgemm(false, false, 2, 2, 2, 2f, a, 0, 2, b, 0, 2, -1f, c, 0, 2);
    assertArrayEquals(new float[] {37, 43, 85, 99}, c);
    float[] ct = new float[4];
    Sgemm.sgemm(true, true, 2, 2, 2, 1f, a, 0, 2, b, 0, 2, 0f, ct, 0, 2);
    assertArrayEquals(new float[] {23, 31, 34, 46}, ct); // A^T B^T = (B A)^T
  }

  @Test
  void sgemm_operandsInOneArray() {
    // A, B and C as disjoint regions of one array, as a tensor arena would hold them.
    int m = 37, n = 70, k = 45;
    SplittableRandom rnd = new SplittableRandom(5);
    float[] arena = random(rnd, 7 + m * k + n * k + m * n + 5);
    int aOff = 7, bOff = aOff + m * k, cOff = bOff + n * k;
    float[] want = arena.clone();
    Sgemm.sgemmScalar(false, true, m, n, k, 1f, want, aOff, k, want, bOff, k, 0f, want, cOff, n);
    Sgemm.sgemm(false, true, m, n, k, 1f, arena, aOff, k, arena, bOff, k, 0f, arena, cOff, n);
    for (int i = 0; i < arena.length; i++) {
      double tol = (k + 2) * EPS * k;
      assertTrue(Math.abs(arena[i] - want[i]) <= tol, "element " + i);
    }
    assertArrayEquals(Arrays.copyOf(want, cOff), Arrays.copyOf(arena, cOff));
  }

  /** Items laid out back to back in shared arrays, run batched and one by one. */
  private static void checkBatchedMatchesSingles(boolean transA, boolean transB,
      int count, int m, int n, int k, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int aSize = m * k, bSize = k * n, cSize = m * n;
    float[] a = random(rnd, count * aSize + 1);
    float[] b = random(rnd, count * bSize + 2);
    float[] c = random(rnd, count * cSize + 3);
    int[] aOffs = new int[count], bOffs = new int[count], cOffs = new int[count];
    for (int t = 0; t < count; t++) {
      aOffs[t] = 1 + t * aSize;
      bOffs[t] = 2 + (count - 1 - t) * bSize; // not in the same order as A
      cOffs[t] = 3 + t * cSize;
    }
    int lda = transA ? m : k, ldb = transB ? k : n;
    float[] singles = c.clone();
    for (int t = 0; t < count; t++) {
      Sgemm.sgemm(transA, transB, m, n, k, 1.5f, a, aOffs[t], lda, b, bOffs[t], ldb, 0.5f,
          singles, cOffs[t], n);
    }
    Sgemm.batched(transA, transB, m, n, k, 1.5f, a, aOffs, lda, b, bOffs, ldb, 0.5f,
        c, cOffs, n);
    assertArrayEquals(singles, c);
  }

  @Test
  void batched_smallItemsMatchSinglesBitwise() {
    checkBatchedMatchesSingles(false, true, 24, 17, 33, 16, 6);
    checkBatchedMatchesSingles(true, false, 5, 3, 5, 7, 7);
  }

  @Test
  void batched_largeItemsMatchSinglesBitwise() {
    checkBatchedMatchesSingles(false, false, 3, 200, 130, 257, 8);
  }

  @Test
  void batched_noItemsIsNoOp() {
    float[] c = {Float.NaN};
    Sgemm.batched(false, false, 1, 1, 1, 1f, new float[1], new int[0], 1,
        new float[1], new int[0], 1, 0f, c, new int[0], 1);
    assertTrue(Float.isNaN(c[0]));
  }

  @Test
  void sgemm_sameBitsForAnyThreadCount() {
    int saved = Parallel.threads();
    try {
      int[][] shapes = {{300, 513, 1100}, {1, 3000, 300}, {2900, 1, 700}, {5, 3000, 1200},
          {3, 900, 500}, {700, 5, 90}, {130, 257, 95}};
      for (int[] s : shapes) {
        for (int mode = 0; mode < 4; mode++) {
          Case t = Case.of(mode / 2 == 1, mode % 2 == 1, s[0], s[1], s[2], 1f, 0.5f, 1, 1);
          SplittableRandom rnd = new SplittableRandom(9);
          float[] a = random(rnd, t.aLen()), b = random(rnd, t.bLen()), c = random(rnd, t.cLen());
          float[] c1 = c.clone(), c2 = c.clone(), c3 = c.clone();
          Parallel.setThreads(1);
          t.sgemm(a, b, c1);
          Parallel.setThreads(2);
          t.sgemm(a, b, c2);
          Parallel.setThreads(3);
          t.sgemm(a, b, c3);
          assertArrayEquals(c1, c2, t + ": 1 vs 2 threads");
          assertArrayEquals(c1, c3, t + ": 1 vs 3 threads");
        }
      }
    } finally {
      Parallel.setThreads(saved);
    }
  }

  @Test
  void sgemm_sameBitsInterpretedAndCompiled() {
    // Regression: a lane reduction whose order differs between the interpreter and C2 made
    // the matrix-vector path change its bits once the JIT compiled it.
    SplittableRandom rnd = new SplittableRandom(11);
    int m = 20, k = 70;
    float[] a = random(rnd, m * k), b = random(rnd, k), first = null;
    for (int rep = 0; rep < 20_000; rep++) {
      float[] c = new float[m];
      Sgemm.sgemm(false, false, m, 1, k, 1f, a, 0, k, b, 0, 1, 0f, c, 0, 1);
      if (first == null) first = c;
      else if (!Arrays.equals(first, c)) fail("bits changed at repetition " + rep);
    }
  }

  // ---- argument checks -----------------------------------------------------------------

  private static void assertMessage(String message, Runnable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
    assertEquals(message, e.getMessage());
  }

  @Test
  void sgemm_negativeSize() {
    float[] x = new float[100];
    assertMessage("sgemm: sizes must be >= 0, got m = -1, n = 2, k = 3",
        () -> Sgemm.sgemm(false, false, -1, 2, 3, 1f, x, 0, 3, x, 0, 2, 0f, x, 0, 2));
    assertMessage("sgemm: sizes must be >= 0, got m = 1, n = 2, k = -3",
        () -> Sgemm.sgemmScalar(false, false, 1, 2, -3, 1f, x, 0, 3, x, 0, 2, 0f, x, 0, 2));
  }

  @Test
  void sgemm_leadingDimensionTooSmall() {
    float[] x = new float[100];
    assertMessage("sgemm: lda (3) < k (4) for A of 5 x 4",
        () -> Sgemm.sgemm(false, false, 5, 2, 4, 1f, x, 0, 3, x, 0, 2, 0f, x, 0, 2));
    assertMessage("sgemm: lda (4) < m (5) for A^T stored as 4 x 5",
        () -> Sgemm.sgemm(true, false, 5, 2, 4, 1f, x, 0, 4, x, 0, 2, 0f, x, 0, 2));
    assertMessage("sgemm: ldb (1) < n (2) for B of 4 x 2",
        () -> Sgemm.sgemm(false, false, 5, 2, 4, 1f, x, 0, 4, x, 0, 1, 0f, x, 0, 2));
    assertMessage("sgemm: ldb (3) < k (4) for B^T stored as 2 x 4",
        () -> Sgemm.sgemm(false, true, 5, 2, 4, 1f, x, 0, 4, x, 0, 3, 0f, x, 0, 2));
    assertMessage("sgemm: ldc (1) < n (2) for C of 5 x 2",
        () -> Sgemm.sgemm(false, false, 5, 2, 4, 1f, x, 0, 4, x, 0, 2, 0f, x, 0, 1));
  }

  @Test
  void sgemm_offsetOutsideArray() {
    float[] small = new float[20], big = new float[100];
    assertMessage("sgemm: aOff (-1) < 0",
        () -> Sgemm.sgemm(false, false, 5, 2, 4, 1f, big, -1, 4, big, 0, 2, 0f, big, 0, 2));
    assertMessage("sgemm: A stored as 5 x 4 with lda 4 at aOff 3 needs 23 elements, array has 20",
        () -> Sgemm.sgemm(false, false, 5, 2, 4, 1f, small, 3, 4, big, 0, 2, 0f, big, 0, 2));
    assertMessage("sgemm: B^T stored as 2 x 4 with ldb 9 at bOff 10 needs 23 elements, "
        + "array has 20",
        () -> Sgemm.sgemm(false, true, 5, 2, 4, 1f, big, 0, 4, small, 10, 9, 0f, big, 0, 2));
    assertMessage("sgemm: C stored as 5 x 2 with ldc 3 at cOff 9 needs 23 elements, array has 20",
        () -> Sgemm.sgemm(false, false, 5, 2, 4, 1f, big, 0, 4, big, 0, 2, 0f, small, 9, 3));
  }

  @Test
  void batched_offsetArraysDiffer() {
    float[] x = new float[100];
    assertMessage("sgemm.batched: offset arrays differ in length: aOffs 2, bOffs 1, cOffs 2",
        () -> Sgemm.batched(false, false, 2, 2, 2, 1f, x, new int[2], 2, x, new int[1], 2, 0f,
            x, new int[2], 2));
  }

  @Test
  void batched_itemOutsideArray() {
    float[] x = new float[10];
    assertMessage("sgemm.batched: item 1: C stored as 2 x 2 with ldc 2 at cOff 8 needs 12 "
        + "elements, array has 10",
        () -> Sgemm.batched(false, false, 2, 2, 2, 1f, x, new int[] {0, 4}, 2, x,
            new int[] {0, 4}, 2, 0f, x, new int[] {6, 8}, 2));
  }
}
