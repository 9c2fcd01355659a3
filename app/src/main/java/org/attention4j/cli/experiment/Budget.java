package org.attention4j.cli.experiment;

import java.util.Locale;

/**
 * How much training each model of a comparison gets. Comparing a model with attention to one
 * without is only fair when both got the same budget; two kinds of equality are offered.
 *
 * <ul>
 *   <li>{@link Kind#TOKENS} (the default): the first model trains for {@code seconds} of wall
 *       time; the step count it reached becomes the step limit of the second. Both trainers
 *       draw the same batches in the same order (same data, same seed, same batcher), so equal
 *       steps mean exactly the same training pairs and the same target tokens. This is the fair
 *       comparison when the models run at different speeds (the plain encoder-decoder does
 *       about twice the steps per second of RNNsearch on a CPU): it compares what each learns
 *       from the same data, not how fast the code runs.
 *   <li>{@link Kind#TIME}: each model trains for {@code seconds}. A faster model sees more data.
 *   <li>{@link Kind#STEPS}: each model trains {@code steps} steps, again the same batches. This
 *       does not depend on the machine's speed or load, so the result is reproducible bit for
 *       bit with the same seed and thread count.
 * </ul>
 *
 * @param kind the kind of equality
 * @param seconds the time limit of the first model (TOKENS) or of each (TIME); unused for STEPS
 * @param steps the steps of each model (STEPS); unused otherwise
 */
record Budget(Kind kind, double seconds, int steps) {
  /** The kinds of equal budget. */
  enum Kind {
    TOKENS, TIME, STEPS;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  Budget {
    if (kind == null) throw new IllegalArgumentException("Budget: kind is null");
    if (kind == Kind.STEPS ? steps < 1 : !(seconds > 0 && Double.isFinite(seconds))) {
      throw new IllegalArgumentException("Budget: " + kind.label() + " needs "
          + (kind == Kind.STEPS ? "steps >= 1, got " + steps : "a positive time, got " + seconds + " s"));
    }
  }

  /** Equal tokens: the first model trains {@code minutes}, the second as many steps. */
  static Budget tokens(double minutes) {
    return new Budget(Kind.TOKENS, minutes * 60, 0);
  }

  /** Equal wall time: each model trains {@code minutes}. */
  static Budget time(double minutes) {
    return new Budget(Kind.TIME, minutes * 60, 0);
  }

  /** Equal steps (and tokens): each model trains {@code steps} steps. */
  static Budget steps(int steps) {
    return new Budget(Kind.STEPS, 0, steps);
  }

  /** The limits of the first model: a time limit, or a step limit for STEPS. */
  Limit first() {
    return kind == Kind.STEPS ? new Limit(0, steps) : new Limit(seconds, 0);
  }

  /** The limits of the second model, given the steps the first one made. */
  Limit second(int firstSteps) {
    return switch (kind) {
      case TOKENS -> new Limit(0, Math.max(1, firstSteps));
      case TIME -> new Limit(seconds, 0);
      case STEPS -> new Limit(0, steps);
    };
  }

  /** One line for the report, e.g. {@code equal tokens: the first model trains 2.5 min, the second as many steps}. */
  String describe() {
    return switch (kind) {
      case TOKENS -> String.format(Locale.ROOT, "equal training tokens: the attention model trains %s, the"
          + " baseline then trains on the same batches (same steps, same target tokens)", minutes(seconds));
      case TIME -> String.format(Locale.ROOT, "equal wall time: %s per model (a faster model sees more data)",
          minutes(seconds));
      case STEPS -> String.format(Locale.ROOT, "equal steps: %d steps per model, the same batches (reproducible)",
          steps);
    };
  }

  static String minutes(double seconds) {
    return seconds >= 60 ? String.format(Locale.ROOT, "%.1f min", seconds / 60)
        : String.format(Locale.ROOT, "%.0f s", seconds);
  }

  /**
   * What one training run may use.
   *
   * @param seconds wall-time limit (0: none)
   * @param steps step limit (0: none)
   */
  record Limit(double seconds, int steps) {}
}
