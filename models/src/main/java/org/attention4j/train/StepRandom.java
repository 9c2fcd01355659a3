package org.attention4j.train;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A random generator whose stream the trainer restarts before every step, so that what a step
 * draws (dropout masks) depends only on the run's seed and the step number, never on how many
 * numbers earlier steps drew. This is what lets an interrupted run resume bit for bit from
 * counters alone: no generator state is saved.
 *
 * <p>Give the same instance to the model's constructor (its {@link org.attention4j.nn.Dropout}
 * layers keep it) and to {@link Seq2SeqTrainer}:
 *
 * <pre>{@code
 * StepRandom rng = new StepRandom(seed);            // the initial weights come from seed
 * Seq2SeqModel model = Seq2SeqModels.create("bahdanau", sv, tv, 0, Map.of(), rng);
 * new Seq2SeqTrainer(model, rng, ...);              // reseeds rng with derive(seed, DROPOUT, step)
 * }</pre>
 *
 * <p>Not thread-safe, like the generators it wraps (a model draws from one thread).
 */
public final class StepRandom implements RandomGenerator {
  /** Stream of the dropout masks of a step. */
  public static final long DROPOUT = 0x64726f706f7574L;
  /** Stream of an epoch's batch order. */
  public static final long BATCH_ORDER = 0x626174636865L;

  private SplittableRandom current;

  /** A generator that starts as {@code new SplittableRandom(seed)}. */
  public StepRandom(long seed) {
    current = new SplittableRandom(seed);
  }

  /** Restarts the stream as {@code new SplittableRandom(seed)}. */
  public void reseed(long seed) {
    current = new SplittableRandom(seed);
  }

  /**
   * A seed for draw number {@code index} of {@code stream} in a run seeded with {@code seed}:
   * SplitMix64's finaliser over the three, so that nearby inputs give unrelated seeds.
   */
  public static long derive(long seed, long stream, long index) {
    return mix(mix(seed ^ mix(stream)) + index);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  @Override
  public long nextLong() {
    return current.nextLong();
  }

  @Override
  public int nextInt() {
    return current.nextInt();
  }

  @Override
  public int nextInt(int bound) {
    return current.nextInt(bound);
  }

  @Override
  public float nextFloat() {
    return current.nextFloat();
  }

  @Override
  public double nextDouble() {
    return current.nextDouble();
  }

  @Override
  public boolean nextBoolean() {
    return current.nextBoolean();
  }

  @Override
  public double nextGaussian() {
    return current.nextGaussian();
  }
}
