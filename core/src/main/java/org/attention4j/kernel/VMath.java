package org.attention4j.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code exp}, {@code log} and {@code tanh} for float lanes, built only from exactly rounded
 * operations (add, multiply, fused multiply-add, bit moves), each with a scalar twin that does
 * the same operations in the same order.
 *
 * <p>Why not {@code lanewise(VectorOperators.EXP)}: its result depends on how the code runs.
 * Interpreted and C1 code take a Java fallback, C2 code calls a native vector library, and the
 * two differ in the last bits, so the same softmax changes after the JIT warms up and two runs
 * of one seeded training loop drift apart. These functions give the same bits in the
 * interpreter, in compiled code, in the vector body and in the scalar tail.
 *
 * <p>Accuracy: within 2 ulp of the correctly rounded result over the normal range, using the
 * Cody-Waite reduction and the minimax polynomials of Cephes ({@code expf}, {@code logf},
 * {@code tanhf}; Moshier 1989). {@code exp} flushes results below the smallest normal float
 * (x &lt; -87.34) to 0 and gives +inf above 88.72; NaN propagates.
 */
public final class VMath {
  private static final VectorSpecies<Float> S = Vectors.SPECIES;

  private static final float LOG2E = 1.44269504088896341f;
  private static final float LN2_HI = 0.693359375f;
  private static final float LN2_LO = -2.12194440e-4f;
  /** 1.5 * 2^23: adding it rounds to an integer held in the low mantissa bits. */
  private static final float ROUND_MAGIC = 12582912f;
  private static final float EXP_HI = 88.7228391f;
  private static final float EXP_LO = -87.3365448f;
  private static final float[] EXP_P = {1.9875691500e-4f, 1.3981999507e-3f, 8.3334519073e-3f,
      4.1665795894e-2f, 1.6666665459e-1f, 5.0000001201e-1f};

  private static final float SQRT_HALF = 0.707106781186547524f;
  private static final float[] LOG_P = {7.0376836292e-2f, -1.1514610310e-1f, 1.1676998740e-1f,
      -1.2420140846e-1f, 1.4249322787e-1f, -1.6668057665e-1f, 2.0000714765e-1f, -2.4999993993e-1f,
      3.3333331174e-1f};

  private static final float[] TANH_P = {-5.70498872745e-3f, 2.06390887954e-2f, -5.37397155531e-2f,
      1.33314422036e-1f, -3.33332819422e-1f};

  private VMath() {}

  // ------------------------------------------------------------------ exp

  /** {@code e^x} for every lane. */
  public static FloatVector exp(FloatVector x) {
    FloatVector xc = x.max(EXP_LO).min(EXP_HI);
    FloatVector t = xc.fma(FloatVector.broadcast(S, LOG2E), FloatVector.broadcast(S, ROUND_MAGIC));
    FloatVector n = t.sub(ROUND_MAGIC);
    IntVector ni = t.reinterpretAsInts().sub(Float.floatToRawIntBits(ROUND_MAGIC));
    FloatVector r = n.fma(FloatVector.broadcast(S, -LN2_HI), xc);
    r = n.fma(FloatVector.broadcast(S, -LN2_LO), r);
    FloatVector p = FloatVector.broadcast(S, EXP_P[0]);
    for (int i = 1; i < EXP_P.length; i++) p = p.fma(r, FloatVector.broadcast(S, EXP_P[i]));
    FloatVector r2 = r.mul(r);
    FloatVector e = p.fma(r2, r).add(1f);
    // 2^n as two factors: n reaches 128 near the top of the range, beyond one float exponent.
    IntVector half = ni.lanewise(VectorOperators.ASHR, 1);
    FloatVector scale1 = half.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
    FloatVector scale2 = ni.sub(half).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
    FloatVector out = e.mul(scale1).mul(scale2);
    out = out.blend(0f, x.compare(VectorOperators.LT, EXP_LO));
    out = out.blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.GT, EXP_HI));
    return out.blend(x, x.test(VectorOperators.IS_NAN));
  }

  /** Scalar twin of {@link #exp(FloatVector)}: the same operations, the same bits. */
  public static float exp(float x) {
    if (Float.isNaN(x)) return x;
    if (x < EXP_LO) return 0f;
    if (x > EXP_HI) return Float.POSITIVE_INFINITY;
    float t = Math.fma(x, LOG2E, ROUND_MAGIC);
    float n = t - ROUND_MAGIC;
    int ni = Float.floatToRawIntBits(t) - Float.floatToRawIntBits(ROUND_MAGIC);
    float r = Math.fma(n, -LN2_HI, x);
    r = Math.fma(n, -LN2_LO, r);
    float p = EXP_P[0];
    for (int i = 1; i < EXP_P.length; i++) p = Math.fma(p, r, EXP_P[i]);
    float r2 = r * r;
    float e = Math.fma(p, r2, r) + 1f;
    int half = ni >> 1;
    return e * Float.intBitsToFloat((half + 127) << 23) * Float.intBitsToFloat((ni - half + 127) << 23);
  }

  // ------------------------------------------------------------------ log

  /** Natural logarithm for every lane: -inf at 0, NaN below 0, +inf at +inf. */
  public static FloatVector log(FloatVector x) {
    // Subnormal inputs are scaled into the normal range first.
    VectorMask<Float> tiny = x.compare(VectorOperators.LT, Float.MIN_NORMAL);
    FloatVector xs = x.blend(x.mul(8388608f), tiny); // * 2^23
    IntVector bits = xs.reinterpretAsInts();
    IntVector exponent = bits.lanewise(VectorOperators.LSHR, 23).and(0xff).sub(126);
    FloatVector m = bits.and(0x007fffff).or(0x3f000000).reinterpretAsFloats(); // in [0.5, 1)
    FloatVector e = exponent.convert(VectorOperators.I2F, 0).reinterpretAsFloats();
    e = e.blend(e.sub(23f), tiny);
    VectorMask<Float> small = m.compare(VectorOperators.LT, SQRT_HALF);
    e = e.blend(e.sub(1f), small);
    FloatVector f = m.blend(m.add(m), small).sub(1f);
    FloatVector z = f.mul(f);
    FloatVector p = FloatVector.broadcast(S, LOG_P[0]);
    for (int i = 1; i < LOG_P.length; i++) p = p.fma(f, FloatVector.broadcast(S, LOG_P[i]));
    FloatVector y = p.mul(f).mul(z);
    y = e.fma(FloatVector.broadcast(S, LN2_LO), y);
    y = z.fma(FloatVector.broadcast(S, -0.5f), y);
    FloatVector out = f.add(y);
    out = e.fma(FloatVector.broadcast(S, LN2_HI), out);
    out = out.blend(Float.NEGATIVE_INFINITY, x.compare(VectorOperators.EQ, 0f));
    out = out.blend(Float.NaN, x.compare(VectorOperators.LT, 0f));
    out = out.blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.EQ, Float.POSITIVE_INFINITY));
    return out.blend(x, x.test(VectorOperators.IS_NAN));
  }

  /** Scalar twin of {@link #log(FloatVector)}. */
  public static float log(float x) {
    if (Float.isNaN(x) || x == Float.POSITIVE_INFINITY) return x;
    if (x == 0f) return Float.NEGATIVE_INFINITY;
    if (x < 0f) return Float.NaN;
    boolean tiny = x < Float.MIN_NORMAL;
    float xs = tiny ? x * 8388608f : x;
    int bits = Float.floatToRawIntBits(xs);
    int exponent = ((bits >>> 23) & 0xff) - 126;
    float m = Float.intBitsToFloat((bits & 0x007fffff) | 0x3f000000);
    float e = exponent;
    if (tiny) e = e - 23f;
    boolean small = m < SQRT_HALF;
    if (small) e = e - 1f;
    float f = (small ? m + m : m) - 1f;
    float z = f * f;
    float p = LOG_P[0];
    for (int i = 1; i < LOG_P.length; i++) p = Math.fma(p, f, LOG_P[i]);
    float y = p * f * z;
    y = Math.fma(e, LN2_LO, y);
    y = Math.fma(z, -0.5f, y);
    float out = f + y;
    return Math.fma(e, LN2_HI, out);
  }

  // ------------------------------------------------------------------ tanh

  /** Hyperbolic tangent for every lane. */
  public static FloatVector tanh(FloatVector x) {
    FloatVector ax = x.abs();
    // |x| >= 0.625: 1 - 2 / (e^{2|x|} + 1), sign restored.
    FloatVector big = FloatVector.broadcast(S, 1f).sub(FloatVector.broadcast(S, 2f).div(exp(ax.add(ax)).add(1f)));
    big = big.blend(big.neg(), x.compare(VectorOperators.LT, 0f));
    // |x| < 0.625: x + x z P(z).
    FloatVector z = x.mul(x);
    FloatVector p = FloatVector.broadcast(S, TANH_P[0]);
    for (int i = 1; i < TANH_P.length; i++) p = p.fma(z, FloatVector.broadcast(S, TANH_P[i]));
    FloatVector smallResult = p.mul(z).fma(x, x);
    FloatVector out = big.blend(smallResult, ax.compare(VectorOperators.LT, 0.625f));
    return out.blend(x, x.test(VectorOperators.IS_NAN));
  }

  /** Scalar twin of {@link #tanh(FloatVector)}. */
  public static float tanh(float x) {
    if (Float.isNaN(x)) return x;
    float ax = Math.abs(x);
    if (ax < 0.625f) {
      float z = x * x;
      float p = TANH_P[0];
      for (int i = 1; i < TANH_P.length; i++) p = Math.fma(p, z, TANH_P[i]);
      return Math.fma(p * z, x, x);
    }
    float big = 1f - 2f / (exp(ax + ax) + 1f);
    return x < 0f ? -big : big;
  }

  // ------------------------------------------------------------------ lane sums

  /**
   * The sum of the lanes in a fixed pairwise order (upper half onto lower half, repeatedly).
   * {@code reduceLanes(ADD)} leaves the order open, and the interpreter and compiled code pick
   * different ones, so float sums would change after JIT compilation.
   */
  public static float sumLanes(FloatVector v) {
    float[] t = new float[Vectors.LANES];
    v.intoArray(t, 0);
    return sumLanes(t);
  }

  /** Scalar twin of {@link #sumLanes(FloatVector)} over {@code LANES} partial sums (modified in place). */
  public static float sumLanes(float[] t) {
    for (int width = t.length / 2; width >= 1; width /= 2) {
      for (int j = 0; j < width; j++) t[j] += t[j + width];
    }
    return t[0];
  }

  // ------------------------------------------------------------------ sigmoid

  /** {@code 1 / (1 + e^{-x})} for every lane. */
  public static FloatVector sigmoid(FloatVector x) {
    return FloatVector.broadcast(S, 1f).div(exp(x.neg()).add(1f));
  }

  /** Scalar twin of {@link #sigmoid(FloatVector)}. */
  public static float sigmoid(float x) {
    return 1f / (exp(-x) + 1f);
  }
}
