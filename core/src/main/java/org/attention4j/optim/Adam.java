package org.attention4j.optim;

import java.util.Map;
import org.attention4j.tensor.Tensor;

/**
 * Adam (Kingma &amp; Ba 2015, "Adam: A Method for Stochastic Optimization") with optional L2
 * weight decay added to the gradient, as PyTorch's {@code torch.optim.Adam} (no amsgrad). For a
 * parameter {@code p} with gradient {@code g} at its step {@code t = 1, 2, ...}:
 * <pre>
 * g  = g + weightDecay * p                          (if weightDecay != 0)
 * m  = beta1 * m + (1 - beta1) * g                  (exp_avg, computed as lerp(m, g, 1 - beta1))
 * v  = beta2 * v + (1 - beta2) * g * g              (exp_avg_sq)
 * stepSize = lr / (1 - beta1^t)
 * denom    = sqrt(v) / sqrt(1 - beta2^t) + eps
 * p  = p - stepSize * m / denom
 * </pre>
 * This is PyTorch's order of operations and placement of {@code eps} (after the bias
 * correction); the paper's {@code m̂ / (sqrt(v̂) + eps)} is the same update. With weight decay
 * the penalty passes through the adaptive scaling; for decay that does not, use {@link AdamW}.
 *
 * <p>State per updated parameter: {@code exp_avg.<param>}, {@code exp_avg_sq.<param>} tensors
 * and the meta counter {@code step.<param>}.
 */
public final class Adam extends AdamFamily {
  /** Adam with PyTorch's defaults: betas (0.9, 0.999), eps 1e-8, no weight decay. */
  public Adam(Map<String, Tensor> params, double lr) {
    this(params, lr, 0.9, 0.999, 1e-8, 0);
  }

  /**
   * Adam with the given hyper-parameters.
   *
   * @param params the parameters by name (contiguous leaf tensors)
   * @param lr learning rate, {@code >= 0}
   * @param beta1 first-moment decay, in {@code [0, 1)}
   * @param beta2 second-moment decay, in {@code [0, 1)}
   * @param eps denominator term, {@code >= 0}
   * @param weightDecay L2 penalty added to the gradient, {@code >= 0}
   * @throws IllegalArgumentException if a hyper-parameter is out of range (for example {@code
   *     Adam: beta2 must be in [0, 1), got 1.5}), or a parameter is not a contiguous leaf or is
   *     given twice
   */
  public Adam(Map<String, Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
    super("Adam", params, lr, beta1, beta2, eps, weightDecay, false);
  }
}
