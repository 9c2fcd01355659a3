package org.attention4j.nn;

import java.util.Objects;
import java.util.random.RandomGenerator;
import org.attention4j.tensor.Tensor;

/**
 * An affine map {@code y = x W^T + b}, as PyTorch's {@code nn.Linear}: parameters
 * {@code weight (out, in)} and, optionally, {@code bias (out)}.
 *
 * <p>Both are initialised as PyTorch does: {@code kaiming_uniform(a = sqrt(5))} for the weight,
 * which is {@code U(-1/sqrt(in), 1/sqrt(in))}, and the same bound for the bias.
 */
public final class Linear extends Module {
  private final int inFeatures;
  private final int outFeatures;
  private final Tensor weight;
  private final Tensor bias;

  /**
   * @param inFeatures size of the input's last dim
   * @param outFeatures size of the output's last dim
   * @param bias whether to add a learned bias
   * @param rng draws the initial values
   * @throws IllegalArgumentException if a size is not positive
   */
  public Linear(int inFeatures, int outFeatures, boolean bias, RandomGenerator rng) {
    if (inFeatures <= 0 || outFeatures <= 0) {
      throw new IllegalArgumentException(
          "Linear: in_features and out_features must be positive, got " + inFeatures + " and " + outFeatures);
    }
    Objects.requireNonNull(rng, "Linear: rng is null");
    this.inFeatures = inFeatures;
    this.outFeatures = outFeatures;
    this.weight = parameter("weight", Init.kaimingUniform(
        Tensor.zeros(outFeatures, inFeatures), Math.sqrt(5), Init.FanMode.FAN_IN, Init.Nonlinearity.LEAKY_RELU, rng));
    double bound = 1 / Math.sqrt(inFeatures);
    this.bias = bias ? parameter("bias", Init.uniform(Tensor.zeros(outFeatures), -bound, bound, rng)) : null;
  }

  /**
   * {@code (..., in) -> (..., out)}.
   *
   * @throws IllegalArgumentException if the last dim of {@code x} is not {@code in}
   */
  public Tensor forward(Tensor x) {
    if (x.rank() == 0 || x.dim(-1) != inFeatures) {
      throw new IllegalArgumentException(
          "Linear: input " + x.shape() + " must end in in_features = " + inFeatures);
    }
    return apply(x, weight, bias);
  }

  /** The functional form: {@code x @ weight^T (+ bias)}, one fused op ({@link Tensor#linear}). */
  static Tensor apply(Tensor x, Tensor weight, Tensor bias) {
    return x.linear(weight, bias); // (..., in) -> (..., out)
  }

  /** {@code (out, in)}. */
  public Tensor weight() {
    return weight;
  }

  /** {@code (out)}, or {@code null} for a layer without bias. */
  public Tensor bias() {
    return bias;
  }

  public int inFeatures() {
    return inFeatures;
  }

  public int outFeatures() {
    return outFeatures;
  }
}
