package org.attention4j.optim;

/** The built-in {@link LrSchedule}s: records that check their arguments. */
final class Schedules {
  private Schedules() {}

  static void checkStep(String op, int step) {
    if (step < 1) throw new IllegalArgumentException(op + ": step must be >= 1 (steps count from 1), got " + step);
  }

  /** Checks a warm-up-then-decay schedule's arguments. */
  static void checkWarmupDecay(String op, double peak, int warmupSteps, int totalSteps, String endName, double end) {
    Check.nonNegative(op, "peak", peak);
    Check.nonNegative(op, endName, end);
    if (end > peak) {
      throw new IllegalArgumentException(op + ": " + endName + " (" + end + ") must be <= peak (" + peak + ")");
    }
    Check.atLeast(op, "warmupSteps", warmupSteps, 0);
    Check.atLeast(op, "totalSteps", totalSteps, 1);
    if (totalSteps < warmupSteps) {
      throw new IllegalArgumentException(
          op + ": totalSteps (" + totalSteps + ") must be >= warmupSteps (" + warmupSteps + ")");
    }
  }

  /** {@code peak * t / warmupSteps}: exactly {@code peak} at {@code t = warmupSteps}. */
  static double warmup(double peak, int step, int warmupSteps) {
    return peak * ((double) step / warmupSteps);
  }

  record Constant(double lr) implements LrSchedule {
    Constant {
      Check.nonNegative("constant", "lr", lr);
    }

    @Override
    public double lr(int step) {
      checkStep("constant", step);
      return lr;
    }

    @Override
    public String describe() {
      return "constant(lr=" + lr + ")";
    }

    @Override
    public String toString() {
      return describe();
    }
  }

  record LinearWarmupDecay(double peak, int warmupSteps, int totalSteps, double endLr) implements LrSchedule {
    LinearWarmupDecay {
      checkWarmupDecay("linearWarmupDecay", peak, warmupSteps, totalSteps, "endLr", endLr);
    }

    @Override
    public double lr(int step) {
      checkStep("linearWarmupDecay", step);
      if (step <= warmupSteps) return warmup(peak, step, warmupSteps);
      if (step >= totalSteps) return endLr;
      double remaining = (double) (totalSteps - step) / (totalSteps - warmupSteps);
      return endLr + (peak - endLr) * remaining;
    }

    @Override
    public String describe() {
      return "linearWarmupDecay(peak=" + peak + ", warmupSteps=" + warmupSteps + ", totalSteps=" + totalSteps
          + ", endLr=" + endLr + ")";
    }

    @Override
    public String toString() {
      return describe();
    }
  }

  record InverseSqrt(int dModel, int warmupSteps, double factor) implements LrSchedule {
    InverseSqrt {
      Check.atLeast("inverseSqrt", "dModel", dModel, 1);
      Check.atLeast("inverseSqrt", "warmupSteps", warmupSteps, 1);
      Check.nonNegative("inverseSqrt", "factor", factor);
    }

    @Override
    public double lr(int step) {
      checkStep("inverseSqrt", step);
      double t = step;
      return factor / StrictMath.sqrt(dModel) * Math.min(1 / StrictMath.sqrt(t), t * StrictMath.pow(warmupSteps, -1.5));
    }

    @Override
    public String describe() {
      return "inverseSqrt(dModel=" + dModel + ", warmupSteps=" + warmupSteps + ", factor=" + factor + ")";
    }

    @Override
    public String toString() {
      return describe();
    }
  }

  record Cosine(double peak, int warmupSteps, int totalSteps, double minLr) implements LrSchedule {
    Cosine {
      checkWarmupDecay("cosine", peak, warmupSteps, totalSteps, "minLr", minLr);
    }

    @Override
    public double lr(int step) {
      checkStep("cosine", step);
      if (step <= warmupSteps) return warmup(peak, step, warmupSteps);
      if (step >= totalSteps) return minLr;
      double progress = (double) (step - warmupSteps) / (totalSteps - warmupSteps);
      return minLr + (peak - minLr) * 0.5 * (1 + StrictMath.cos(StrictMath.PI * progress));
    }

    @Override
    public String describe() {
      return "cosine(peak=" + peak + ", warmupSteps=" + warmupSteps + ", totalSteps=" + totalSteps
          + ", minLr=" + minLr + ")";
    }

    @Override
    public String toString() {
      return describe();
    }
  }
}
