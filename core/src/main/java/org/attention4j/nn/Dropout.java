package org.attention4j.nn;

import java.util.Objects;
import java.util.random.RandomGenerator;
import org.attention4j.tensor.Tensor;

/**
 * Inverted dropout (Srivastava et al. 2014), as PyTorch's {@code nn.Dropout}: in training mode
 * each element is zeroed with probability {@code p} and the rest are scaled by
 * {@code 1 / (1 - p)}; in evaluation mode the input passes through unchanged.
 *
 * <p>The masks come from the generator given to the constructor, so a run is reproducible from
 * its seed.
 */
public final class Dropout extends Module {
  private final float p;
  private final RandomGenerator rng;

  /**
   * @param p probability of zeroing an element
   * @param rng draws the masks
   * @throws IllegalArgumentException if {@code p} is outside {@code [0, 1]}
   */
  public Dropout(double p, RandomGenerator rng) {
    if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("Dropout: p must be in [0, 1], got " + p);
    this.p = (float) p;
    this.rng = Objects.requireNonNull(rng, "Dropout: rng is null");
  }

  /** Same shape as {@code x}. */
  public Tensor forward(Tensor x) {
    return x.dropout(p, isTraining(), rng);
  }

  public float p() {
    return p;
  }
}
