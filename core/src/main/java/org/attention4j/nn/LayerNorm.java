package org.attention4j.nn;

import org.attention4j.tensor.Tensor;

/**
 * Layer normalisation over the last dimension (Ba, Kiros &amp; Hinton 2016), as PyTorch's
 * {@code nn.LayerNorm(dim)}: {@code y = (x - mean) / sqrt(var + eps) * weight + bias} with the
 * biased variance. Parameters {@code weight (dim)} (ones) and {@code bias (dim)} (zeros) when
 * {@code elementwiseAffine}.
 */
public final class LayerNorm extends Module {
  private final int dim;
  private final float eps;
  private final Tensor weight;
  private final Tensor bias;

  /**
   * @param dim size of the normalised last dimension
   * @param eps added to the variance (PyTorch's default is 1e-5)
   * @param elementwiseAffine whether to learn a per-feature scale and shift
   * @throws IllegalArgumentException if {@code dim} is not positive or {@code eps} is negative
   */
  public LayerNorm(int dim, double eps, boolean elementwiseAffine) {
    if (dim <= 0) throw new IllegalArgumentException("LayerNorm: dim must be positive, got " + dim);
    if (!(eps >= 0) || Double.isInfinite(eps)) {
      throw new IllegalArgumentException("LayerNorm: eps must be finite and >= 0, got " + eps);
    }
    this.dim = dim;
    this.eps = (float) eps;
    this.weight = elementwiseAffine ? parameter("weight", Tensor.ones(dim)) : null;
    this.bias = elementwiseAffine ? parameter("bias", Tensor.zeros(dim)) : null;
  }

  /** {@code LayerNorm(dim, 1e-5, true)}. */
  public LayerNorm(int dim) {
    this(dim, 1e-5, true);
  }

  /**
   * {@code (..., dim) -> (..., dim)}.
   *
   * @throws IllegalArgumentException if the last dim of {@code x} is not {@code dim}
   */
  public Tensor forward(Tensor x) {
    if (x.rank() == 0 || x.dim(-1) != dim) {
      throw new IllegalArgumentException("LayerNorm: input " + x.shape() + " must end in dim = " + dim);
    }
    return x.layerNorm(weight, bias, eps);
  }

  /** {@code (dim)}, or {@code null} without affine parameters. */
  public Tensor weight() {
    return weight;
  }

  /** {@code (dim)}, or {@code null} without affine parameters. */
  public Tensor bias() {
    return bias;
  }

  public float eps() {
    return eps;
  }
}
