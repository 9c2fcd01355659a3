package org.attention4j.nn;

import java.util.Objects;
import java.util.random.RandomGenerator;
import org.attention4j.tensor.Tensor;

/**
 * A learned absolute position embedding, added to the input (as in BERT and GPT-2): parameter
 * {@code weight (maxLen, d)}, initialised {@code N(0, 0.02^2)} as those models do (PyTorch's
 * plain {@code nn.Embedding} would use {@code N(0, 1)}, too large next to token embeddings of
 * that scale). Loading a checkpoint overwrites it either way.
 */
public final class LearnedPositionalEncoding extends Module {
  /** Standard deviation of the initial values. */
  static final double INIT_STD = 0.02;

  private final int maxLen;
  private final int dim;
  private final Tensor weight;

  /**
   * @param maxLen the number of positions
   * @param dim the model dimension {@code d}
   * @param rng draws the initial values
   * @throws IllegalArgumentException if a size is not positive
   */
  public LearnedPositionalEncoding(int maxLen, int dim, RandomGenerator rng) {
    if (maxLen <= 0 || dim <= 0) {
      throw new IllegalArgumentException(
          "LearnedPositionalEncoding: maxLen and dim must be positive, got " + maxLen + " and " + dim);
    }
    Objects.requireNonNull(rng, "LearnedPositionalEncoding: rng is null");
    this.maxLen = maxLen;
    this.dim = dim;
    this.weight = parameter("weight", Init.normal(Tensor.zeros(maxLen, dim), 0, INIT_STD, rng));
  }

  /**
   * {@code x + weight[:T]}, broadcast over the batch; rows {@code >= T} get no gradient.
   *
   * @param x {@code (B, T, d)} (or {@code (T, d)})
   * @return the same shape as {@code x}
   * @throws IllegalArgumentException if the last dim is not {@code d} or {@code T > maxLen}
   */
  public Tensor forward(Tensor x) {
    if (x.rank() < 2 || x.dim(-1) != dim) {
      throw new IllegalArgumentException(
          "LearnedPositionalEncoding: input must be (batch, time, " + dim + "), got " + x.shape());
    }
    return x.add(PositionalEncodings.rows("LearnedPositionalEncoding", weight, x.dim(-2), maxLen));
  }

  /** {@code (maxLen, d)}. */
  public Tensor weight() {
    return weight;
  }

  public int maxLen() {
    return maxLen;
  }

  public int dim() {
    return dim;
  }
}
