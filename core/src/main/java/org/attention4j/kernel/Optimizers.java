package org.attention4j.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Fused optimiser updates over contiguous float runs: one pass reads the parameter, its gradient
 * and the optimiser state, and writes the new parameter and state. Each update has a dispatcher
 * (parallel over elements, vector or scalar by {@link Vectors#ENABLED}), a vector body with a
 * scalar tail, and a scalar twin.
 *
 * <p>The float operations follow PyTorch's single-tensor (non-foreach) CPU path op by op, and
 * use a fused multiply-add exactly where PyTorch's vectorised kernels do ({@code add} with
 * {@code alpha}, {@code lerp}). The vector body and the scalar twin perform the same IEEE
 * operations in the same order, so they agree bit for bit; elements are independent, so the
 * result does not depend on the thread count either.
 *
 * <p>The per-step scalars (bias corrections, step size) are computed once, in double as PyTorch
 * computes them in Python, by {@link #adamStep} and {@link #sgdStep}.
 */
public final class Optimizers {
  private static final VectorSpecies<Float> S = Vectors.SPECIES;
  private static final int L = S.length();

  /** Elements per parallel task: below this an update runs on the calling thread. */
  static final int GRAIN = 1 << 15;

  private Optimizers() {}

  // ------------------------------------------------------------------ Adam / AdamW

  /**
   * The float scalars of one Adam or AdamW step.
   *
   * @param lerpWeight {@code 1 - beta1}, the weight of {@code exp_avg.lerp_(grad, 1 - beta1)}
   * @param beta2 decay of the second moment
   * @param oneMinusBeta2 {@code 1 - beta2}
   * @param negStepSize {@code -lr / (1 - beta1^t)}
   * @param bc2Sqrt {@code sqrt(1 - beta2^t)}
   * @param eps added to the denominator after bias correction
   * @param l2 coupled (L2) weight decay added to the gradient, 0 for none
   * @param decay decoupled decay factor {@code 1 - lr * weightDecay} applied to the parameter, 1 for none
   */
  public record AdamStep(float lerpWeight, float beta2, float oneMinusBeta2, float negStepSize, float bc2Sqrt,
      float eps, float l2, float decay) {}

  /**
   * The scalars of Adam step {@code t} (1-based), computed in double and rounded to float as
   * PyTorch does: {@code step_size = lr / (1 - beta1^t)}, {@code bc2_sqrt = sqrt(1 - beta2^t)}.
   *
   * @param decoupled true for AdamW ({@code p *= 1 - lr * wd}), false for Adam ({@code g += wd * p})
   */
  public static AdamStep adamStep(double lr, double beta1, double beta2, double eps, double weightDecay,
      boolean decoupled, int t) {
    double biasCorrection1 = 1 - StrictMath.pow(beta1, t);
    double biasCorrection2 = 1 - StrictMath.pow(beta2, t);
    double stepSize = lr / biasCorrection1;
    return new AdamStep((float) (1 - beta1), (float) beta2, (float) (1 - beta2), (float) -stepSize,
        (float) StrictMath.sqrt(biasCorrection2), (float) eps,
        decoupled ? 0f : (float) weightDecay, decoupled ? (float) (1 - lr * weightDecay) : 1f);
  }

  /**
   * One Adam/AdamW step over {@code n} elements (Kingma &amp; Ba 2015; Loshchilov &amp; Hutter 2019):
   * <pre>
   * p = p * decay                          (AdamW only)
   * g = g + l2 * p                         (Adam with weight decay only)
   * m = lerp(m, g, 1 - beta1)
   * v = v * beta2 + (1 - beta2) * g * g
   * p = p + (-stepSize * m) / (sqrt(v) / bc2Sqrt + eps)
   * </pre>
   * The gradient array is only read. Parallel over elements for large {@code n}.
   */
  public static void adam(AdamStep c, float[] p, int po, float[] g, int go, float[] m, int mo, float[] v, int vo, int n) {
    Parallel.forRange(n, GRAIN, (from, to) -> {
      if (Vectors.ENABLED) {
        adamVector(c, p, po, g, go, m, mo, v, vo, from, to);
      } else {
        adamScalar(c, p, po, g, go, m, mo, v, vo, from, to);
      }
    });
  }

  /** The vector body of {@link #adam} over elements {@code [from, to)}, with a scalar tail. */
  public static void adamVector(AdamStep c, float[] p, int po, float[] g, int go, float[] m, int mo, float[] v, int vo,
      int from, int to) {
    boolean small = Math.abs(c.lerpWeight()) < 0.5f;
    FloatVector coeff = FloatVector.broadcast(S, small ? c.lerpWeight() : c.lerpWeight() - 1f);
    FloatVector beta2 = FloatVector.broadcast(S, c.beta2());
    FloatVector oneMinusBeta2 = FloatVector.broadcast(S, c.oneMinusBeta2());
    FloatVector negStep = FloatVector.broadcast(S, c.negStepSize());
    FloatVector bc2Sqrt = FloatVector.broadcast(S, c.bc2Sqrt());
    FloatVector eps = FloatVector.broadcast(S, c.eps());
    FloatVector l2 = FloatVector.broadcast(S, c.l2());
    FloatVector decay = FloatVector.broadcast(S, c.decay());
    boolean hasL2 = c.l2() != 0f;
    boolean hasDecay = c.decay() != 1f;
    int i = from;
    int bound = from + S.loopBound(to - from);
    for (; i < bound; i += L) {
      FloatVector pv = FloatVector.fromArray(S, p, po + i);
      FloatVector gv = FloatVector.fromArray(S, g, go + i);
      FloatVector mv = FloatVector.fromArray(S, m, mo + i);
      FloatVector vv = FloatVector.fromArray(S, v, vo + i);
      if (hasDecay) pv = pv.mul(decay);
      if (hasL2) gv = pv.fma(l2, gv);
      mv = coeff.fma(gv.sub(mv), small ? mv : gv);
      vv = vv.mul(beta2).add(oneMinusBeta2.mul(gv).mul(gv));
      FloatVector denom = vv.sqrt().div(bc2Sqrt).add(eps);
      pv = pv.add(negStep.mul(mv).div(denom));
      pv.intoArray(p, po + i);
      mv.intoArray(m, mo + i);
      vv.intoArray(v, vo + i);
    }
    adamScalar(c, p, po, g, go, m, mo, v, vo, i, to);
  }

  /** The scalar twin of {@link #adamVector}: the same operations one element at a time. */
  public static void adamScalar(AdamStep c, float[] p, int po, float[] g, int go, float[] m, int mo, float[] v, int vo,
      int from, int to) {
    boolean small = Math.abs(c.lerpWeight()) < 0.5f;
    float coeff = small ? c.lerpWeight() : c.lerpWeight() - 1f;
    boolean hasL2 = c.l2() != 0f;
    boolean hasDecay = c.decay() != 1f;
    for (int i = from; i < to; i++) {
      float pi = p[po + i];
      float gi = g[go + i];
      float mi = m[mo + i];
      float vi = v[vo + i];
      if (hasDecay) pi = pi * c.decay();
      if (hasL2) gi = Math.fma(pi, c.l2(), gi);
      mi = Math.fma(coeff, gi - mi, small ? mi : gi);
      vi = vi * c.beta2() + c.oneMinusBeta2() * gi * gi;
      float denom = (float) Math.sqrt(vi) / c.bc2Sqrt() + c.eps();
      pi = pi + c.negStepSize() * mi / denom;
      p[po + i] = pi;
      m[mo + i] = mi;
      v[vo + i] = vi;
    }
  }

  // ------------------------------------------------------------------ SGD

  /**
   * The float scalars of one SGD step.
   *
   * @param negLr {@code -lr}
   * @param momentum momentum factor, 0 for plain SGD
   * @param oneMinusDampening {@code 1 - dampening}
   * @param weightDecay L2 weight decay added to the gradient, 0 for none
   * @param nesterov whether to use Nesterov momentum
   */
  public record SgdStep(float negLr, float momentum, float oneMinusDampening, float weightDecay, boolean nesterov) {}

  /** The scalars of an SGD step, rounded to float as PyTorch rounds its Python scalars. */
  public static SgdStep sgdStep(double lr, double momentum, double dampening, double weightDecay, boolean nesterov) {
    return new SgdStep((float) -lr, (float) momentum, (float) (1 - dampening), (float) weightDecay, nesterov);
  }

  /**
   * One SGD step over {@code n} elements (PyTorch {@code torch.optim.SGD}):
   * <pre>
   * g = g + weightDecay * p                           (if weightDecay != 0)
   * b = g  (initBuffer)  or  b * momentum + (1 - dampening) * g   (if buf != null)
   * g = g + momentum * b  (nesterov)  or  b           (if buf != null)
   * p = p - lr * g
   * </pre>
   *
   * @param buf the momentum buffer, or {@code null} when momentum is 0
   * @param initBuffer whether this is the buffer's first step (it is set to the gradient)
   */
  public static void sgd(SgdStep c, float[] p, int po, float[] g, int go, float[] buf, int bo, boolean initBuffer, int n) {
    Parallel.forRange(n, GRAIN, (from, to) -> {
      if (Vectors.ENABLED) {
        sgdVector(c, p, po, g, go, buf, bo, initBuffer, from, to);
      } else {
        sgdScalar(c, p, po, g, go, buf, bo, initBuffer, from, to);
      }
    });
  }

  /** The vector body of {@link #sgd} over elements {@code [from, to)}, with a scalar tail. */
  public static void sgdVector(SgdStep c, float[] p, int po, float[] g, int go, float[] buf, int bo, boolean initBuffer,
      int from, int to) {
    FloatVector negLr = FloatVector.broadcast(S, c.negLr());
    FloatVector momentum = FloatVector.broadcast(S, c.momentum());
    FloatVector oneMinusDampening = FloatVector.broadcast(S, c.oneMinusDampening());
    FloatVector wd = FloatVector.broadcast(S, c.weightDecay());
    boolean hasDecay = c.weightDecay() != 0f;
    int i = from;
    int bound = from + S.loopBound(to - from);
    for (; i < bound; i += L) {
      FloatVector pv = FloatVector.fromArray(S, p, po + i);
      FloatVector gv = FloatVector.fromArray(S, g, go + i);
      if (hasDecay) gv = pv.fma(wd, gv);
      if (buf != null) {
        FloatVector bv = initBuffer ? gv : gv.fma(oneMinusDampening, FloatVector.fromArray(S, buf, bo + i).mul(momentum));
        bv.intoArray(buf, bo + i);
        gv = c.nesterov() ? bv.fma(momentum, gv) : bv;
      }
      gv.fma(negLr, pv).intoArray(p, po + i);
    }
    sgdScalar(c, p, po, g, go, buf, bo, initBuffer, i, to);
  }

  /** The scalar twin of {@link #sgdVector}: the same operations one element at a time. */
  public static void sgdScalar(SgdStep c, float[] p, int po, float[] g, int go, float[] buf, int bo, boolean initBuffer,
      int from, int to) {
    boolean hasDecay = c.weightDecay() != 0f;
    for (int i = from; i < to; i++) {
      float pi = p[po + i];
      float gi = g[go + i];
      if (hasDecay) gi = Math.fma(pi, c.weightDecay(), gi);
      if (buf != null) {
        float b = initBuffer ? gi : Math.fma(gi, c.oneMinusDampening(), buf[bo + i] * c.momentum());
        buf[bo + i] = b;
        gi = c.nesterov() ? Math.fma(b, c.momentum(), gi) : b;
      }
      p[po + i] = Math.fma(gi, c.negLr(), pi);
    }
  }
}
