package org.attention4j.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The counter-based dropout mask: vector body against scalar twin, keep rate, split independence. */
class HashDropoutTest {

  private static float[] data(int n) {
    SplittableRandom r = new SplittableRandom(5);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) x[i] = (float) r.nextGaussian();
    return x;
  }

  @Test
  void vectorBody_equalsScalarTwin_bitwise_atOddLengthsAndOffsets() {
    HashDropout.Mask m = HashDropout.Mask.of(0x1234_5678_9ABC_DEF0L, 0.3f);
    for (int n : new int[] {0, 1, 7, 15, 16, 17, 33, 1001}) {
      float[] x = data(n + 3);
      float[] v = new float[n + 5];
      float[] s = new float[n + 5];
      HashDropout.applyVector(m, x, 3, v, 2, 11, n);
      HashDropout.applyScalar(m, x, 3, s, 2, 11, n);
      assertArrayEquals(s, v, "n=" + n);
    }
  }

  @Test
  void keepsOneMinusP_andScalesKeptElements() {
    int n = 200_000;
    float[] ones = new float[n];
    java.util.Arrays.fill(ones, 1f);
    for (float p : new float[] {0.1f, 0.5f, 0.9f}) {
      float[] y = new float[n];
      HashDropout.apply(HashDropout.Mask.of(42, p), ones, 0, y, 0, 0, n);
      int kept = 0;
      for (float f : y) {
        if (f != 0) {
          kept++;
          assertEquals(1f / (1 - p), f, 0f);
        }
      }
      double rate = kept / (double) n;
      double sd = Math.sqrt(p * (1 - p) / n);
      assertTrue(Math.abs(rate - (1 - p)) < 5 * sd, "p=" + p + " kept " + rate);
    }
  }

  @Test
  void maskDependsOnSeedAndIndex_notOnHowTheRangeIsSplit() {
    float[] x = data(1000);
    HashDropout.Mask m = HashDropout.Mask.of(99, 0.5f);
    float[] whole = new float[1000];
    HashDropout.apply(m, x, 0, whole, 0, 0, 1000);
    float[] pieces = new float[1000];
    for (int from = 0; from < 1000; from += 137) {
      int len = Math.min(137, 1000 - from);
      HashDropout.apply(m, x, from, pieces, from, from, len);
    }
    assertArrayEquals(whole, pieces);
    float[] other = new float[1000];
    HashDropout.apply(HashDropout.Mask.of(100, 0.5f), x, 0, other, 0, 0, 1000);
    assertNotEquals(java.util.Arrays.toString(whole), java.util.Arrays.toString(other));
  }

  @Test
  void pOutsideUnitInterval_isRejected() {
    assertEquals("dropout: p must be in [0, 1], got -0.1",
        assertThrows(IllegalArgumentException.class, () -> HashDropout.Mask.of(1, -0.1f)).getMessage());
    HashDropout.Mask all = HashDropout.Mask.of(1, 1f);
    for (int i = 0; i < 1000; i++) assertTrue(!all.kept(i));
    HashDropout.Mask none = HashDropout.Mask.of(1, 0f);
    for (int i = 0; i < 1000; i++) assertTrue(none.kept(i));
  }
}
