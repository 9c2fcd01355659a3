package org.attention4j.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Inverted dropout with a counter-based mask: whether element {@code i} of a tensor is kept is a
 * hash of {@code (seed, i)}, so the mask needs no stream of random draws and no storage. The
 * forward pass and the backward pass recompute the same mask from the seed, any range of elements
 * can be done on any thread in any order, and the result is the same for every thread count.
 *
 * <p>The hash is two rounds of MurmurHash3's 32-bit finaliser {@code fmix32} (A. Appleby), keyed
 * by the two halves of the seed: {@code u = fmix32(fmix32(i * 0x9E3779B9 ^ lo) + hi)}. Element
 * {@code i} is kept when the top 24 bits of {@code u} are at least {@code round(p * 2^24)}, so
 * the keep probability is {@code 1 - p} to within {@code 2^-25}. Kept elements are scaled by
 * {@code 1 / (1 - p)}: {@code y = x * (kept ? scale : 0)}, the multiply of a mask tensor (so a
 * dropped NaN stays NaN and a dropped negative value becomes {@code -0}, as before).
 *
 * <p>The vector body and the scalar twin compute the same integer hash and the same single
 * float multiply, so they agree bit for bit.
 */
public final class HashDropout {
  private static final VectorSpecies<Float> S = Vectors.SPECIES;
  private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, S.vectorShape());
  private static final int L = S.length();
  private static final int GOLDEN = 0x9E3779B9;

  private HashDropout() {}

  /**
   * The mask of one dropout call.
   *
   * @param lo low half of the seed
   * @param hi high half of the seed
   * @param threshold keep when {@code u >>> 8 >= threshold}
   * @param scale the factor of a kept element: {@code 1 / (1 - p)}, or 0 when {@code p == 1}
   */
  public record Mask(int lo, int hi, int threshold, float scale) {
    /**
     * @param seed the stream: the same seed gives the same mask
     * @param p the probability of dropping an element, in {@code [0, 1]}
     * @throws IllegalArgumentException if {@code p} is outside {@code [0, 1]}
     */
    public static Mask of(long seed, float p) {
      if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("dropout: p must be in [0, 1], got " + p);
      int threshold = (int) Math.min(1L << 24, Math.round(p * (double) (1 << 24)));
      return new Mask((int) seed, (int) (seed >>> 32), threshold, p == 1 ? 0f : 1f / (1 - p));
    }

    /** Whether element {@code i} is kept. */
    public boolean kept(int i) {
      return (hash(lo, hi, i) >>> 8) >= threshold;
    }
  }

  /**
   * {@code y[yo + t] = x[xo + t] * (kept(first + t) ? scale : 0)} for {@code t < n}: elements
   * {@code first .. first + n - 1} of a tensor whose element {@code e} is at {@code x[xo - first + e]}.
   * Vector body with a scalar tail, or the scalar twin when vectors are off.
   */
  public static void apply(Mask m, float[] x, int xo, float[] y, int yo, int first, int n) {
    if (Vectors.ENABLED) {
      applyVector(m, x, xo, y, yo, first, n);
    } else {
      applyScalar(m, x, xo, y, yo, first, n);
    }
  }

  /** The vector body of {@link #apply}, with a scalar tail. */
  public static void applyVector(Mask m, float[] x, int xo, float[] y, int yo, int first, int n) {
    IntVector lanes = IntVector.zero(I).addIndex(1);
    IntVector lo = IntVector.broadcast(I, m.lo());
    IntVector hi = IntVector.broadcast(I, m.hi());
    IntVector threshold = IntVector.broadcast(I, m.threshold());
    FloatVector scale = FloatVector.broadcast(S, m.scale());
    FloatVector zero = FloatVector.zero(S);
    int bound = S.loopBound(n);
    int t = 0;
    for (; t < bound; t += L) {
      IntVector i = lanes.add(first + t);
      IntVector u = fmix32(fmix32(i.mul(GOLDEN).lanewise(VectorOperators.XOR, lo)).add(hi));
      VectorMask<Float> keep = u.lanewise(VectorOperators.LSHR, 8).compare(VectorOperators.GE, threshold).cast(S);
      FloatVector f = zero.blend(scale, keep);
      FloatVector.fromArray(S, x, xo + t).mul(f).intoArray(y, yo + t);
    }
    applyScalar(m, x, xo + t, y, yo + t, first + t, n - t);
  }

  /** The scalar twin of {@link #apply}. */
  public static void applyScalar(Mask m, float[] x, int xo, float[] y, int yo, int first, int n) {
    float scale = m.scale();
    for (int t = 0; t < n; t++) y[yo + t] = x[xo + t] * (m.kept(first + t) ? scale : 0f);
  }

  /** {@code fmix32(fmix32(i * GOLDEN ^ lo) + hi)}. */
  static int hash(int lo, int hi, int i) {
    return fmix32(fmix32(i * GOLDEN ^ lo) + hi);
  }

  /** MurmurHash3's 32-bit finaliser. */
  static int fmix32(int h) {
    h ^= h >>> 16;
    h *= 0x85EBCA6B;
    h ^= h >>> 13;
    h *= 0xC2B2AE35;
    return h ^ (h >>> 16);
  }

  private static IntVector fmix32(IntVector h) {
    h = h.lanewise(VectorOperators.XOR, h.lanewise(VectorOperators.LSHR, 16));
    h = h.mul(0x85EBCA6B);
    h = h.lanewise(VectorOperators.XOR, h.lanewise(VectorOperators.LSHR, 13));
    h = h.mul(0xC2B2AE35);
    return h.lanewise(VectorOperators.XOR, h.lanewise(VectorOperators.LSHR, 16));
  }
}
