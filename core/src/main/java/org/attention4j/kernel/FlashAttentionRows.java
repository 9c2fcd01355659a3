package org.attention4j.kernel;

import static org.attention4j.kernel.FlashAttentionTiles.TILE;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The element-wise passes of {@link FlashAttention} over one score tile stored
 * {@code [key][query]}: {@code n} rows (keys) of {@link FlashAttentionTiles#TILE} lanes (queries).
 * Per-query statistics (running max, running sum, log-sum-exp, {@code D}) are lanes, so every
 * reduction over keys runs down the rows in a fixed order and never across lanes.
 *
 * <p>Each pass has a vector body and a scalar twin ({@code vector == false}) that does the same
 * float operations in the same order, so the two give the same bits. Exponentials go through
 * {@link #expNeg}, which is {@link VMath#exp} restricted to {@code x <= 0} (bit for bit).
 *
 * <p><b>Dropout RNG</b> (counter-based, so the backward pass regenerates the mask without storing
 * it): element {@code (b, h, i, j)} is kept iff {@code (u >>> 8) >= round(p * 2^24)} with
 * {@code u = fmix32(rowKey(key(seed, b, h), j) ^ (i * 0x85EBCA6B))}, where {@code fmix32} is
 * MurmurHash3's 32-bit finaliser, {@code rowKey(key, j) = fmix32(key + j * 0x9E3779B9)} and
 * {@code key(seed, b, h)} is the upper half of SplitMix64's mixer applied to
 * {@code mix64(seed + G (b + 1)) + G (h + 1)}. Kept elements are scaled by {@code 1 / (1 - p)}.
 */
final class FlashAttentionRows {
  private static final VectorSpecies<Float> S = Vectors.SPECIES;
  private static final VectorSpecies<Integer> IS = S.withLanes(int.class);
  private static final int L = Vectors.LANES;
  private static final float NEG_INF = Float.NEGATIVE_INFINITY;
  /** Lane indices {@code 0 .. TILE-1}, as floats and as ints. */
  private static final float[] IOTA = new float[TILE];
  private static final int[] IOTA_INT = new int[TILE];

  static {
    for (int i = 0; i < TILE; i++) {
      IOTA[i] = i;
      IOTA_INT[i] = i;
    }
  }

  private FlashAttentionRows() {}

  // ------------------------------------------------------------------ exp of non-positive values

  private static final float LOG2E = 1.44269504088896341f;
  private static final float LN2_HI = 0.693359375f;
  private static final float LN2_LO = -2.12194440e-4f;
  private static final float ROUND_MAGIC = 12582912f;
  private static final float EXP_LO = -87.3365448f;
  private static final float[] EXP_P = {1.9875691500e-4f, 1.3981999507e-3f, 8.3334519073e-3f,
      4.1665795894e-2f, 1.6666665459e-1f, 5.0000001201e-1f};

  /**
   * {@code exp(x)} for {@code x <= 0} (and {@code -inf}): {@link VMath#exp} restricted to that
   * domain, with the same operations in the same order and so the same bits (a test sweeps the
   * range), minus the work that does not change them here: the clamps (below {@code EXP_LO} the
   * result is replaced by 0 anyway; there is no upper end) and the split of {@code 2^n} into two
   * factors ({@code n >= -126} here, so one exact power of two suffices).
   * Every exponent in the softmax is {@code s - max <= 0}, and the exp is a quarter of the
   * kernel's time.
   *
   * <p>The vector form is written out inside each loop that needs it ({@link #expTile},
   * {@link #expRun}) rather than called: C2 does not always inline a method this large, and a
   * vector passed to a method that was not inlined is boxed on the heap, which is ~40x slower.
   * This vector method is for tests.
   */
  static FloatVector expNeg(FloatVector x) {
    float[] t = new float[L];
    x.intoArray(t, 0);
    expTile(true, t, 1, new float[L], null, L);
    return FloatVector.fromArray(S, t, 0);
  }

  /** Scalar twin of {@link #expNeg(FloatVector)} (equal to {@link VMath#exp(float)} for x <= 0). */
  static float expNeg(float x) {
    if (x < EXP_LO) return 0f;
    float t = Math.fma(x, LOG2E, ROUND_MAGIC);
    float n = t - ROUND_MAGIC;
    int ni = Float.floatToRawIntBits(t) - Float.floatToRawIntBits(ROUND_MAGIC);
    float r = Math.fma(n, -LN2_HI, x);
    r = Math.fma(n, -LN2_LO, r);
    float p = EXP_P[0];
    for (int i = 1; i < EXP_P.length; i++) p = Math.fma(p, r, EXP_P[i]);
    float e = Math.fma(p, r * r, r) + 1f;
    return e * Float.intBitsToFloat((ni + 127) << 23);
  }

  // ------------------------------------------------------------------ masks

  /**
   * Sets {@code s[r][lane]} to {@code -inf} where lane {@code lane} lies outside
   * {@code [lo[r], hi[r]]} (lane bounds relative to the first query of the tile).
   */
  static void maskLanes(boolean vector, float[] s, int n, int[] lo, int[] hi) {
    for (int r = 0; r < n; r++) {
      int base = r * TILE;
      float a = lo[r];
      float z = hi[r];
      if (vector) {
        for (int v = 0; v < TILE; v += L) {
          FloatVector idx = FloatVector.fromArray(S, IOTA, v);
          VectorMask<Float> out = idx.lt(a).or(idx.compare(VectorOperators.GT, z));
          FloatVector.fromArray(S, s, base + v).blend(NEG_INF, out).intoArray(s, base + v);
        }
      } else {
        for (int lane = 0; lane < TILE; lane++) {
          if (IOTA[lane] < a || IOTA[lane] > z) s[base + lane] = NEG_INF;
        }
      }
    }
  }

  // ------------------------------------------------------------------ forward softmax step

  /**
   * One online-softmax step over a tile of scaled scores {@code s} (FlashAttention-2, Alg. 1):
   * {@code m_new = max(m, rowmax)}, {@code alpha = exp(m - m_new)}, {@code P = exp(s - m_new)}
   * (written over {@code s}), {@code l = fma(l, alpha, rowsum(P))}, {@code m = m_new}. A lane whose
   * max is still {@code -inf} uses 0 in place of {@code m_new}, so it gets {@code P = 0} and
   * {@code alpha = 0}, never NaN. {@code safe} and {@code sum} are scratch ({@code TILE} floats).
   */
  static void softmaxStep(boolean vector, float[] s, int n, float[] m, float[] l, float[] alpha, float[] safe,
      float[] sum) {
    // m_new = max(m, s[0], s[1], ...): max is exact, so the vector and scalar orders agree.
    if (vector) {
      for (int v = 0; v < TILE; v += L) {
        FloatVector mOld = FloatVector.fromArray(S, m, v);
        FloatVector mx = mOld;
        for (int r = 0; r < n; r++) mx = mx.max(FloatVector.fromArray(S, s, r * TILE + v));
        mOld.intoArray(alpha, v);
        mx.blend(0f, mx.eq(NEG_INF)).intoArray(safe, v);
        mx.intoArray(m, v);
      }
    } else {
      for (int lane = 0; lane < TILE; lane++) {
        float mNew = m[lane];
        for (int r = 0; r < n; r++) mNew = Math.max(mNew, s[r * TILE + lane]);
        alpha[lane] = m[lane];
        safe[lane] = mNew == NEG_INF ? 0f : mNew;
        m[lane] = mNew;
      }
    }
    expTile(vector, alpha, 1, safe, null, TILE);
    expTile(vector, s, n, safe, sum, TILE);
    for (int lane = 0; lane < TILE; lane++) l[lane] = Math.fma(l[lane], alpha[lane], sum[lane]);
  }

  /**
   * {@code s[r][lane] = exp(s[r][lane] - sub[lane])} for {@code r < n} over rows of
   * {@code width} lanes ({@code TILE}, or 1 vector for tests); with {@code sums}, also
   * {@code sums[lane] = sum_r s[r][lane]} (in row order, from 0).
   */
  static void expTile(boolean vector, float[] s, int n, float[] sub, float[] sums, int width) {
    if (!vector) {
      for (int lane = 0; lane < width; lane++) {
        float acc = 0f;
        for (int r = 0; r < n; r++) {
          int o = r * width + lane;
          s[o] = expNeg(s[o] - sub[lane]);
          acc += s[o];
        }
        if (sums != null) sums[lane] = acc;
      }
      return;
    }
    FloatVector lo = FloatVector.broadcast(S, EXP_LO);
    FloatVector log2e = FloatVector.broadcast(S, LOG2E);
    FloatVector magic = FloatVector.broadcast(S, ROUND_MAGIC);
    FloatVector ln2hi = FloatVector.broadcast(S, -LN2_HI);
    FloatVector ln2lo = FloatVector.broadcast(S, -LN2_LO);
    FloatVector p0 = FloatVector.broadcast(S, EXP_P[0]);
    FloatVector p1 = FloatVector.broadcast(S, EXP_P[1]);
    FloatVector p2 = FloatVector.broadcast(S, EXP_P[2]);
    FloatVector p3 = FloatVector.broadcast(S, EXP_P[3]);
    FloatVector p4 = FloatVector.broadcast(S, EXP_P[4]);
    FloatVector p5 = FloatVector.broadcast(S, EXP_P[5]);
    int magicBits = Float.floatToRawIntBits(ROUND_MAGIC);
    for (int v = 0; v < width; v += L) {
      FloatVector sv = FloatVector.fromArray(S, sub, v);
      FloatVector acc = FloatVector.zero(S);
      for (int r = 0; r < n; r++) {
        int o = r * width + v;
        FloatVector x = FloatVector.fromArray(S, s, o).sub(sv);
        // expNeg(x), written out (see the class comment): the operations of VMath.exp.
        // (VMath's lower clamp is left out: below EXP_LO the blend gives 0 whatever was computed.)
        FloatVector t = x.fma(log2e, magic);
        FloatVector k = t.sub(magic);
        IntVector ki = t.reinterpretAsInts().sub(magicBits);
        FloatVector f = k.fma(ln2hi, x);
        f = k.fma(ln2lo, f);
        FloatVector q = p0.fma(f, p1).fma(f, p2).fma(f, p3).fma(f, p4).fma(f, p5);
        FloatVector e = q.fma(f.mul(f), f).add(1f);
        FloatVector p = e.mul(ki.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats()).blend(0f, x.lt(lo));
        p.intoArray(s, o);
        acc = acc.add(p);
      }
      if (sums != null) acc.intoArray(sums, v);
    }
  }

  /**
   * {@code s[j] = exp(s[j] - sub)} for {@code j} in {@code [from, to)}; returns their sum: one
   * partial sum per lane (lane {@code (j - from) % LANES}) added in {@link VMath#sumLanes(float[])}'s
   * order, then the tail in order.
   */
  static float expRun(boolean vector, float[] s, int from, int to, float sub, float[] lanes) {
    int bound = from + S.loopBound(to - from);
    if (vector) {
      FloatVector lo = FloatVector.broadcast(S, EXP_LO);
      FloatVector log2e = FloatVector.broadcast(S, LOG2E);
      FloatVector magic = FloatVector.broadcast(S, ROUND_MAGIC);
      FloatVector ln2hi = FloatVector.broadcast(S, -LN2_HI);
      FloatVector ln2lo = FloatVector.broadcast(S, -LN2_LO);
      FloatVector p0 = FloatVector.broadcast(S, EXP_P[0]);
      FloatVector p1 = FloatVector.broadcast(S, EXP_P[1]);
      FloatVector p2 = FloatVector.broadcast(S, EXP_P[2]);
      FloatVector p3 = FloatVector.broadcast(S, EXP_P[3]);
      FloatVector p4 = FloatVector.broadcast(S, EXP_P[4]);
      FloatVector p5 = FloatVector.broadcast(S, EXP_P[5]);
      FloatVector sv = FloatVector.broadcast(S, sub);
      int magicBits = Float.floatToRawIntBits(ROUND_MAGIC);
      FloatVector acc = FloatVector.zero(S);
      for (int j = from; j < bound; j += L) {
        FloatVector x = FloatVector.fromArray(S, s, j).sub(sv);
        // expNeg(x), written out as in expTile.
        // (VMath's lower clamp is left out: below EXP_LO the blend gives 0 whatever was computed.)
        FloatVector t = x.fma(log2e, magic);
        FloatVector k = t.sub(magic);
        IntVector ki = t.reinterpretAsInts().sub(magicBits);
        FloatVector f = k.fma(ln2hi, x);
        f = k.fma(ln2lo, f);
        FloatVector q = p0.fma(f, p1).fma(f, p2).fma(f, p3).fma(f, p4).fma(f, p5);
        FloatVector e = q.fma(f.mul(f), f).add(1f);
        FloatVector p = e.mul(ki.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats()).blend(0f, x.lt(lo));
        p.intoArray(s, j);
        acc = acc.add(p);
      }
      acc.intoArray(lanes, 0);
    } else {
      java.util.Arrays.fill(lanes, 0f);
      for (int j = from; j < bound; j++) {
        s[j] = expNeg(s[j] - sub);
        lanes[(j - from) % L] += s[j];
      }
    }
    float sum = VMath.sumLanes(lanes);
    for (int j = bound; j < to; j++) {
      s[j] = expNeg(s[j] - sub);
      sum += s[j];
    }
    return sum;
  }

  /** {@code acc[i][0..width) *= f[i]} for {@code i < rows} (width a multiple of the lanes). */
  static void rescaleRows(boolean vector, float[] acc, int rows, int ld, int width, float[] f) {
    for (int i = 0; i < rows; i++) {
      float x = f[i];
      if (x == 1f) continue;
      int base = i * ld;
      if (vector) {
        for (int c = 0; c < width; c += L) FloatVector.fromArray(S, acc, base + c).mul(x).intoArray(acc, base + c);
      } else {
        for (int c = 0; c < width; c++) acc[base + c] *= x;
      }
    }
  }

  // ------------------------------------------------------------------ recomputed probabilities

  /**
   * {@code P = exp(s - lse)} over the tile, written over {@code s} ({@code lse} is {@code +inf}
   * for lanes that must come out 0).
   */
  static void probs(boolean vector, float[] s, int n, float[] lse) {
    expTile(vector, s, n, lse, null, TILE);
  }

  /** {@code dS = P * (dP - D) * scale}, written over {@code dp}. */
  static void dscores(boolean vector, float[] p, float[] dp, int n, float[] dvec, float scale) {
    if (vector) {
      for (int v = 0; v < TILE; v += L) {
        FloatVector dv = FloatVector.fromArray(S, dvec, v);
        for (int r = 0; r < n; r++) {
          int o = r * TILE + v;
          FloatVector g = FloatVector.fromArray(S, dp, o);
          FloatVector.fromArray(S, p, o).mul(g.sub(dv)).mul(scale).intoArray(dp, o);
        }
      }
    } else {
      for (int lane = 0; lane < TILE; lane++) {
        for (int r = 0; r < n; r++) {
          int o = r * TILE + lane;
          dp[o] = p[o] * (dp[o] - dvec[lane]) * scale;
        }
      }
    }
  }

  /** {@code dvec[lane] += sum_r p[r][lane] * g[r][lane]}, down the rows in order. */
  static void rowDots(boolean vector, float[] p, float[] g, int n, float[] dvec) {
    if (vector) {
      for (int v = 0; v < TILE; v += L) {
        FloatVector acc = FloatVector.fromArray(S, dvec, v);
        for (int r = 0; r < n; r++) {
          int o = r * TILE + v;
          acc = FloatVector.fromArray(S, p, o).fma(FloatVector.fromArray(S, g, o), acc);
        }
        acc.intoArray(dvec, v);
      }
    } else {
      for (int lane = 0; lane < TILE; lane++) {
        float acc = dvec[lane];
        for (int r = 0; r < n; r++) acc = Math.fma(p[r * TILE + lane], g[r * TILE + lane], acc);
        dvec[lane] = acc;
      }
    }
  }

  /**
   * {@code dst[i] = src[i] * f} for {@code i < n}: a vector body and a scalar tail (the twin does
   * the same products).
   */
  static void scaleRow(boolean vector, float[] src, int so, float f, float[] dst, int dOff, int n) {
    int c = 0;
    if (vector) {
      for (int bound = S.loopBound(n); c < bound; c += L) {
        FloatVector.fromArray(S, src, so + c).mul(f).intoArray(dst, dOff + c);
      }
    }
    for (; c < n; c++) dst[dOff + c] = src[so + c] * f;
  }

  /**
   * Dropout on a tile of keys {@code j0..} by queries {@code i0..}: {@code dst = src * keep / (1 - p)}
   * ({@code dst} may be {@code src}).
   */
  static void dropout(boolean vector, float[] src, float[] dst, int n, Dropper drop, int i0, int j0) {
    if (vector) {
      IntVector lanes = IntVector.fromArray(IS, IOTA_INT, 0);
      for (int r = 0; r < n; r++) {
        int key = drop.rowKey(j0 + r);
        for (int v = 0; v < TILE; v += L) {
          IntVector h = lanes.add(i0 + v).mul(0x85EBCA6B).lanewise(VectorOperators.XOR, key);
          h = h.lanewise(VectorOperators.XOR, h.lanewise(VectorOperators.LSHR, 16)).mul(0x85EBCA6B);
          h = h.lanewise(VectorOperators.XOR, h.lanewise(VectorOperators.LSHR, 13)).mul(0xC2B2AE35);
          h = h.lanewise(VectorOperators.XOR, h.lanewise(VectorOperators.LSHR, 16));
          VectorMask<Float> keep = h.lanewise(VectorOperators.LSHR, 8).compare(VectorOperators.GE, drop.threshold).cast(S);
          int o = r * TILE + v;
          FloatVector f = FloatVector.zero(S).blend(drop.keepScale, keep);
          FloatVector.fromArray(S, src, o).mul(f).intoArray(dst, o);
        }
      }
    } else {
      for (int r = 0; r < n; r++) {
        int key = drop.rowKey(j0 + r);
        for (int lane = 0; lane < TILE; lane++) {
          int o = r * TILE + lane;
          dst[o] = src[o] * (drop.kept(key, i0 + lane) ? drop.keepScale : 0f);
        }
      }
    }
  }

  // ------------------------------------------------------------------ dropout

  /** The keep/drop decisions of one (batch row, head): see the class comment. */
  static final class Dropper {
    private final int key;
    final int threshold;
    final float keepScale;

    Dropper(long seed, int b, int h, float rate) {
      this.key = (int) (mix64(mix64(seed + GOLDEN * (b + 1L)) + GOLDEN * (h + 1L)) >>> 32);
      this.threshold = (int) Math.round(rate * 16777216.0);
      this.keepScale = 1f / (1f - rate);
    }

    /** {@code 1 / (1 - p)} if element (query i, key j) is kept, else 0. */
    float factor(int j, int i) {
      return kept(rowKey(j), i) ? keepScale : 0f;
    }

    boolean kept(int rowKey, int i) {
      return (HashDropout.fmix32((i * 0x85EBCA6B) ^ rowKey) >>> 8) >= threshold;
    }

    int rowKey(int j) {
      return HashDropout.fmix32(key + j * 0x9E3779B9);
    }
  }

  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
