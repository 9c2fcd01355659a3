package org.attention4j.cli.bench;

import java.util.SplittableRandom;

/** Seeded random inputs for benchmarks. */
final class RandomData {
  /** The most elements a Java array can hold on common JVMs. */
  static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

  private RandomData() {}

  /** {@code n} floats uniform in {@code [-1, 1)} from a generator seeded with {@code seed}. */
  static float[] uniform(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) x[i] = (float) (rng.nextDouble() * 2 - 1);
    return x;
  }
}
