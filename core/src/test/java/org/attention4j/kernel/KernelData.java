package org.attention4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

/**
 * Inputs and guard checks shared by the kernel tests; bitwise and ulp comparisons are in
 * {@link org.attention4j.testing.TensorAsserts}.
 */
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
