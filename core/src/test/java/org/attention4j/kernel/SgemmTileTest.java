package org.attention4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Checks both register tiles of {@link Sgemm} directly, whichever one this CPU's products use
 * ({@link SgemmBlocked#NARROW}): every element of C must be the fused chain
 * {@code acc = fma(a_p, b_p, acc)} over the depth, merged by {@link SgemmMicroKernel#mergeScalar},
 * bit for bit, on every corner size of the tile, with B packed or read in place, for the
 * overwriting and the merging paths. Rows and columns outside the corner must stay untouched.
 */
class SgemmTileTest {
  /** {@code SgemmMicroKernel.compute}'s signature, for either tile. */
  private interface Packed {
    void compute(int kc, float[] ap, int ai, float[] bp, int bi, float[] c, int ci, int ldc, int rows, int cols,
        float alpha, float beta, float[] scratch);
  }

  /** {@code SgemmMicroKernel.computeStrided}'s signature, for either tile. */
  private interface InPlace {
    void compute(int kc, float[] ap, int ai, float[] bp, int bi, int bs, float[] c, int ci, int ldc, int rows,
        int cols, float alpha, float beta, float[] scratch);
  }

  /** One tile kernel: its width, packed and in-place entry points. */
  private record Tile(int nr, Packed packed, InPlace inPlace) {}

  private static final Tile WIDE = new Tile(SgemmMicroKernel.NR, SgemmMicroKernel::compute, SgemmMicroKernel::computeStrided);
  private static final Tile NARROW = new Tile(SgemmNarrowKernel.NR, SgemmNarrowKernel::compute,
      SgemmNarrowKernel::computeStrided);

  @Test
  void wideTile_everyCorner_isTheFusedChainBitwise() {
    checkAllCorners(WIDE, 11);
  }

  @Test
  void narrowTile_everyCorner_isTheFusedChainBitwise() {
    checkAllCorners(NARROW, 12);
  }

  @Test
  void narrowTile_isTwoVectorsWide_andSharesTheWideTilesPanelsOfA() {
    assertEquals(2 * Vectors.LANES, SgemmNarrowKernel.NR);
    assertEquals(SgemmMicroKernel.MR, SgemmNarrowKernel.MR);
    assertEquals(SgemmBlocked.NARROW ? SgemmNarrowKernel.NR : SgemmMicroKernel.NR, SgemmBlocked.NR);
  }

  private static void checkAllCorners(Tile tile, long seed) {
    var rnd = new SplittableRandom(seed);
    int mr = SgemmMicroKernel.MR;
    int nr = tile.nr();
    float[] scratch = new float[mr * Math.max(nr, SgemmMicroKernel.NR)];
    for (int kc : new int[] {1, 7, 300}) {
      float[] ap = random(rnd, mr * kc);
      float[] bp = random(rnd, kc * nr);
      int bs = nr + 5; // B's own rows, padded, for the in-place entry point
      float[] b = new float[3 + kc * bs];
      for (int p = 0; p < kc; p++) System.arraycopy(bp, p * nr, b, 3 + p * bs, nr);
      for (int rows = 1; rows <= mr; rows++) {
        for (int cols : new int[] {1, nr - 1, nr}) {
          for (float[] ab : new float[][] {{1f, 0f}, {-0.5f, 0f}, {1f, 1f}, {2f, -0.25f}}) {
            for (boolean strided : new boolean[] {false, true}) {
              int ldc = nr + 3;
              float[] c = random(rnd, 2 + (mr + 1) * ldc);
              float[] before = c.clone();
              if (strided) {
                tile.inPlace().compute(kc, ap, 0, b, 3, bs, c, 2, ldc, rows, cols, ab[0], ab[1], scratch);
              } else {
                tile.packed().compute(kc, ap, 0, bp, 0, c, 2, ldc, rows, cols, ab[0], ab[1], scratch);
              }
              String where = "nr " + nr + " kc " + kc + " rows " + rows + " cols " + cols + " alpha " + ab[0] + " beta "
                  + ab[1] + (strided ? " in place" : " packed");
              for (int i = 0; i < c.length; i++) {
                int r = (i - 2) / ldc;
                int j = (i - 2) % ldc;
                float want = before[i];
                if (i >= 2 && r < rows && j < cols) {
                  float acc = 0f;
                  for (int p = 0; p < kc; p++) acc = Math.fma(ap[p * mr + r], bp[p * nr + j], acc);
                  want = SgemmMicroKernel.mergeScalar(acc, before[i], ab[0], ab[1]);
                }
                assertEquals(Float.floatToIntBits(want), Float.floatToIntBits(c[i]), where + " at C[" + i + "]");
              }
            }
          }
        }
      }
    }
  }

  private static float[] random(SplittableRandom rnd, int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) x[i] = (float) rnd.nextDouble(-1, 1);
    return x;
  }
}
