package org.attention4j.optim;

/**
 * A learning rate as a function of the step.
 *
 * <p><b>Steps count from 1</b>: {@code lr(1)} is the rate of the first update, {@code lr(t)} the
 * rate of update {@code t}, the same {@code t} that Adam's bias correction uses. Before {@link
 * Optimizer#step()} number {@code t = optimizer.stepCount() + 1}, set the rate with {@link
 * #applyTo}:
 *
 * <pre>{@code
 * LrSchedule schedule = LrSchedule.linearWarmupDecay(1e-3, 100, 10_000, 0);
 * for (...) {
 *   loss.backward();
 *   schedule.applyTo(optimizer); // optimizer.setLr(schedule.lr(optimizer.stepCount() + 1))
 *   optimizer.step();
 *   optimizer.zeroGrad();
 * }
 * }</pre>
 *
 * Warm-up phases rise linearly from {@code peak / warmupSteps} at step 1 to {@code peak} at step
 * {@code warmupSteps}; with {@code warmupSteps = 0} the schedule starts at its peak. Past {@code
 * totalSteps} the decaying schedules stay at their final rate. Every factory checks its arguments,
 * and {@link #lr} rejects steps below 1.
 */
@FunctionalInterface
public interface LrSchedule {
  /**
   * The learning rate of update number {@code step}.
   *
   * @throws IllegalArgumentException if {@code step < 1} (for the built-in schedules)
   */
  double lr(int step);

  /** A one-line description for logs, for example {@code cosine(peak=0.001, warmupSteps=100, ...)}. */
  default String describe() {
    return "custom schedule";
  }

  /**
   * Sets the optimiser's learning rate for its next step, {@code lr(optimizer.stepCount() + 1)},
   * and returns it.
   */
  default double applyTo(Optimizer optimizer) {
    double lr = lr(optimizer.stepCount() + 1);
    optimizer.setLr(lr);
    return lr;
  }

  /**
   * The same rate at every step.
   *
   * @throws IllegalArgumentException if {@code lr} is negative or not finite
   */
  static LrSchedule constant(double lr) {
    return new Schedules.Constant(lr);
  }

  /**
   * Linear warm-up to {@code peak} over {@code warmupSteps}, then linear decay to {@code endLr} at
   * {@code totalSteps}, then {@code endLr}:
   * <pre>
   * lr(t) = peak * t / warmupSteps                                              t &lt;= warmupSteps
   *       = endLr + (peak - endLr) * (totalSteps - t) / (totalSteps - warmupSteps)   t &lt;= totalSteps
   *       = endLr                                                               t &gt; totalSteps
   * </pre>
   *
   * @throws IllegalArgumentException if {@code peak} or {@code endLr} is negative or not finite,
   *     {@code endLr > peak}, {@code warmupSteps < 0}, {@code totalSteps < 1} or {@code totalSteps <
   *     warmupSteps}
   */
  static LrSchedule linearWarmupDecay(double peak, int warmupSteps, int totalSteps, double endLr) {
    return new Schedules.LinearWarmupDecay(peak, warmupSteps, totalSteps, endLr);
  }

  /**
   * The schedule of "Attention Is All You Need" (Vaswani et al. 2017, eq. 3; "Noam"): linear
   * warm-up, then decay with the inverse square root of the step.
   * <pre>
   * lr(t) = factor * dModel^-0.5 * min(t^-0.5, t * warmupSteps^-1.5)
   * </pre>
   * The peak, {@code factor / sqrt(dModel * warmupSteps)}, is at {@code t = warmupSteps}. The
   * paper uses {@code factor = 1}, {@code warmupSteps = 4000}.
   *
   * @throws IllegalArgumentException if {@code dModel < 1}, {@code warmupSteps < 1}, or {@code
   *     factor} is negative or not finite
   */
  static LrSchedule inverseSqrt(int dModel, int warmupSteps, double factor) {
    return new Schedules.InverseSqrt(dModel, warmupSteps, factor);
  }

  /**
   * Linear warm-up to {@code peak}, then cosine annealing to {@code minLr} at {@code totalSteps}
   * (Loshchilov &amp; Hutter 2017, SGDR, without restarts), then {@code minLr}:
   * <pre>
   * lr(t) = peak * t / warmupSteps                                           t &lt;= warmupSteps
   *       = minLr + (peak - minLr) * (1 + cos(pi * progress)) / 2,
   *         progress = (t - warmupSteps) / (totalSteps - warmupSteps)        t &lt;= totalSteps
   *       = minLr                                                            t &gt; totalSteps
   * </pre>
   *
   * @throws IllegalArgumentException if {@code peak} or {@code minLr} is negative or not finite,
   *     {@code minLr > peak}, {@code warmupSteps < 0}, {@code totalSteps < 1} or {@code totalSteps <
   *     warmupSteps}
   */
  static LrSchedule cosine(double peak, int warmupSteps, int totalSteps, double minLr) {
    return new Schedules.Cosine(peak, warmupSteps, totalSteps, minLr);
  }
}
