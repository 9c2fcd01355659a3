package org.attention4j.optim;

import static org.attention4j.optim.OptimTesting.assertIae;
import static org.attention4j.optim.OptimTesting.named;
import static org.attention4j.optim.OptimTesting.param;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Values of each {@link LrSchedule} at its key steps, descriptions, and argument checks. */
class LrScheduleTest {
  private static final double TOL = 1e-15;

  @Test
  void constant_sameAtEveryStep() {
    LrSchedule s = LrSchedule.constant(0.01);
    assertEquals(0.01, s.lr(1));
    assertEquals(0.01, s.lr(1_000_000));
    assertEquals("constant(lr=0.01)", s.describe());
  }

  @Test
  void linearWarmupDecay_keySteps() {
    LrSchedule s = LrSchedule.linearWarmupDecay(1e-3, 10, 110, 1e-4);
    assertEquals(1e-4, s.lr(1), TOL);          // peak / warmup
    assertEquals(5e-4, s.lr(5), TOL);          // warm-up midpoint
    assertEquals(1e-3, s.lr(10));              // peak, exactly
    assertEquals(5.5e-4, s.lr(60), TOL);       // decay midpoint: (peak + end) / 2
    assertEquals(1e-4, s.lr(110));             // end, exactly
    assertEquals(1e-4, s.lr(500));             // and after
    assertEquals("linearWarmupDecay(peak=0.001, warmupSteps=10, totalSteps=110, endLr=1.0E-4)", s.describe());
  }

  @Test
  void linearWarmupDecay_noWarmup_startsAtPeak() {
    LrSchedule s = LrSchedule.linearWarmupDecay(0.1, 0, 10, 0);
    assertEquals(0.09, s.lr(1), TOL);
    assertEquals(0.0, s.lr(10));
  }

  @Test
  void inverseSqrt_matchesNoamFormula() {
    LrSchedule s = LrSchedule.inverseSqrt(512, 4000, 2.0);
    double scale = 2.0 / Math.sqrt(512);
    assertEquals(scale * 1 / Math.pow(4000, 1.5), s.lr(1), TOL);
    assertEquals(scale * 2000 / Math.pow(4000, 1.5), s.lr(2000), TOL);
    double peak = scale / Math.sqrt(4000);
    assertEquals(peak, s.lr(4000), 1e-12 * peak);
    assertEquals(scale / Math.sqrt(16000), s.lr(16000), TOL); // half the peak at 4x warm-up
    assertEquals(peak / 2, s.lr(16000), 1e-12 * peak);
    assertEquals("inverseSqrt(dModel=512, warmupSteps=4000, factor=2.0)", s.describe());
  }

  @Test
  void cosine_keySteps() {
    LrSchedule s = LrSchedule.cosine(1.0, 100, 1100, 0.1);
    assertEquals(0.01, s.lr(1), TOL);
    assertEquals(1.0, s.lr(100));
    assertEquals(0.55, s.lr(600), 1e-12);                                         // half way: (peak + min) / 2
    assertEquals(0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI / 4)), s.lr(350), 1e-12); // a quarter of the way
    assertEquals(0.1, s.lr(1100));
    assertEquals(0.1, s.lr(5000));
    assertEquals("cosine(peak=1.0, warmupSteps=100, totalSteps=1100, minLr=0.1)", s.describe());
  }

  @Test
  void applyTo_setsRateOfNextStep() {
    var p = param(new float[] {1f});
    SGD sgd = new SGD(named("p", p), 1.0);
    LrSchedule s = LrSchedule.linearWarmupDecay(1.0, 4, 8, 0);
    assertEquals(0.25, s.applyTo(sgd));
    assertEquals(0.25, sgd.lr());
    OptimTesting.setGrad(p, 1f);
    sgd.step();
    assertEquals(0.5, s.applyTo(sgd));
  }

  @Test
  void lr_stepBelowOne_throws() {
    assertIae("cosine: step must be >= 1 (steps count from 1), got 0", () -> LrSchedule.cosine(1, 1, 2, 0).lr(0));
    assertIae("constant: step must be >= 1 (steps count from 1), got -3", () -> LrSchedule.constant(1).lr(-3));
  }

  @Test
  void factories_invalidArguments_throwWithRule() {
    assertIae("constant: lr must be finite and >= 0, got -1.0", () -> LrSchedule.constant(-1));
    assertIae("linearWarmupDecay: totalSteps (50) must be >= warmupSteps (100)",
        () -> LrSchedule.linearWarmupDecay(1e-3, 100, 50, 0));
    assertIae("linearWarmupDecay: warmupSteps must be >= 0, got -1", () -> LrSchedule.linearWarmupDecay(1e-3, -1, 50, 0));
    assertIae("linearWarmupDecay: totalSteps must be >= 1, got 0", () -> LrSchedule.linearWarmupDecay(1e-3, 0, 0, 0));
    assertIae("linearWarmupDecay: endLr (0.1) must be <= peak (0.01)", () -> LrSchedule.linearWarmupDecay(0.01, 1, 5, 0.1));
    assertIae("cosine: peak must be finite and >= 0, got NaN", () -> LrSchedule.cosine(Double.NaN, 1, 5, 0));
    assertIae("cosine: minLr must be finite and >= 0, got -0.1", () -> LrSchedule.cosine(1, 1, 5, -0.1));
    assertIae("inverseSqrt: dModel must be >= 1, got 0", () -> LrSchedule.inverseSqrt(0, 4000, 1));
    assertIae("inverseSqrt: warmupSteps must be >= 1, got 0", () -> LrSchedule.inverseSqrt(512, 0, 1));
    assertIae("inverseSqrt: factor must be finite and >= 0, got -2.0", () -> LrSchedule.inverseSqrt(512, 10, -2));
  }
}
