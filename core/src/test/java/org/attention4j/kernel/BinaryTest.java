package org.attention4j.kernel;

import static org.attention4j.kernel.KernelData.LENGTHS;
import static org.attention4j.kernel.KernelData.OFF_A;
import static org.attention4j.kernel.KernelData.OFF_B;
import static org.attention4j.kernel.KernelData.OFF_C;
import static org.attention4j.kernel.KernelData.assertGuard;
import static org.attention4j.kernel.KernelData.awayFromZero;
import static org.attention4j.kernel.KernelData.uniform;
import static org.attention4j.testing.TensorAsserts.assertBitwise;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.attention4j.kernel.Binary.Op;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The vector bodies of {@link Binary} against their scalar twin: exact IEEE ops, so bitwise. */
class BinaryTest {

  static Stream<Arguments> opsAndStrides() {
    int[][] strides = {{1, 1}, {1, 0}, {0, 1}, {0, 0}};
    Stream.Builder<Arguments> b = Stream.builder();
    for (Op op : Op.values()) for (int[] s : strides) b.add(Arguments.of(op, s[0], s[1]));
    return b.build();
  }

  @ParameterizedTest(name = "{0} strides {1}/{2}")
  @MethodSource("opsAndStrides")
  void applyVector_allLengths_bitwiseEqualsScalarTwin(Op op, int as, int bs) {
    for (int n : LENGTHS) {
      float[] a = uniform(1 + n, OFF_A, n, -3f, 3f);
      float[] b = op == Op.DIV ? awayFromZero(2 + n, OFF_B, n, -3f, 3f, 0.1f) : uniform(2 + n, OFF_B, n, -3f, 3f);
      float[] expected = uniform(3, OFF_C, n, 0f, 1f);
      float[] actual = expected.clone();
      float[] before = expected.clone();
      Binary.applyScalar(op, a, OFF_A, as, b, OFF_B, bs, expected, OFF_C, n);
      Binary.applyVector(op, a, OFF_A, as, b, OFF_B, bs, actual, OFF_C, n);
      assertBitwise(expected, OFF_C, actual, OFF_C, n, op + " n=" + n);
      assertGuard(before, actual, OFF_C, n, op + " n=" + n);
      float[] dispatched = before.clone();
      Binary.apply(op, a, OFF_A, as, b, OFF_B, bs, dispatched, OFF_C, n);
      assertBitwise(expected, OFF_C, dispatched, OFF_C, n, op + " dispatch n=" + n);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specialValueOps")
  void applyVector_nanInfinitiesSignedZeros_bitwiseEqualsScalarTwin(Op op) {
    // max/min must follow Math.max/min: NaN wins, and +0 > -0.
    float[] special = {Float.NaN, 0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1f, -1f, Float.MIN_VALUE};
    int n = special.length * special.length + 3; // 67: vector bodies and a tail
    float[] a = new float[n];
    float[] b = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = special[i % special.length];
      b[i] = special[(i / special.length) % special.length];
    }
    float[] expected = new float[n];
    float[] actual = new float[n];
    Binary.applyScalar(op, a, 0, 1, b, 0, 1, expected, 0, n);
    Binary.applyVector(op, a, 0, 1, b, 0, 1, actual, 0, n);
    assertBitwise(expected, 0, actual, 0, n, op + " special values");
  }

  static Stream<Op> specialValueOps() {
    return Stream.of(Op.values());
  }

  @Test
  void apply_otherStrides_takesScalarPathWithStrides() {
    int n = 37;
    float[] a = uniform(5, 0, 3 * n, -2f, 2f);
    float[] b = uniform(6, 0, 2 * n, -2f, 2f);
    for (Op op : Op.values()) {
      float[] c = new float[n];
      Binary.apply(op, a, 1, 3, b, 2, 2, c, 0, n);
      for (int i = 0; i < n; i++) {
        assertEquals(Binary.scalar(op, a[1 + 3 * i], b[2 + 2 * i]), c[i], 0f, op + " element " + i);
      }
      float[] twin = new float[n];
      Binary.applyScalar(op, a, 1, 3, b, 2, 2, twin, 0, n);
      assertBitwise(twin, 0, c, 0, n, op + " strided twin");
    }
  }

  @Test
  void axpy_contiguousAndBroadcast_bitwiseEqualsScalarTwin() {
    for (int xs = 0; xs <= 1; xs++) {
      for (int n : LENGTHS) {
        float[] x = uniform(10 + n, OFF_A, n, -2f, 2f);
        float[] y = uniform(11 + n, OFF_C, n, -2f, 2f);
        float[] expected = y.clone();
        float[] actual = y.clone();
        Binary.axpyScalar(0.37f, x, OFF_A, xs, expected, OFF_C, n);
        Binary.axpy(0.37f, x, OFF_A, xs, actual, OFF_C, n);
        assertBitwise(expected, OFF_C, actual, OFF_C, n, "axpy xs=" + xs + " n=" + n);
        assertGuard(y, actual, OFF_C, n, "axpy");
      }
    }
  }

  @Test
  void axpy_broadcastInput_fusesEveryElementAlike() {
    // Regression: the vector body for xs = 0 rounded alpha * x before adding while the tail
    // fused them, so one broadcast row came out with two different values.
    float alpha = -1.46254301071167f;
    float[] x = {1.3897349834442139f};
    float[] y = new float[37];
    java.util.Arrays.fill(y, 1.055098533630371f);
    Binary.axpy(alpha, x, 0, 0, y, 0, 37);
    float want = Math.fma(alpha, x[0], 1.055098533630371f);
    assertEquals(false, want == alpha * x[0] + 1.055098533630371f, "the values are chosen so that fusing matters");
    for (int i = 0; i < 37; i++) assertEquals(want, y[i], 0f, "element " + i);
  }

  @Test
  void axpy_stridedInput_matchesScalarTwin() {
    float[] x = uniform(12, 0, 3 * 40, -2f, 2f);
    float[] expected = new float[40];
    float[] actual = new float[40];
    Binary.axpyScalar(-1.5f, x, 2, 3, expected, 0, 38);
    Binary.axpy(-1.5f, x, 2, 3, actual, 0, 38);
    assertBitwise(expected, 0, actual, 0, 40, "axpy xs=3");
  }

  @Test
  void scale_allLengths_bitwiseEqualsScalarTwin() {
    for (int n : LENGTHS) {
      float[] x = uniform(13 + n, OFF_A, n, -2f, 2f);
      float[] expected = x.clone();
      float[] actual = x.clone();
      Binary.scaleScalar(-0.3f, expected, OFF_A, n);
      Binary.scale(-0.3f, actual, OFF_A, n);
      assertBitwise(expected, OFF_A, actual, OFF_A, n, "scale n=" + n);
      assertGuard(x, actual, OFF_A, n, "scale");
    }
  }
}
