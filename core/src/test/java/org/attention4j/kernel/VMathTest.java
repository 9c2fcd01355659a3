package org.attention4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

class VMathTest {
  private static final int L = Vectors.LANES;

  /** Applies the vector function lane by lane to {@code xs} (length a multiple of L). */
  private static float[] vector(UnaryOperator<FloatVector> f, float[] xs) {
    float[] out = new float[xs.length];
    for (int i = 0; i < xs.length; i += L) f.apply(FloatVector.fromArray(Vectors.SPECIES, xs, i)).intoArray(out, i);
    return out;
  }

  private static float[] sample(long seed, int n, float lo, float hi) {
    var rng = new SplittableRandom(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) x[i] = lo + (hi - lo) * rng.nextFloat();
    return x;
  }

  private static void assertTwins(UnaryOperator<FloatVector> v, java.util.function.Function<Float, Float> s, float[] xs, String name) {
    float[] out = vector(v, xs);
    for (int i = 0; i < xs.length; i++) {
      float expected = s.apply(xs[i]);
      assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(out[i]),
          name + "(" + xs[i] + "): vector " + out[i] + " vs scalar " + expected);
    }
  }

  private static void assertUlps(java.util.function.Function<Float, Float> f, DoubleUnaryOperator exact, float[] xs, int ulps, String name) {
    for (float x : xs) {
      float got = f.apply(x);
      float want = (float) exact.applyAsDouble(x);
      float tol = ulps * Math.ulp(want);
      assertTrue(Math.abs(got - want) <= tol, name + "(" + x + ") = " + got + ", want " + want + " within " + ulps + " ulp");
    }
  }

  @Test
  void exp_vectorAndScalarTwin_agreeBitwise() {
    assertTwins(VMath::exp, VMath::exp, sample(1, 4096, -100f, 100f), "exp");
    assertTwins(VMath::exp, VMath::exp, sample(2, 4096, -2f, 2f), "exp");
  }

  @Test
  void log_vectorAndScalarTwin_agreeBitwise() {
    assertTwins(VMath::log, VMath::log, sample(3, 4096, 0f, 1000f), "log");
    assertTwins(VMath::log, VMath::log, sample(4, 4096, 1e-38f, 1e-30f), "log");
  }

  @Test
  void tanh_vectorAndScalarTwin_agreeBitwise() {
    assertTwins(VMath::tanh, VMath::tanh, sample(5, 4096, -12f, 12f), "tanh");
    assertTwins(VMath::sigmoid, VMath::sigmoid, sample(6, 4096, -50f, 50f), "sigmoid");
  }

  @Test
  void exp_isAccurateToTwoUlps() {
    assertUlps(VMath::exp, Math::exp, sample(7, 20000, -87f, 88.7f), 2, "exp");
  }

  @Test
  void log_isAccurateToTwoUlps() {
    assertUlps(VMath::log, Math::log, sample(8, 20000, 1e-30f, 1e30f), 2, "log");
    assertUlps(VMath::log, Math::log, sample(9, 20000, 0.5f, 2f), 2, "log");
    assertUlps(VMath::log, Math::log, new float[] {Float.MIN_VALUE, 1e-42f, 1e-39f, Float.MIN_NORMAL, Float.MAX_VALUE}, 2, "log");
  }

  @Test
  void tanh_isAccurate() {
    // Near zero Cephes' polynomial is within a couple of ulp; elsewhere 1 - 2/(e^2x + 1).
    assertUlps(VMath::tanh, Math::tanh, sample(10, 20000, -0.625f, 0.625f), 3, "tanh");
    for (float x : sample(11, 20000, -10f, 10f)) {
      assertEquals(Math.tanh(x), VMath.tanh(x), 2e-7, "tanh(" + x + ")");
    }
  }

  @Test
  void specialValues_followIeee() {
    float[] xs = new float[L];
    float[] specials = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, 89f, -88f, 1f};
    System.arraycopy(specials, 0, xs, 0, Math.min(specials.length, L));
    float[] e = vector(VMath::exp, xs);
    assertTrue(Float.isNaN(e[0]));
    assertEquals(Float.POSITIVE_INFINITY, e[1]);
    assertEquals(0f, e[2]);
    assertEquals(1f, e[3]);
    assertEquals(1f, e[4]);
    assertEquals(Float.POSITIVE_INFINITY, e[5]);
    assertEquals(0f, e[6]);
    float[] l = vector(VMath::log, xs);
    assertTrue(Float.isNaN(l[0]));
    assertEquals(Float.POSITIVE_INFINITY, l[1]);
    assertTrue(Float.isNaN(l[2]));
    assertEquals(Float.NEGATIVE_INFINITY, l[3]);
    assertEquals(0f, l[7]);
    float[] t = vector(VMath::tanh, xs);
    assertTrue(Float.isNaN(t[0]));
    assertEquals(1f, t[1]);
    assertEquals(-1f, t[2]);
    assertEquals(0f, t[3]);
    assertEquals(1f, VMath.exp(0f));
    assertEquals((float) Math.exp(88.7f), VMath.exp(88.7f), Math.ulp((float) Math.exp(88.7f)) * 2);
  }
}
