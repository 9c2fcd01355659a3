package org.attention4j.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Elementwise unary kernels over contiguous rows, forward ({@code y = f(x)}) and backward
 * ({@code dx = dy * f'(x)}), each with a vector body, a scalar tail and a scalar twin.
 *
 * <p>Transcendentals in the vector body use the Vector API's {@code EXP}, {@code LOG},
 * {@code TANH} and {@code POW} (SVML on x86), which agree with {@link Math} to a few ulp.
 */
public final class Unary {
  /** The unary operations; {@code p} is the scalar parameter of POW, ADD_SCALAR, MUL_SCALAR and DIV_SCALAR. */
  public enum Op {
    NEG, ABS, EXP, LOG, SQRT, RSQRT, TANH, SIGMOID, RELU, GELU, GELU_TANH, POW, SQUARE, RECIPROCAL,
    ADD_SCALAR, MUL_SCALAR, DIV_SCALAR
  }

  private static final VectorSpecies<Float> S = Vectors.SPECIES;
  private static final int L = S.length();
  static final float SQRT_2_OVER_PI = 0.7978845608028654f;
  static final float GELU_TANH_C = 0.044715f;
  static final float INV_SQRT_2 = 0.7071067811865476f;
  static final float INV_SQRT_2PI = 0.3989422804014327f;

  private Unary() {}

  /** {@code y[yo + i] = f(x[xo + i])} for {@code i < n}. */
  public static void forward(Op op, float p, float[] x, int xo, float[] y, int yo, int n) {
    if (Vectors.ENABLED) forwardVector(op, p, x, xo, y, yo, n);
    else forwardScalar(op, p, x, xo, y, yo, n);
  }

  /** {@code dx[i] = dy[i] * f'(x[i])}, given the forward input {@code x} and output {@code y}. */
  public static void backward(Op op, float p, float[] x, int xo, float[] y, int yo, float[] dy, int dyo,
      float[] dx, int dxo, int n) {
    if (Vectors.ENABLED) backwardVector(op, p, x, xo, y, yo, dy, dyo, dx, dxo, n);
    else backwardScalar(op, p, x, xo, y, yo, dy, dyo, dx, dxo, n);
  }

  // ------------------------------------------------------------------ scalar twins

  /** The scalar twin of {@link #forward}. */
  public static void forwardScalar(Op op, float p, float[] x, int xo, float[] y, int yo, int n) {
    for (int i = 0; i < n; i++) y[yo + i] = scalar(op, p, x[xo + i]);
  }

  /** One value of the forward function. */
  public static float scalar(Op op, float p, float v) {
    return switch (op) {
      case NEG -> -v;
      case ABS -> Math.abs(v);
      case EXP -> VMath.exp(v);
      case LOG -> VMath.log(v);
      case SQRT -> (float) Math.sqrt(v);
      case RSQRT -> (float) (1.0 / Math.sqrt(v));
      case TANH -> VMath.tanh(v);
      case SIGMOID -> VMath.sigmoid(v);
      case RELU -> Math.max(v, 0f); // NaN stays NaN, as in the vector body and PyTorch
      case GELU -> v * normalCdf(v);
      case GELU_TANH -> (VMath.tanh(Math.fma(v * v, GELU_TANH_C, 1f) * v * SQRT_2_OVER_PI) + 1f) * v * 0.5f;
      case POW -> (float) Math.pow(v, p);
      case SQUARE -> v * v;
      case RECIPROCAL -> 1f / v;
      case ADD_SCALAR -> v + p;
      case MUL_SCALAR -> v * p;
      case DIV_SCALAR -> v / p;
    };
  }

  /** The scalar twin of {@link #backward}. */
  public static void backwardScalar(Op op, float p, float[] x, int xo, float[] y, int yo, float[] dy, int dyo,
      float[] dx, int dxo, int n) {
    for (int i = 0; i < n; i++) dx[dxo + i] = grad(op, p, x[xo + i], y[yo + i], dy[dyo + i]);
  }

  /**
   * {@code dy * f'(x)} for one element. Relu selects instead of multiplying by 0, so that a
   * negative {@code dy} gives +0 rather than -0, as the vector body (and PyTorch) do.
   */
  static float grad(Op op, float p, float v, float out, float dy) {
    if (op == Op.RELU) return v > 0 ? dy : 0f;
    if (op == Op.DIV_SCALAR) return dy / p; // a true division, as the vector body and PyTorch
    return dy * derivative(op, p, v, out);
  }

  /** {@code f'(x)} given {@code x} and {@code y = f(x)}. */
  public static float derivative(Op op, float p, float v, float out) {
    return switch (op) {
      case NEG -> -1f;
      case ABS -> Math.signum(v);
      case EXP -> out;
      case LOG -> 1f / v;
      case SQRT -> 0.5f / out;
      case RSQRT -> -0.5f * out * out * out;
      case TANH -> Math.fma(out, -out, 1f);
      case SIGMOID -> out * (1f - out);
      case RELU -> v > 0 ? 1f : 0f;
      case GELU -> Math.fma(v, VMath.exp(v * v * -0.5f) * INV_SQRT_2PI, normalCdf(v));
      case GELU_TANH -> {
        float v2 = v * v;
        float t = VMath.tanh(Math.fma(v2, GELU_TANH_C, 1f) * v * SQRT_2_OVER_PI);
        float inner = Math.fma(v2, 3 * GELU_TANH_C, 1f) * SQRT_2_OVER_PI;
        yield (t + 1f) * 0.5f + v * 0.5f * Math.fma(t, -t, 1f) * inner;
      }
      case POW -> p == 0 ? 0f : (float) (p * Math.pow(v, p - 1));
      case SQUARE -> 2f * v;
      case RECIPROCAL -> -out * out;
      case ADD_SCALAR -> 1f;
      case MUL_SCALAR -> p;
      case DIV_SCALAR -> 1f / p;
    };
  }

  /**
   * The standard normal CDF {@code Phi(x) = erfc(-x / sqrt 2) / 2}, with {@code erfc} from the
   * Chebyshev fit of Numerical Recipes (Press et al., 3rd ed., Sec. 6.2; fractional error below
   * 1.2e-7). The scalar twin of {@link #normalCdf(FloatVector)}: the same float operations.
   */
  public static float normalCdf(float x) {
    float z = Math.abs(x) * INV_SQRT_2;
    float t = 1f / Math.fma(z, 0.5f, 1f);
    float poly = Math.fma(t, ERFC_C[0], ERFC_C[1]);
    for (int i = 2; i < ERFC_C.length; i++) poly = Math.fma(poly, t, ERFC_C[i]);
    float e = VMath.exp(-(z * z) + poly) * t * 0.5f;
    return x < 0f ? e : 1f - e;
  }

  /** Coefficients of the erfc fit, highest order first. */
  private static final float[] ERFC_C = {0.17087277f, -0.82215223f, 1.48851587f, -1.13520398f, 0.27886807f,
      -0.18628806f, 0.09678418f, 0.37409196f, 1.00002368f, -1.26551223f};

  // ------------------------------------------------------------------ vector bodies

  /** The vector body of {@link #forward}, with a scalar tail. */
  public static void forwardVector(Op op, float p, float[] x, int xo, float[] y, int yo, int n) {
    int bound = S.loopBound(n);
    switch (op) {
      case NEG -> { for (int i = 0; i < bound; i += L) load(x, xo + i).neg().intoArray(y, yo + i); }
      case ABS -> { for (int i = 0; i < bound; i += L) load(x, xo + i).abs().intoArray(y, yo + i); }
      case EXP -> { for (int i = 0; i < bound; i += L) VMath.exp(load(x, xo + i)).intoArray(y, yo + i); }
      case LOG -> { for (int i = 0; i < bound; i += L) VMath.log(load(x, xo + i)).intoArray(y, yo + i); }
      case SQRT -> { for (int i = 0; i < bound; i += L) load(x, xo + i).sqrt().intoArray(y, yo + i); }
      case RSQRT -> { FloatVector one = FloatVector.broadcast(S, 1f); for (int i = 0; i < bound; i += L) one.div(load(x, xo + i).sqrt()).intoArray(y, yo + i); }
      case TANH -> { for (int i = 0; i < bound; i += L) VMath.tanh(load(x, xo + i)).intoArray(y, yo + i); }
      case SIGMOID -> { for (int i = 0; i < bound; i += L) sigmoid(load(x, xo + i)).intoArray(y, yo + i); }
      case RELU -> { for (int i = 0; i < bound; i += L) load(x, xo + i).max(0f).intoArray(y, yo + i); }
      case GELU -> { for (int i = 0; i < bound; i += L) { FloatVector v = load(x, xo + i); v.mul(normalCdf(v)).intoArray(y, yo + i); } }
      case GELU_TANH -> { for (int i = 0; i < bound; i += L) geluTanh(load(x, xo + i)).intoArray(y, yo + i); }
      case POW -> bound = 0; // Math.pow per element: SVML's vector pow differs between JIT tiers
      case SQUARE -> { for (int i = 0; i < bound; i += L) { FloatVector v = load(x, xo + i); v.mul(v).intoArray(y, yo + i); } }
      case RECIPROCAL -> { FloatVector one = FloatVector.broadcast(S, 1f); for (int i = 0; i < bound; i += L) one.div(load(x, xo + i)).intoArray(y, yo + i); }
      case ADD_SCALAR -> { for (int i = 0; i < bound; i += L) load(x, xo + i).add(p).intoArray(y, yo + i); }
      case MUL_SCALAR -> { for (int i = 0; i < bound; i += L) load(x, xo + i).mul(p).intoArray(y, yo + i); }
      case DIV_SCALAR -> { for (int i = 0; i < bound; i += L) load(x, xo + i).div(p).intoArray(y, yo + i); }
    }
    for (int i = bound; i < n; i++) y[yo + i] = scalar(op, p, x[xo + i]);
  }

  /** The vector body of {@link #backward} for the ops on training hot paths; others go scalar. */
  public static void backwardVector(Op op, float p, float[] x, int xo, float[] y, int yo, float[] dy, int dyo,
      float[] dx, int dxo, int n) {
    int bound = S.loopBound(n);
    switch (op) {
      case RELU -> {
        for (int i = 0; i < bound; i += L) {
          VectorMask<Float> pos = load(x, xo + i).compare(VectorOperators.GT, 0f);
          FloatVector.zero(S).blend(load(dy, dyo + i), pos).intoArray(dx, dxo + i);
        }
      }
      case TANH -> {
        for (int i = 0; i < bound; i += L) {
          FloatVector t = load(y, yo + i);
          load(dy, dyo + i).mul(fma(t, t.neg(), 1f)).intoArray(dx, dxo + i);
        }
      }
      case SIGMOID -> {
        for (int i = 0; i < bound; i += L) {
          FloatVector s = load(y, yo + i);
          load(dy, dyo + i).mul(s.mul(s.neg().add(1f))).intoArray(dx, dxo + i);
        }
      }
      case EXP -> { for (int i = 0; i < bound; i += L) load(dy, dyo + i).mul(load(y, yo + i)).intoArray(dx, dxo + i); }
      case GELU -> {
        for (int i = 0; i < bound; i += L) {
          FloatVector v = load(x, xo + i);
          FloatVector pdf = VMath.exp(v.mul(v).mul(-0.5f)).mul(INV_SQRT_2PI);
          load(dy, dyo + i).mul(v.fma(pdf, normalCdf(v))).intoArray(dx, dxo + i);
        }
      }
      case GELU_TANH -> {
        for (int i = 0; i < bound; i += L) {
          FloatVector v = load(x, xo + i);
          FloatVector v2 = v.mul(v);
          FloatVector t = VMath.tanh(v2.fma(GELU_TANH_C, 1f).mul(v).mul(SQRT_2_OVER_PI));
          FloatVector inner = v2.fma(3 * GELU_TANH_C, 1f).mul(SQRT_2_OVER_PI);
          FloatVector d = t.add(1f).mul(0.5f).add(v.mul(0.5f).mul(fma(t, t.neg(), 1f)).mul(inner));
          load(dy, dyo + i).mul(d).intoArray(dx, dxo + i);
        }
      }
      case SQUARE -> { for (int i = 0; i < bound; i += L) load(dy, dyo + i).mul(load(x, xo + i)).mul(2f).intoArray(dx, dxo + i); }
      case MUL_SCALAR -> { for (int i = 0; i < bound; i += L) load(dy, dyo + i).mul(p).intoArray(dx, dxo + i); }
      case DIV_SCALAR -> { for (int i = 0; i < bound; i += L) load(dy, dyo + i).div(p).intoArray(dx, dxo + i); }
      case ADD_SCALAR -> { for (int i = 0; i < bound; i += L) load(dy, dyo + i).intoArray(dx, dxo + i); }
      case NEG -> { for (int i = 0; i < bound; i += L) load(dy, dyo + i).neg().intoArray(dx, dxo + i); }
      default -> bound = 0;
    }
    for (int i = bound; i < n; i++) dx[dxo + i] = grad(op, p, x[xo + i], y[yo + i], dy[dyo + i]);
  }

  /** {@code a * b + c} for a scalar {@code c}. */
  private static FloatVector fma(FloatVector a, FloatVector b, float c) {
    return a.fma(b, FloatVector.broadcast(S, c));
  }

  private static FloatVector load(float[] a, int off) {
    return FloatVector.fromArray(S, a, off);
  }

  private static FloatVector sigmoid(FloatVector v) {
    return VMath.sigmoid(v);
  }

  /** Vector {@code Phi(x)}: the same operations as {@link #normalCdf(float)}. */
  static FloatVector normalCdf(FloatVector x) {
    FloatVector z = x.abs().mul(INV_SQRT_2);
    FloatVector t = FloatVector.broadcast(S, 1f).div(z.fma(0.5f, 1f));
    FloatVector poly = t.fma(ERFC_C[0], ERFC_C[1]);
    for (int i = 2; i < ERFC_C.length; i++) poly = fma(poly, t, ERFC_C[i]);
    FloatVector e = VMath.exp(z.mul(z).neg().add(poly)).mul(t).mul(0.5f);
    return e.neg().add(1f).blend(e, x.compare(VectorOperators.LT, 0f));
  }

  private static FloatVector geluTanh(FloatVector v) {
    FloatVector u = v.mul(v).fma(GELU_TANH_C, 1f).mul(v).mul(SQRT_2_OVER_PI);
    return VMath.tanh(u).add(1f).mul(v).mul(0.5f);
  }
}
