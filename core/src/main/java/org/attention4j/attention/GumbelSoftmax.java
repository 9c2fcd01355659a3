package org.attention4j.attention;

import java.util.Objects;
import java.util.random.RandomGenerator;
import org.attention4j.autograd.GradMode;
import org.attention4j.tensor.Functions;
import org.attention4j.tensor.Tensor;

/**
 * The Gumbel-softmax / Concrete relaxation of sampling one key (Jang, Gu &amp; Poole 2017, eq. (1);
 * Maddison, Mnih &amp; Teh 2017): {@code y = softmax((e + g) / tau)} with i.i.d. standard Gumbel
 * noise {@code g = -log(-log u)}, {@code u ~ U(0, 1)}. As {@code tau -> 0} the weights approach
 * a one-hot sample from {@code softmax(e)}; gradients flow through the soft weights
 * (reparameterisation).
 *
 * <p>With {@code hard = true} (the straight-through estimator, Jang et al. section 2.2) the
 * forward value is exactly the one-hot {@code argmax y} while the backward uses the gradient of
 * the soft {@code y}. Masked keys get {@code -inf} before the softmax; a row with nothing allowed
 * gives zeros in both modes.
 *
 * <p>The noise is drawn from the generator given to the constructor ({@code Tk} draws per row,
 * row-major); {@link #weights(Tensor, Tensor, Tensor)} takes the noise explicitly instead.
 */
public final class GumbelSoftmax implements Normaliser {
  private static final Tensor NEG_INF = Tensor.scalar(Float.NEGATIVE_INFINITY);

  private final float tau;
  private final boolean hard;
  private final RandomGenerator rng;

  /**
   * @param tau the temperature, {@code > 0}
   * @param hard whether to return straight-through one-hot weights
   * @param rng draws the Gumbel noise
   * @throws IllegalArgumentException if {@code tau} is not positive and finite
   */
  public GumbelSoftmax(double tau, boolean hard, RandomGenerator rng) {
    if (!(tau > 0) || Double.isInfinite(tau)) {
      throw new IllegalArgumentException("GumbelSoftmax: temperature must be finite and > 0, got " + tau);
    }
    this.tau = (float) tau;
    this.hard = hard;
    this.rng = Objects.requireNonNull(rng, "GumbelSoftmax: rng is null");
  }

  /** Draws fresh noise from this normaliser's generator. */
  @Override
  public Tensor weights(Tensor scores, Tensor allowed) {
    return weights(scores, allowed, noise(rng, scores.shape().toArray()));
  }

  /**
   * The weights for given noise (for reproducible checks).
   *
   * @param noise the scores' shape (standard Gumbel samples, see {@link #noise})
   * @throws IllegalArgumentException if the shapes do not fit
   */
  public Tensor weights(Tensor scores, Tensor allowed, Tensor noise) {
    Shapes.allowed("GumbelSoftmax", allowed, scores);
    if (!noise.shape().equals(scores.shape())) {
      throw new IllegalArgumentException("GumbelSoftmax: noise " + noise.shape() + " must have the scores' shape " + scores.shape());
    }
    Tensor logits = scores.add(noise.detach()).div(tau);
    if (allowed != null) logits = Tensor.where(allowed, logits, NEG_INF);
    Tensor soft = logits.softmax(-1);
    if (!hard) return soft;
    Tensor oneHot;
    try (var _ = GradMode.noGrad()) {
      float[] y = soft.toArray();
      float[] nonZero = new float[y.length]; // a row of zeros (nothing allowed) stays zero
      for (int i = 0; i < y.length; i++) nonZero[i] = y[i] > 0f ? 1f : 0f;
      oneHot = HardArgmax.oneHot(y, nonZero, scores.shape().toArray());
    }
    // Straight-through: the value is the one-hot, the gradient is the soft weights'.
    return Functions.record("gumbel_straight_through", oneHot, (g, needs) -> new Tensor[] {g}, soft);
  }

  /**
   * Standard Gumbel noise {@code -log(-log u)} of the given shape, one {@code nextDouble()} per
   * element in row-major order ({@code u = 0} is replaced by the smallest positive double).
   */
  public static Tensor noise(RandomGenerator rng, int... shape) {
    Tensor out = Tensor.zeros(shape);
    float[] d = out.storage();
    for (int i = 0; i < d.length; i++) {
      double u = rng.nextDouble();
      if (u == 0) u = Double.MIN_VALUE;
      d[i] = (float) -Math.log(-Math.log(u));
    }
    return out;
  }

  public double temperature() {
    return tau;
  }

  public boolean isHard() {
    return hard;
  }

  @Override
  public String toString() {
    return "GumbelSoftmax(tau=" + tau + (hard ? ", hard" : "") + ")";
  }
}
