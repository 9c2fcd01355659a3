package org.attention4j.attention;

import java.util.Objects;
import java.util.random.RandomGenerator;
import org.attention4j.autograd.GradMode;
import org.attention4j.nn.Linear;
import org.attention4j.nn.Module;
import org.attention4j.tensor.Tensor;

/**
 * Luong et al. (2015), section 3.2, local attention with <b>predictive</b> alignment (local-p).
 * The model predicts the aligned source position from the target state (eq. (9)):
 * {@code p_t = S * sigmoid(v_p^T tanh(W_p h_t))}, with {@code S} the source length; attends to
 * {@code [p_t - D, p_t + D]}; and favours points near {@code p_t} with a Gaussian (eq. (10)):
 * {@code a_t(s) = align(h_t, h_s) exp(-(s - p_t)^2 / (2 sigma^2))}, {@code sigma = D / 2}.
 *
 * <p>The cut to the window is hard (a mask; its position has no gradient) while the Gaussian is
 * differentiable through {@code p_t}, which is how {@code W_p} and {@code v_p} learn. As in the
 * paper the Gaussian multiplies the normalised weights, which therefore sum to at most 1.
 *
 * <p>{@code S} is per batch row: the key-padding length when the mask has one, else {@code Tk}.
 * Source positions are {@code 0 .. S - 1} and {@code p_t} lies in {@code [0, S]}.
 *
 * <p>Parameters: {@code W_p} is the bias-free {@link Linear}{@code (dq, dHidden)} child
 * {@code wp}, {@code v_p} the bias-free {@link Linear}{@code (dHidden, 1)} child {@code vp}.
 */
public final class LocalP extends Module implements Window {
  private final int queryDim;
  private final int halfWidth;
  private final Linear wp;
  private final Linear vp;

  /**
   * @param queryDim {@code dq}, the target state size
   * @param hiddenDim rows of {@code W_p}
   * @param halfWidth {@code D >= 1} (so that {@code sigma = D / 2 > 0})
   * @param rng draws the initial parameters (PyTorch's default Linear initialisation)
   * @throws IllegalArgumentException if a size is out of range
   */
  public LocalP(int queryDim, int hiddenDim, int halfWidth, RandomGenerator rng) {
    if (queryDim <= 0 || hiddenDim <= 0) {
      throw new IllegalArgumentException("LocalP: dims must be positive, got dq " + queryDim + ", hidden " + hiddenDim);
    }
    if (halfWidth < 1) {
      throw new IllegalArgumentException("LocalP: half-width D must be >= 1 (sigma = D / 2 must be positive), got " + halfWidth);
    }
    Objects.requireNonNull(rng, "LocalP: rng is null");
    this.queryDim = queryDim;
    this.halfWidth = halfWidth;
    this.wp = child("wp", new Linear(queryDim, hiddenDim, false, rng));
    this.vp = child("vp", new Linear(hiddenDim, 1, false, rng));
  }

  public int halfWidth() {
    return halfWidth;
  }

  /**
   * The predicted positions {@code p_t = S * sigmoid(v_p^T tanh(W_p h_t))}, differentiable.
   *
   * @param queries {@code (B, Tq, dq)}
   * @param sourceLengths {@code S} per batch row ({@code B} values)
   * @return {@code (B, Tq)}
   * @throws IllegalArgumentException if the shapes do not fit
   */
  public Tensor positions(Tensor queries, int[] sourceLengths) {
    Shapes.lastDim("LocalP", "queries", queries, queryDim);
    int batch = queries.dim(0);
    if (sourceLengths.length != batch) {
      throw new IllegalArgumentException("LocalP: " + sourceLengths.length + " source lengths for batch " + batch);
    }
    float[] s = new float[batch];
    for (int b = 0; b < batch; b++) s[b] = sourceLengths[b];
    Tensor lengths = Tensor.wrap(s, batch, 1);
    Tensor logit = vp.forward(wp.forward(queries).tanh()).squeeze(2); // (B, Tq, dq) -> (B, Tq, hidden) -> (B, Tq)
    return logit.sigmoid().mul(lengths); // (B, Tq) * (B, 1)
  }

  @Override
  public Region region(Tensor queries, int firstQueryPosition, int[] sourceLengths, int keys) {
    Tensor p = positions(queries, sourceLengths);
    Tensor s = Tensor.arange(keys).reshape(1, 1, keys);
    Tensor offset = s.sub(p.unsqueeze(2)); // (1, 1, Tk) - (B, Tq, 1) -> (B, Tq, Tk)
    Tensor allowed;
    try (var _ = GradMode.noGrad()) {
      allowed = offset.detach().abs().le((float) halfWidth);
    }
    double sigma = halfWidth / 2.0;
    Tensor factor = offset.square().mul((float) (-1 / (2 * sigma * sigma))).exp();
    return new Region(allowed, factor, p);
  }

  @Override
  public String toString() {
    return "LocalP(D=" + halfWidth + ")";
  }
}
