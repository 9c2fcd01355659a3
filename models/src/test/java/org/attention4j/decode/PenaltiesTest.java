package org.attention4j.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PenaltiesTest {
  @Test
  void lengthPenalty_handComputed() {
    assertEquals(1.0, Penalties.lengthPenalty(1, 0.6), 1e-15, "lp(1) = 6^a / 6^a");
    assertEquals(Math.pow(8.0, 0.6) / Math.pow(6.0, 0.6), Penalties.lengthPenalty(3, 0.6), 1e-15);
    assertEquals(1.1884016386440022, Penalties.lengthPenalty(3, 0.6), 1e-12); // (8/6)^0.6
    assertEquals(15.0 / 6.0, Penalties.lengthPenalty(10, 1.0), 1e-15);
    assertEquals(1.0, Penalties.lengthPenalty(40, 0.0));
  }

  @Test
  void coveragePenalty_handComputed() {
    // beta * (log min(0.5, 1) + log min(1.2, 1) + log min(1.0, 1)) = 0.2 * log 0.5
    assertEquals(0.2 * Math.log(0.5), Penalties.coveragePenalty(new double[] {0.5, 1.2, 1.0}, 0.2), 1e-15);
    assertEquals(-0.13862943611198905, Penalties.coveragePenalty(new double[] {0.5, 1.2, 1.0}, 0.2), 1e-15);
    assertEquals(0.0, Penalties.coveragePenalty(new double[] {1.5, 2.0}, 0.7));
    assertEquals(0.0, Penalties.coveragePenalty(new double[] {0.0}, 0.0), "beta 0 ignores the coverage");
    assertEquals(Double.NEGATIVE_INFINITY, Penalties.coveragePenalty(new double[] {0.0, 1.0}, 0.1));
  }

  @Test
  void score_combinesBoth() {
    double s = Penalties.score(-2.4, 3, new double[] {0.5, 1.2, 1.0}, 0.6, 0.2);
    assertEquals(-2.4 / 1.1884016386440022 - 0.13862943611198905, s, 1e-12);
    assertEquals(-2.4, Penalties.score(-2.4, 7, null, 0.0, 0.0));
  }

  @Test
  void weights_mustBeNonNegative() {
    assertEquals("lengthPenalty: alpha must be finite and >= 0, got -0.5",
        assertThrows(IllegalArgumentException.class, () -> Penalties.lengthPenalty(2, -0.5)).getMessage());
    assertEquals("coveragePenalty: beta must be finite and >= 0, got NaN",
        assertThrows(IllegalArgumentException.class, () -> Penalties.coveragePenalty(new double[1], Double.NaN)).getMessage());
  }
}
