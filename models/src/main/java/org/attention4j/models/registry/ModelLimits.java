package org.attention4j.models.registry;

/**
 * The longest sentences a model can take, in tokens (BOS and EOS not counted);
 * {@link Integer#MAX_VALUE} where there is no limit.
 *
 * @param maxSource the most source tokens
 * @param maxTarget the most target tokens {@code y}: the teacher-forced input {@code BOS + y}
 *     and output {@code y + EOS} are one longer
 * @param reason what sets the limits, for error messages ({@code "transformer maxLength 256"});
 *     empty when there is none
 */
public record ModelLimits(int maxSource, int maxTarget, String reason) {
  /** No limit. */
  public static final ModelLimits NONE = new ModelLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, "");

  public ModelLimits {
    if (maxSource < 1 || maxTarget < 0) {
      throw new IllegalArgumentException("ModelLimits: maxSource must be >= 1 and maxTarget >= 0, got "
          + maxSource + " and " + maxTarget);
    }
  }

  /** The most tokens a decoder may generate, EOS included: {@code maxTarget + 1}. */
  public int maxGenerated() {
    return maxTarget == Integer.MAX_VALUE ? Integer.MAX_VALUE : maxTarget + 1;
  }
}
