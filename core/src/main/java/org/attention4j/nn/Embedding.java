package org.attention4j.nn;

import java.util.Objects;
import java.util.random.RandomGenerator;
import org.attention4j.autograd.GradMode;
import org.attention4j.tensor.IntTensor;
import org.attention4j.tensor.Tensor;

/**
 * A lookup table of learned vectors, as PyTorch's {@code nn.Embedding}: parameter
 * {@code weight (vocab, dim)}, initialised {@code N(0, 1)}.
 *
 * <p>With a padding index, that row starts at zero and never receives a gradient, so it stays
 * as loaded or initialised.
 */
public final class Embedding extends Module {
  private final int numEmbeddings;
  private final int embeddingDim;
  private final int paddingIdx;
  private final Tensor weight;

  /**
   * @param numEmbeddings vocabulary size
   * @param embeddingDim size of each vector
   * @param paddingIdx a row that is zero and gets no gradient, or -1 for none
   * @param rng draws the initial values
   * @throws IllegalArgumentException if a size is not positive or {@code paddingIdx} is outside
   *     {@code [-1, numEmbeddings)}
   */
  public Embedding(int numEmbeddings, int embeddingDim, int paddingIdx, RandomGenerator rng) {
    if (numEmbeddings <= 0 || embeddingDim <= 0) {
      throw new IllegalArgumentException(
          "Embedding: num_embeddings and embedding_dim must be positive, got " + numEmbeddings + " and " + embeddingDim);
    }
    if (paddingIdx < -1 || paddingIdx >= numEmbeddings) {
      throw new IllegalArgumentException(
          "Embedding: padding_idx " + paddingIdx + " is outside [0, " + numEmbeddings + ") and is not -1 (none)");
    }
    Objects.requireNonNull(rng, "Embedding: rng is null");
    this.numEmbeddings = numEmbeddings;
    this.embeddingDim = embeddingDim;
    this.paddingIdx = paddingIdx;
    Tensor w = Init.normal(Tensor.zeros(numEmbeddings, embeddingDim), 0, 1, rng);
    if (paddingIdx >= 0) {
      try (var _ = GradMode.noGrad()) {
        w.select(0, paddingIdx).fill(0f);
      }
    }
    this.weight = parameter("weight", w);
  }

  /**
   * The rows of {@code weight} picked by {@code ids}: {@code ids.shape + (dim)}.
   *
   * @throws IllegalArgumentException if an id is outside {@code [0, vocab)}
   */
  public Tensor forward(IntTensor ids) {
    return Tensor.embedding(weight, ids, paddingIdx);
  }

  /** {@code (vocab, dim)}. */
  public Tensor weight() {
    return weight;
  }

  public int numEmbeddings() {
    return numEmbeddings;
  }

  public int embeddingDim() {
    return embeddingDim;
  }

  /** The padding row, or -1. */
  public int paddingIdx() {
    return paddingIdx;
  }
}
