package org.attention4j.nn;

import java.util.Objects;
import java.util.random.RandomGenerator;
import org.attention4j.autograd.GradMode;
import org.attention4j.tensor.Tensor;

/**
 * In-place parameter initialisers, as {@code torch.nn.init}, each drawing from an explicit
 * generator. Every method overwrites all elements of {@code t} without recording gradients and
 * returns {@code t}.
 *
 * <p>Fans follow PyTorch: for a tensor of shape {@code (out, in, k1, k2, ...)} the receptive
 * field is {@code k1 * k2 * ...}, {@code fan_in = in * receptive} and
 * {@code fan_out = out * receptive}. A {@link Linear} weight {@code (out, in)} thus has
 * {@code fan_in = in}.
 */
public final class Init {
  private Init() {}

  /** Which fan {@link #kaimingUniform} and {@link #kaimingNormal} scale by. */
  public enum FanMode {
    /** Preserves the variance of activations in the forward pass. */
    FAN_IN,
    /** Preserves the variance of gradients in the backward pass. */
    FAN_OUT
  }

  /** Nonlinearities and their recommended gains ({@code torch.nn.init.calculate_gain}). */
  public enum Nonlinearity {
    /** Gain 1. */
    LINEAR,
    /** Gain 1. */
    SIGMOID,
    /** Gain 5/3. */
    TANH,
    /** Gain sqrt(2). */
    RELU,
    /** Gain sqrt(2 / (1 + a^2)) for negative slope {@code a}. */
    LEAKY_RELU,
    /** Gain 3/4. */
    SELU;

    /**
     * The gain; {@code param} is the negative slope for {@link #LEAKY_RELU} and ignored otherwise.
     */
    public double gain(double param) {
      return switch (this) {
        case LINEAR, SIGMOID -> 1.0;
        case TANH -> 5.0 / 3.0;
        case RELU -> Math.sqrt(2.0);
        case LEAKY_RELU -> Math.sqrt(2.0 / (1 + param * param));
        case SELU -> 0.75;
      };
    }
  }

  /**
   * {@code {fan_in, fan_out}} of a weight tensor.
   *
   * @throws IllegalArgumentException if {@code t} has fewer than 2 dimensions
   */
  public static int[] fans(Tensor t) {
    if (t.rank() < 2) {
      throw new IllegalArgumentException(
          "Init: fan in and fan out need a tensor with at least 2 dims, got shape " + t.shape());
    }
    int receptive = 1;
    for (int d = 2; d < t.rank(); d++) receptive *= t.dim(d);
    return new int[] {t.dim(1) * receptive, t.dim(0) * receptive};
  }

  /**
   * Glorot &amp; Bengio (2010): {@code U(-a, a)} with {@code a = gain * sqrt(6 / (fan_in + fan_out))}.
   *
   * @throws IllegalArgumentException if {@code t} has fewer than 2 dimensions
   */
  public static Tensor xavierUniform(Tensor t, double gain, RandomGenerator rng) {
    int[] f = fans(t);
    double a = gain * Math.sqrt(6.0 / Math.max(1, f[0] + f[1]));
    return uniform(t, -a, a, rng);
  }

  /**
   * Glorot &amp; Bengio (2010): {@code N(0, std^2)} with {@code std = gain * sqrt(2 / (fan_in + fan_out))}.
   *
   * @throws IllegalArgumentException if {@code t} has fewer than 2 dimensions
   */
  public static Tensor xavierNormal(Tensor t, double gain, RandomGenerator rng) {
    int[] f = fans(t);
    return normal(t, 0, gain * Math.sqrt(2.0 / Math.max(1, f[0] + f[1])), rng);
  }

  /**
   * He et al. (2015): {@code U(-b, b)} with {@code b = gain * sqrt(3 / fan)}, where the gain
   * comes from {@code nonlinearity} and {@code a} (the negative slope of a leaky ReLU). With
   * {@code a = sqrt(5)}, {@code FAN_IN} and {@code LEAKY_RELU} this is PyTorch's default for
   * {@code Linear} weights: {@code U(-1/sqrt(fan_in), 1/sqrt(fan_in))}.
   *
   * @throws IllegalArgumentException if {@code t} has fewer than 2 dimensions
   */
  public static Tensor kaimingUniform(Tensor t, double a, FanMode mode, Nonlinearity nonlinearity, RandomGenerator rng) {
    double std = kaimingStd(t, a, mode, nonlinearity);
    double bound = Math.sqrt(3.0) * std;
    return uniform(t, -bound, bound, rng);
  }

  /**
   * He et al. (2015): {@code N(0, std^2)} with {@code std = gain / sqrt(fan)}.
   *
   * @throws IllegalArgumentException if {@code t} has fewer than 2 dimensions
   */
  public static Tensor kaimingNormal(Tensor t, double a, FanMode mode, Nonlinearity nonlinearity, RandomGenerator rng) {
    return normal(t, 0, kaimingStd(t, a, mode, nonlinearity), rng);
  }

  private static double kaimingStd(Tensor t, double a, FanMode mode, Nonlinearity nonlinearity) {
    int[] f = fans(t);
    int fan = mode == FanMode.FAN_IN ? f[0] : f[1];
    return fan == 0 ? 0 : nonlinearity.gain(a) / Math.sqrt(fan);
  }

  /**
   * {@code N(mean, std^2)}.
   *
   * @throws IllegalArgumentException if {@code std} is negative or not finite
   */
  public static Tensor normal(Tensor t, double mean, double std, RandomGenerator rng) {
    if (!(std >= 0) || Double.isInfinite(std)) {
      throw new IllegalArgumentException("Init.normal: std must be finite and >= 0, got " + std);
    }
    Objects.requireNonNull(rng, "Init.normal: rng is null");
    try (var _ = GradMode.noGrad()) {
      return t.copyFrom(Tensor.randn(rng, t.shape().toArray()).mul((float) std).add((float) mean));
    }
  }

  /**
   * {@code U(lo, hi)}.
   *
   * @throws IllegalArgumentException if {@code lo > hi} or either is not finite
   */
  public static Tensor uniform(Tensor t, double lo, double hi, RandomGenerator rng) {
    if (!(lo <= hi) || Double.isInfinite(lo) || Double.isInfinite(hi)) {
      throw new IllegalArgumentException("Init.uniform: need finite lo <= hi, got [" + lo + ", " + hi + "]");
    }
    Objects.requireNonNull(rng, "Init.uniform: rng is null");
    try (var _ = GradMode.noGrad()) {
      return t.copyFrom(Tensor.uniform(rng, (float) lo, (float) hi, t.shape().toArray()));
    }
  }

  /** Every element {@code value}. */
  public static Tensor constant(Tensor t, double value) {
    try (var _ = GradMode.noGrad()) {
      return t.fill((float) value);
    }
  }

  /** Every element 0. */
  public static Tensor zeros(Tensor t) {
    return constant(t, 0);
  }

  /** Every element 1. */
  public static Tensor ones(Tensor t) {
    return constant(t, 1);
  }
}
