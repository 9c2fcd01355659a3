package org.attention4j.optim;

import java.util.Map;
import org.attention4j.tensor.Tensor;

/**
 * AdamW (Loshchilov &amp; Hutter 2019, "Decoupled Weight Decay Regularization"): Adam whose weight
 * decay shrinks the parameter directly instead of passing through the gradient, as PyTorch's
 * {@code torch.optim.AdamW} (no amsgrad). For a parameter {@code p} with gradient {@code g} at its
 * step {@code t = 1, 2, ...}:
 * <pre>
 * p  = p * (1 - lr * weightDecay)
 * m  = beta1 * m + (1 - beta1) * g                  (exp_avg, computed as lerp(m, g, 1 - beta1))
 * v  = beta2 * v + (1 - beta2) * g * g              (exp_avg_sq)
 * stepSize = lr / (1 - beta1^t)
 * denom    = sqrt(v) / sqrt(1 - beta2^t) + eps
 * p  = p - stepSize * m / denom
 * </pre>
 * The decay is scaled by the current learning rate, as in PyTorch (the paper's schedule
 * multiplier {@code eta_t} is folded into {@code lr}).
 *
 * <p>State per updated parameter: {@code exp_avg.<param>}, {@code exp_avg_sq.<param>} tensors
 * and the meta counter {@code step.<param>}.
 */
public final class AdamW extends AdamFamily {
  /** AdamW with PyTorch's defaults: betas (0.9, 0.999), eps 1e-8, weight decay 0.01. */
  public AdamW(Map<String, Tensor> params, double lr) {
    this(params, lr, 0.9, 0.999, 1e-8, 0.01);
  }

  /**
   * AdamW with the given hyper-parameters.
   *
   * @param params the parameters by name (contiguous leaf tensors)
   * @param lr learning rate, {@code >= 0}
   * @param beta1 first-moment decay, in {@code [0, 1)}
   * @param beta2 second-moment decay, in {@code [0, 1)}
   * @param eps denominator term, {@code >= 0}
   * @param weightDecay decoupled decay rate, {@code >= 0}
   * @throws IllegalArgumentException if a hyper-parameter is out of range (for example {@code
   *     AdamW: beta2 must be in [0, 1), got 1.5}), or a parameter is not a contiguous leaf or is
   *     given twice
   */
  public AdamW(Map<String, Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
    super("AdamW", params, lr, beta1, beta2, eps, weightDecay, true);
  }
}
