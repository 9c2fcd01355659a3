package org.attention4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;

/** Inputs and comparisons shared by the kernel tests. */
final class KernelData {
  /** Row lengths around the lane count (never only multiples of it), and long rows. */
  static final int[] LENGTHS = {0, 1, 15, 16, 17, 31, 33, 100, 1000, 4099};

  /** Offsets into the arrays, so that kernels that ignore them fail. */
  static final int OFF_A = 3;
  static final int OFF_B = 5;
  static final int OFF_C = 7;

  private KernelData() {}

  /** {@code pad + n + 8} values uniform in [lo, hi); the 8 trailing values catch over-reads into the result. */
  static float[] uniform(long seed, int pad, int n, float lo, float hi) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] a = new float[pad + n + 8];
    for (int i = 0; i < a.length; i++) a[i] = lo + (hi - lo) * (float) rng.nextDouble();
    return a;
  }

  /** Like {@link #uniform} but with |x| >= margin. */
  static float[] awayFromZero(long seed, int pad, int n, float lo, float hi, float margin) {
    float[] a = uniform(seed, pad, n, lo, hi);
    for (int i = 0; i < a.length; i++) if (Math.abs(a[i]) < margin) a[i] = a[i] < 0 ? -margin : margin;
    return a;
  }

  /** Bitwise equality of {@code n} values from the given offsets. */
  static void assertBitwise(float[] expected, int eo, float[] actual, int ao, int n, String what) {
    for (int i = 0; i < n; i++) {
      float e = expected[eo + i];
      float a = actual[ao + i];
      if (Float.floatToIntBits(e) != Float.floatToIntBits(a)) {
        fail(what + ": element " + i + " of " + n + ": scalar " + e + " vs vector " + a);
      }
    }
  }

  /**
   * {@code |a - e| <= ulps * ulp(e) + atol} per element, with NaN and infinities matched exactly.
   */
  static void assertUlps(float[] expected, int eo, float[] actual, int ao, int n, int ulps, double atol, String what) {
    for (int i = 0; i < n; i++) {
      float e = expected[eo + i];
      float a = actual[ao + i];
      if (Float.isNaN(e) || Float.isInfinite(e) || Float.isNaN(a) || Float.isInfinite(a)) {
        if (Float.compare(e, a) != 0) fail(what + ": element " + i + ": " + e + " vs " + a);
        continue;
      }
      double allowed = ulps * (double) Math.ulp(e) + atol;
      if (!(Math.abs((double) a - e) <= allowed)) {
        fail(what + ": element " + i + " of " + n + ": scalar " + e + " vs vector " + a + " differ by "
            + Math.abs((double) a - e) / Math.ulp(e) + " ulp (allowed " + ulps + " ulp + " + atol + ")");
      }
    }
  }

  /** Fails if the {@code 8} guard values after {@code off + n} changed. */
  static void assertGuard(float[] before, float[] after, int off, int n, String what) {
    for (int i = off + n; i < before.length; i++) {
      assertEquals(before[i], after[i], what + ": wrote past the end at " + i);
    }
    for (int i = 0; i < off; i++) {
      assertEquals(before[i], after[i], what + ": wrote before the start at " + i);
    }
  }
}
