package org.attention4j.kernel;

import static org.attention4j.kernel.KernelData.LENGTHS;
import static org.attention4j.kernel.KernelData.OFF_A;
import static org.attention4j.kernel.KernelData.OFF_B;
import static org.attention4j.kernel.KernelData.OFF_C;
import static org.attention4j.kernel.KernelData.assertGuard;
import static org.attention4j.kernel.KernelData.awayFromZero;
import static org.attention4j.kernel.KernelData.uniform;
import static org.attention4j.testing.TensorAsserts.assertBitwise;
import static org.attention4j.testing.TensorAsserts.assertUlps;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.attention4j.kernel.Unary.Op;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The vector bodies of {@link Unary} against their scalar twins, forward and backward, at
 * lengths that are not multiples of the lane count.
 *
 * <p>Exact ops (negation, abs, relu, square, sqrt, reciprocal, scalar add and multiply) must be
 * bitwise equal. Transcendentals use the Vector API's EXP/LOG/TANH/POW (SVML on x86) in float
 * while the twins compute in double and round once, so they may differ by a few ulp; the
 * GELUs evaluate in float: the erfc fit loses relative accuracy where the result is tiny (large
 * negative x), and {@code 1 + tanh(u)} and {@code 1 - tanh(u)^2} cancel for negative x, so their
 * tolerances carry an absolute term (5e-7, against derivatives of size ~1).
 */
class UnaryTest {

  /** One case: op, parameter, input range and the forward / backward tolerances. */
  record Case(Op op, float p, float lo, float hi, int fwdUlps, double fwdAtol, int bwdUlps, double bwdAtol) {
    @Override
    public String toString() {
      return op + (op == Op.POW || op == Op.ADD_SCALAR || op == Op.MUL_SCALAR || op == Op.DIV_SCALAR ? "(" + p + ")" : "") + " [" + lo + ", " + hi + ")";
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case(Op.NEG, 0f, -4, 4, 0, 0, 0, 0),
        new Case(Op.ABS, 0f, -4, 4, 0, 0, 0, 0),
        new Case(Op.EXP, 0f, -10, 10, 2, 0, 2, 0),
        new Case(Op.LOG, 0f, 0.01f, 100, 2, 0, 0, 0),
        new Case(Op.SQRT, 0f, 0.01f, 100, 0, 0, 0, 0),
        new Case(Op.RSQRT, 0f, 0.01f, 100, 2, 0, 2, 0),
        new Case(Op.TANH, 0f, -6, 6, 2, 0, 4, 1e-7),
        new Case(Op.SIGMOID, 0f, -20, 20, 4, 0, 4, 1e-8),
        new Case(Op.RELU, 0f, -4, 4, 0, 0, 0, 0),
        new Case(Op.GELU, 0f, -5, 5, 8, 1e-7, 8, 5e-7),
        new Case(Op.GELU_TANH, 0f, -5, 5, 4, 1e-7, 8, 5e-7),
        new Case(Op.POW, 2f, -3, 3, 2, 0, 2, 0),
        new Case(Op.POW, 3f, -3, 3, 2, 0, 2, 0),
        new Case(Op.POW, -1f, -3, 3, 2, 0, 2, 0),
        new Case(Op.POW, 0.5f, 0.01f, 9, 2, 0, 2, 0),
        new Case(Op.POW, 1.7f, 0.01f, 9, 2, 0, 2, 0),
        new Case(Op.SQUARE, 0f, -4, 4, 0, 0, 0, 0),
        new Case(Op.RECIPROCAL, 0f, -4, 4, 0, 0, 0, 0),
        new Case(Op.ADD_SCALAR, 1.3f, -4, 4, 0, 0, 0, 0),
        new Case(Op.MUL_SCALAR, -0.7f, -4, 4, 0, 0, 0, 0),
        new Case(Op.DIV_SCALAR, -0.7f, -4, 4, 0, 0, 0, 0));
  }

  private static float[] input(Case c, long seed, int n) {
    boolean nearZeroBad = c.op == Op.RECIPROCAL || (c.op == Op.POW && c.p < 0);
    return nearZeroBad ? awayFromZero(seed, OFF_A, n, c.lo, c.hi, 0.05f) : uniform(seed, OFF_A, n, c.lo, c.hi);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void forwardVector_allLengths_matchesScalarTwin(Case c) {
    for (int n : LENGTHS) {
      float[] x = input(c, 100 + n, n);
      float[] expected = uniform(7, OFF_B, n, 0, 1);
      float[] actual = expected.clone();
      float[] before = expected.clone();
      Unary.forwardScalar(c.op, c.p, x, OFF_A, expected, OFF_B, n);
      Unary.forwardVector(c.op, c.p, x, OFF_A, actual, OFF_B, n);
      String what = c + " forward n=" + n;
      if (c.fwdUlps == 0 && c.fwdAtol == 0) assertBitwise(expected, OFF_B, actual, OFF_B, n, what);
      else assertUlps(expected, OFF_B, actual, OFF_B, n, c.fwdUlps, c.fwdAtol, what);
      assertGuard(before, actual, OFF_B, n, what);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void backwardVector_allLengths_matchesScalarTwin(Case c) {
    for (int n : LENGTHS) {
      float[] x = input(c, 200 + n, n);
      float[] y = new float[OFF_B + n + 8];
      Unary.forwardScalar(c.op, c.p, x, OFF_A, y, OFF_B, n);
      float[] dy = uniform(300 + n, 1, n, -1, 1);
      float[] expected = uniform(8, OFF_C, n, 0, 1);
      float[] actual = expected.clone();
      float[] before = expected.clone();
      Unary.backwardScalar(c.op, c.p, x, OFF_A, y, OFF_B, dy, 1, expected, OFF_C, n);
      Unary.backwardVector(c.op, c.p, x, OFF_A, y, OFF_B, dy, 1, actual, OFF_C, n);
      String what = c + " backward n=" + n;
      if (c.bwdUlps == 0 && c.bwdAtol == 0) assertBitwise(expected, OFF_C, actual, OFF_C, n, what);
      else assertUlps(expected, OFF_C, actual, OFF_C, n, c.bwdUlps, c.bwdAtol, what);
      assertGuard(before, actual, OFF_C, n, what);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void derivative_matchesCentralDifferenceOfScalar(Case c) {
    // The scalar twin's derivative against a double-precision difference of its own forward.
    float[] x = input(c, 400, 64);
    for (int i = OFF_A; i < OFF_A + 64; i++) {
      float v = x[i];
      if (c.op == Op.RELU || c.op == Op.ABS) {
        if (Math.abs(v) < 1e-2f) continue;
      }
      double h = 1e-3 * Math.max(1, Math.abs(v));
      double numeric = (refForward(c, v + h) - refForward(c, v - h)) / (2 * h);
      float analytic = Unary.derivative(c.op, c.p, v, Unary.scalar(c.op, c.p, v));
      assertEquals(numeric, analytic, 1e-4 + 1e-3 * Math.abs(numeric), c + " at " + v);
    }
  }

  /** Phi(x) in double from the Numerical Recipes erfc fit (fractional error below 1.2e-7). */
  private static double normalCdfRef(double x) {
    double z = Math.abs(x) / Math.sqrt(2);
    double t = 1.0 / (1.0 + 0.5 * z);
    double erfc = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
        + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
        + t * (-0.82215223 + t * 0.17087277)))))))));
    return x >= 0 ? 1 - 0.5 * erfc : 0.5 * erfc;
  }

  /** The forward function in double, from its definition. */
  private static double refForward(Case c, double v) {
    return switch (c.op) {
      case NEG -> -v;
      case ABS -> Math.abs(v);
      case EXP -> Math.exp(v);
      case LOG -> Math.log(v);
      case SQRT -> Math.sqrt(v);
      case RSQRT -> 1 / Math.sqrt(v);
      case TANH -> Math.tanh(v);
      case SIGMOID -> 1 / (1 + Math.exp(-v));
      case RELU -> Math.max(v, 0);
      case GELU -> v * normalCdfRef(v);
      case GELU_TANH -> 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v)));
      case POW -> Math.pow(v, c.p);
      case SQUARE -> v * v;
      case RECIPROCAL -> 1 / v;
      case ADD_SCALAR -> v + c.p;
      case MUL_SCALAR -> v * c.p;
      case DIV_SCALAR -> v / c.p;
    };
  }

  @Test
  void relu_nanInputAndNegativeGradient_sameInBodyTailAndTwin() {
    // Regression: the scalar twin (and the vector tail) mapped NaN to 0 while the vector body
    // kept NaN, and the twin's backward gave -0 for a negative upstream gradient (dy * 0).
    int n = 19; // 16 in the vector body, 3 in the tail
    float[] x = new float[n];
    java.util.Arrays.fill(x, Float.NaN);
    float[] y = new float[n];
    Unary.forward(Op.RELU, 0f, x, 0, y, 0, n);
    for (int i = 0; i < n; i++) assertEquals(Float.NaN, y[i], "relu(NaN) at " + i);
    float[] neg = new float[n];
    java.util.Arrays.fill(neg, -1f);
    float[] dy = new float[n];
    java.util.Arrays.fill(dy, -2f);
    float[] dx = new float[n];
    float[] dxScalar = new float[n];
    Unary.backward(Op.RELU, 0f, neg, 0, new float[n], 0, dy, 0, dx, 0, n);
    Unary.backwardScalar(Op.RELU, 0f, neg, 0, new float[n], 0, dy, 0, dxScalar, 0, n);
    for (int i = 0; i < n; i++) {
      assertEquals(0, Float.floatToIntBits(dx[i]), "+0 at " + i);
      assertEquals(0, Float.floatToIntBits(dxScalar[i]), "+0 (twin) at " + i);
    }
  }

  @Test
  void normalCdf_matchesKnownValues() {
    // Phi(0) = 0.5, Phi(1) = 0.8413447460685429, Phi(-2) = 0.022750131948179195.
    assertEquals(0.5, Unary.normalCdf(0), 1e-7);
    assertEquals(0.8413447460685429, Unary.normalCdf(1), 2e-7);
    assertEquals(0.022750131948179195, Unary.normalCdf(-2), 1e-8);
    assertEquals(1 - 0.022750131948179195, Unary.normalCdf(2), 1e-7);
  }

  @Test
  void forward_dispatch_usesVectorBodyWhenEnabled() {
    int n = 33;
    float[] x = uniform(9, 0, n, -3, 3);
    float[] viaDispatch = new float[n];
    float[] viaVector = new float[n];
    Unary.forward(Op.TANH, 0f, x, 0, viaDispatch, 0, n);
    if (Vectors.ENABLED) Unary.forwardVector(Op.TANH, 0f, x, 0, viaVector, 0, n);
    else Unary.forwardScalar(Op.TANH, 0f, x, 0, viaVector, 0, n);
    assertBitwise(viaVector, 0, viaDispatch, 0, n, "dispatch");
  }

  static Stream<Arguments> specialInputs() {
    return Stream.of(
        Arguments.of(Op.EXP, Float.NEGATIVE_INFINITY),
        Arguments.of(Op.EXP, Float.POSITIVE_INFINITY),
        Arguments.of(Op.EXP, 100f),
        Arguments.of(Op.EXP, -100f),
        Arguments.of(Op.LOG, 0f),
        Arguments.of(Op.LOG, -1f),
        Arguments.of(Op.TANH, 30f),
        Arguments.of(Op.TANH, -30f),
        Arguments.of(Op.SIGMOID, 100f),
        Arguments.of(Op.SIGMOID, -200f),
        Arguments.of(Op.RELU, Float.NaN),
        Arguments.of(Op.RELU, -0f),
        Arguments.of(Op.GELU, 10f),
        Arguments.of(Op.GELU, -10f),
        Arguments.of(Op.GELU_TANH, 10f),
        Arguments.of(Op.GELU_TANH, -10f),
        Arguments.of(Op.SQRT, 0f),
        Arguments.of(Op.RSQRT, 0f),
        Arguments.of(Op.RECIPROCAL, -0f));
  }

  @ParameterizedTest(name = "{0}({1})")
  @MethodSource("specialInputs")
  void forwardVector_extremeInputs_agreeWithScalarTwin(Op op, float v) {
    int n = 35;
    float[] x = new float[n];
    java.util.Arrays.fill(x, v);
    float[] expected = new float[n];
    float[] actual = new float[n];
    Unary.forwardScalar(op, 0f, x, 0, expected, 0, n);
    Unary.forwardVector(op, 0f, x, 0, actual, 0, n);
    // Far in the tails only the order of magnitude is at stake (GELU(-10) ~ -7.6e-23 carries the
    // float rounding of exp(-50)): allow 64 ulp, but NaN, infinities and zeros must match.
    assertUlps(expected, 0, actual, 0, n, 64, 0, op + "(" + v + ")");
  }
}
