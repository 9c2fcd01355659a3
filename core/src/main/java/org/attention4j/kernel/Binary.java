package org.attention4j.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Elementwise binary kernels over one row: {@code c[co + i] = a[ao + i*as] (op) b[bo + i*bs]}
 * for {@code i < n}. Input strides of 1 (contiguous) and 0 (a broadcast scalar) take the vector
 * body; any other stride takes the scalar loop, which is also the scalar twin.
 */
public final class Binary {
  /** The binary operations with a kernel. */
  public enum Op { ADD, SUB, MUL, DIV, MAX, MIN }

  private static final VectorSpecies<Float> S = Vectors.SPECIES;
  private static final int L = S.length();

  private Binary() {}

  /** Dispatches to the vector kernel or, when vectors are off, the scalar twin. */
  public static void apply(Op op, float[] a, int ao, int as, float[] b, int bo, int bs, float[] c, int co, int n) {
    if (Vectors.ENABLED && as >= 0 && as <= 1 && bs >= 0 && bs <= 1) {
      applyVector(op, a, ao, as, b, bo, bs, c, co, n);
    } else {
      applyScalar(op, a, ao, as, b, bo, bs, c, co, n);
    }
  }

  /** The vector body for strides 0 or 1, with a scalar tail. */
  public static void applyVector(Op op, float[] a, int ao, int as, float[] b, int bo, int bs, float[] c, int co, int n) {
    int bound = S.loopBound(n);
    switch (op) {
      case ADD -> addVector(a, ao, as, b, bo, bs, c, co, bound);
      case SUB -> subVector(a, ao, as, b, bo, bs, c, co, bound);
      case MUL -> mulVector(a, ao, as, b, bo, bs, c, co, bound);
      case DIV -> divVector(a, ao, as, b, bo, bs, c, co, bound);
      case MAX -> maxVector(a, ao, as, b, bo, bs, c, co, bound);
      case MIN -> minVector(a, ao, as, b, bo, bs, c, co, bound);
    }
    for (int i = bound; i < n; i++) c[co + i] = scalar(op, a[ao + i * as], b[bo + i * bs]);
  }

  // One method per operator, so that every vector operation is a compile-time constant and the
  // JIT always emits the machine instruction (a lanewise call with a variable operator falls
  // back to a slow Java loop when not inlined).

  private static void addVector(float[] a, int ao, int as, float[] b, int bo, int bs, float[] c, int co, int bound) {
    if (as == 1 && bs == 1) {
      for (int i = 0; i < bound; i += L) FloatVector.fromArray(S, a, ao + i).add(FloatVector.fromArray(S, b, bo + i)).intoArray(c, co + i);
    } else if (as == 1) {
      FloatVector vb = FloatVector.broadcast(S, b[bo]);
      for (int i = 0; i < bound; i += L) FloatVector.fromArray(S, a, ao + i).add(vb).intoArray(c, co + i);
    } else if (bs == 1) {
      FloatVector va = FloatVector.broadcast(S, a[ao]);
      for (int i = 0; i < bound; i += L) va.add(FloatVector.fromArray(S, b, bo + i)).intoArray(c, co + i);
    } else {
      FloatVector v = FloatVector.broadcast(S, a[ao]).add(FloatVector.broadcast(S, b[bo]));
      for (int i = 0; i < bound; i += L) v.intoArray(c, co + i);
    }
  }

  private static void subVector(float[] a, int ao, int as, float[] b, int bo, int bs, float[] c, int co, int bound) {
    if (as == 1 && bs == 1) {
      for (int i = 0; i < bound; i += L) FloatVector.fromArray(S, a, ao + i).sub(FloatVector.fromArray(S, b, bo + i)).intoArray(c, co + i);
    } else if (as == 1) {
      FloatVector vb = FloatVector.broadcast(S, b[bo]);
      for (int i = 0; i < bound; i += L) FloatVector.fromArray(S, a, ao + i).sub(vb).intoArray(c, co + i);
    } else if (bs == 1) {
      FloatVector va = FloatVector.broadcast(S, a[ao]);
      for (int i = 0; i < bound; i += L) va.sub(FloatVector.fromArray(S, b, bo + i)).intoArray(c, co + i);
    } else {
      FloatVector v = FloatVector.broadcast(S, a[ao]).sub(FloatVector.broadcast(S, b[bo]));
      for (int i = 0; i < bound; i += L) v.intoArray(c, co + i);
    }
  }

  private static void mulVector(float[] a, int ao, int as, float[] b, int bo, int bs, float[] c, int co, int bound) {
    if (as == 1 && bs == 1) {
      for (int i = 0; i < bound; i += L) FloatVector.fromArray(S, a, ao + i).mul(FloatVector.fromArray(S, b, bo + i)).intoArray(c, co + i);
    } else if (as == 1) {
      FloatVector vb = FloatVector.broadcast(S, b[bo]);
      for (int i = 0; i < bound; i += L) FloatVector.fromArray(S, a, ao + i).mul(vb).intoArray(c, co + i);
    } else if (bs == 1) {
      FloatVector va = FloatVector.broadcast(S, a[ao]);
      for (int i = 0; i < bound; i += L) va.mul(FloatVector.fromArray(S, b, bo + i)).intoArray(c, co + i);
    } else {
      FloatVector v = FloatVector.broadcast(S, a[ao]).mul(FloatVector.broadcast(S, b[bo]));
      for (int i = 0; i < bound; i += L) v.intoArray(c, co + i);
    }
  }

  private static void divVector(float[] a, int ao, int as, float[] b, int bo, int bs, float[] c, int co, int bound) {
    if (as == 1 && bs == 1) {
      for (int i = 0; i < bound; i += L) FloatVector.fromArray(S, a, ao + i).div(FloatVector.fromArray(S, b, bo + i)).intoArray(c, co + i);
    } else if (as == 1) {
      FloatVector vb = FloatVector.broadcast(S, b[bo]);
      for (int i = 0; i < bound; i += L) FloatVector.fromArray(S, a, ao + i).div(vb).intoArray(c, co + i);
    } else if (bs == 1) {
      FloatVector va = FloatVector.broadcast(S, a[ao]);
      for (int i = 0; i < bound; i += L) va.div(FloatVector.fromArray(S, b, bo + i)).intoArray(c, co + i);
    } else {
      FloatVector v = FloatVector.broadcast(S, a[ao]).div(FloatVector.broadcast(S, b[bo]));
      for (int i = 0; i < bound; i += L) v.intoArray(c, co + i);
    }
  }

  private static void maxVector(float[] a, int ao, int as, float[] b, int bo, int bs, float[] c, int co, int bound) {
    if (as == 1 && bs == 1) {
      for (int i = 0; i < bound; i += L) FloatVector.fromArray(S, a, ao + i).max(FloatVector.fromArray(S, b, bo + i)).intoArray(c, co + i);
    } else if (as == 1) {
      FloatVector vb = FloatVector.broadcast(S, b[bo]);
      for (int i = 0; i < bound; i += L) FloatVector.fromArray(S, a, ao + i).max(vb).intoArray(c, co + i);
    } else if (bs == 1) {
      FloatVector va = FloatVector.broadcast(S, a[ao]);
      for (int i = 0; i < bound; i += L) va.max(FloatVector.fromArray(S, b, bo + i)).intoArray(c, co + i);
    } else {
      FloatVector v = FloatVector.broadcast(S, a[ao]).max(FloatVector.broadcast(S, b[bo]));
      for (int i = 0; i < bound; i += L) v.intoArray(c, co + i);
    }
  }

  private static void minVector(float[] a, int ao, int as, float[] b, int bo, int bs, float[] c, int co, int bound) {
    if (as == 1 && bs == 1) {
      for (int i = 0; i < bound; i += L) FloatVector.fromArray(S, a, ao + i).min(FloatVector.fromArray(S, b, bo + i)).intoArray(c, co + i);
    } else if (as == 1) {
      FloatVector vb = FloatVector.broadcast(S, b[bo]);
      for (int i = 0; i < bound; i += L) FloatVector.fromArray(S, a, ao + i).min(vb).intoArray(c, co + i);
    } else if (bs == 1) {
      FloatVector va = FloatVector.broadcast(S, a[ao]);
      for (int i = 0; i < bound; i += L) va.min(FloatVector.fromArray(S, b, bo + i)).intoArray(c, co + i);
    } else {
      FloatVector v = FloatVector.broadcast(S, a[ao]).min(FloatVector.broadcast(S, b[bo]));
      for (int i = 0; i < bound; i += L) v.intoArray(c, co + i);
    }
  }

  /** The scalar twin for any strides. */
  public static void applyScalar(Op op, float[] a, int ao, int as, float[] b, int bo, int bs, float[] c, int co, int n) {
    switch (op) {
      case ADD -> { for (int i = 0; i < n; i++) c[co + i] = a[ao + i * as] + b[bo + i * bs]; }
      case SUB -> { for (int i = 0; i < n; i++) c[co + i] = a[ao + i * as] - b[bo + i * bs]; }
      case MUL -> { for (int i = 0; i < n; i++) c[co + i] = a[ao + i * as] * b[bo + i * bs]; }
      case DIV -> { for (int i = 0; i < n; i++) c[co + i] = a[ao + i * as] / b[bo + i * bs]; }
      case MAX -> { for (int i = 0; i < n; i++) c[co + i] = Math.max(a[ao + i * as], b[bo + i * bs]); }
      case MIN -> { for (int i = 0; i < n; i++) c[co + i] = Math.min(a[ao + i * as], b[bo + i * bs]); }
    }
  }

  static float scalar(Op op, float x, float y) {
    return switch (op) {
      case ADD -> x + y;
      case SUB -> x - y;
      case MUL -> x * y;
      case DIV -> x / y;
      case MAX -> Math.max(x, y);
      case MIN -> Math.min(x, y);
    };
  }

  /** {@code y[yo + i] += alpha * x[xo + i*xs]} (axpy); {@code xs} 0 or 1 takes the vector body. */
  public static void axpy(float alpha, float[] x, int xo, int xs, float[] y, int yo, int n) {
    int i = 0;
    if (Vectors.ENABLED && (xs == 1 || xs == 0)) {
      int bound = S.loopBound(n);
      FloatVector va = FloatVector.broadcast(S, alpha);
      if (xs == 1) {
        for (; i < bound; i += L) {
          FloatVector.fromArray(S, x, xo + i).fma(va, FloatVector.fromArray(S, y, yo + i)).intoArray(y, yo + i);
        }
      } else {
        // Fused like the tail and the scalar twin (a rounded alpha * x then add differs by an ulp).
        FloatVector vx = FloatVector.broadcast(S, x[xo]);
        for (; i < bound; i += L) vx.fma(va, FloatVector.fromArray(S, y, yo + i)).intoArray(y, yo + i);
      }
    }
    for (; i < n; i++) y[yo + i] = Math.fma(alpha, x[xo + i * xs], y[yo + i]);
  }

  /** Scalar twin of {@link #axpy}. */
  public static void axpyScalar(float alpha, float[] x, int xo, int xs, float[] y, int yo, int n) {
    for (int i = 0; i < n; i++) y[yo + i] = Math.fma(alpha, x[xo + i * xs], y[yo + i]);
  }

  /** {@code x[xo + i] *= alpha}. */
  public static void scale(float alpha, float[] x, int xo, int n) {
    int i = 0;
    if (Vectors.ENABLED) {
      int bound = S.loopBound(n);
      for (; i < bound; i += L) FloatVector.fromArray(S, x, xo + i).mul(alpha).intoArray(x, xo + i);
    }
    for (; i < n; i++) x[xo + i] *= alpha;
  }

  /** Scalar twin of {@link #scale}. */
  public static void scaleScalar(float alpha, float[] x, int xo, int n) {
    for (int i = 0; i < n; i++) x[xo + i] *= alpha;
  }
}
