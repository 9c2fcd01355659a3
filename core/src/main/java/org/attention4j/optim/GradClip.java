package org.attention4j.optim;

import java.util.Collection;
import org.attention4j.autograd.GradMode;
import org.attention4j.kernel.Parallel;
import org.attention4j.tensor.Tensor;

/**
 * Gradient clipping, as PyTorch's {@code torch.nn.utils.clip_grad_norm_} and {@code
 * clip_grad_value_}. Tensors without a gradient are skipped; gradients are changed in place.
 * Pass {@code optimizer.params().values()} or a module's parameters.
 */
public final class GradClip {
  /** Added to the norm before dividing, as PyTorch does, so a zero norm never divides by zero. */
  static final double NORM_EPS = 1e-6;

  /** Elements per partial sum: fixed, so that the norm does not depend on the thread count. */
  static final int CHUNK = 1 << 16;

  private GradClip() {}

  /**
   * The L2 norm of all gradients taken together, {@code sqrt(sum over tensors of sum g^2)},
   * accumulated in double (so it neither overflows nor loses small terms) in a fixed order.
   */
  public static double globalNorm(Collection<Tensor> params) {
    double sumSq = 0;
    for (Tensor p : params) {
      Tensor g = p.grad();
      if (g != null) sumSq += sumOfSquares(g);
    }
    return Math.sqrt(sumSq);
  }

  /**
   * Scales all gradients by {@code maxNorm / (norm + 1e-6)} when that factor is below 1, where
   * {@code norm} is {@link #globalNorm}; otherwise leaves them alone (Pascanu et al. 2013).
   *
   * <p>A non-finite norm is handled as PyTorch does by default ({@code error_if_nonfinite=False}):
   * the gradients are still scaled, so a NaN norm makes every gradient NaN and an infinite norm
   * makes the finite entries zero (and the infinite ones NaN). Check the returned norm with {@link
   * Double#isFinite} to skip such a step instead.
   *
   * @param maxNorm the largest norm allowed, finite and {@code >= 0}
   * @return the norm before clipping
   * @throws IllegalArgumentException if {@code maxNorm} is negative or not finite
   */
  public static double clipGlobalNorm(Collection<Tensor> params, double maxNorm) {
    Check.nonNegative("clipGlobalNorm", "maxNorm", maxNorm);
    double norm = globalNorm(params);
    double coef = maxNorm / (norm + NORM_EPS);
    if (!(coef >= 1)) { // coef < 1, or NaN as in PyTorch
      float f = (float) coef;
      try (var _ = GradMode.noGrad()) {
        for (Tensor p : params) {
          Tensor g = p.grad();
          if (g != null) g.scaleInPlace(f);
        }
      }
    }
    return norm;
  }

  /**
   * Clamps every gradient element to {@code [-clipValue, clipValue]}; NaN stays NaN.
   *
   * @throws IllegalArgumentException if {@code clipValue} is negative or not finite
   */
  public static void clipValue(Collection<Tensor> params, double clipValue) {
    Check.nonNegative("clipValue", "clipValue", clipValue);
    float c = (float) clipValue;
    try (var _ = GradMode.noGrad()) {
      for (Tensor p : params) {
        Tensor g = p.grad();
        if (g != null) g.copyFrom(g.clamp(-c, c));
      }
    }
  }

  private static double sumOfSquares(Tensor g) {
    float[] a;
    int off;
    if (g.isContiguous()) {
      a = g.storage();
      off = g.storageOffset();
    } else {
      a = g.toArray();
      off = 0;
    }
    int n = g.numel();
    int chunks = (n + CHUNK - 1) / CHUNK;
    double[] partial = new double[chunks];
    Parallel.forEach(chunks, c -> {
      int from = off + c * CHUNK;
      int to = off + Math.min(n, (c + 1) * CHUNK);
      double s = 0;
      for (int i = from; i < to; i++) s += (double) a[i] * a[i];
      partial[c] = s;
    });
    double sum = 0;
    for (double s : partial) sum += s;
    return sum;
  }
}
