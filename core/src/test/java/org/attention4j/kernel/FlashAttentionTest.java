package org.attention4j.kernel;

import static org.attention4j.testing.TensorAsserts.assertBitwise;
import static org.attention4j.testing.TensorAsserts.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.attention4j.kernel.FlashAttention.Dense;
import org.attention4j.kernel.FlashAttention.Dims;
import org.attention4j.kernel.FlashAttention.Masking;
import org.attention4j.kernel.FlashAttention.View;
import org.junit.jupiter.api.Test;

/**
 * The fused attention kernel against a plain double-precision reference (forward, backward,
 * weights and their backward), vector kernels against their scalar twins (bitwise), and results
 * against the thread count (bitwise).
 */
class FlashAttentionTest {
  private static final double ATOL = 2e-5;
  private static final double RTOL = 1e-4;

  /** One problem: sizes, mask, dropout, and whether operands are strided views. */
  record Case(int b, int h, int tq, int tk, int d, int dv, Masking mask, float dropout, boolean strided) {
    Dims dims() {
      return new Dims(b, h, tq, tk, d, dv);
    }

    @Override
    public String toString() {
      return "B" + b + " H" + h + " Tq" + tq + " Tk" + tk + " d" + d + " dv" + dv + " " + mask + " p" + dropout
          + (strided ? " strided" : "");
    }
  }

  /** Operands of a case, with the (B, T, H, w+gap) layout for strided views. */
  static final class Data {
    final Case c;
    final View q, k, v, dO;
    final float[] scale = new float[1];

    Data(Case c, long seed) {
      this.c = c;
      var rng = new SplittableRandom(seed);
      q = view(rng, c.b, c.h, c.tq, c.d, c.strided);
      k = view(rng, c.b, c.h, c.tk, c.d, c.strided);
      v = view(rng, c.b, c.h, c.tk, c.dv, c.strided);
      dO = view(rng, c.b, c.h, c.tq, c.dv, false);
      scale[0] = (float) (1 / Math.sqrt(c.d));
    }

    static View view(SplittableRandom rng, int b, int h, int t, int w, boolean strided) {
      if (!strided) return View.contiguous(fill(rng, b * h * t * w), h, t, w);
      int ws = w + 3;
      int off = 5;
      float[] data = fill(rng, off + b * (t * h * ws + 2) + 8);
      return new View(data, off, t * h * ws + 2, ws, h * ws);
    }

    static float[] fill(SplittableRandom rng, int n) {
      float[] a = new float[n];
      for (int i = 0; i < n; i++) a[i] = (float) rng.nextGaussian();
      return a;
    }
  }

  // ------------------------------------------------------------------ reference (double)

  static boolean allowed(Masking m, int b, int h, int i, int j) {
    if (m.causal() && (long) j > (long) i + m.causalOffset()) return false;
    if (m.band() && (j - i < -m.bandLeft() || j - i > m.bandRight())) return false;
    if (m.keyLengths() != null && j >= m.keyLengths()[b]) return false;
    return m.dense() == null || m.dense().at(b, h, i, j) != 0f;
  }

  static double at(View x, int b, int h, int t, int c) {
    return x.data()[x.base(b, h) + t * x.rowStride() + c];
  }

  /** P (before dropout) of one (b, h) as doubles, [tq][tk]; rows with no key are 0. */
  static double[][] probs(Data x, int b, int h) {
    Case c = x.c;
    double[][] p = new double[c.tq][c.tk];
    for (int i = 0; i < c.tq; i++) {
      double m = Double.NEGATIVE_INFINITY;
      double[] s = new double[c.tk];
      for (int j = 0; j < c.tk; j++) {
        if (!allowed(c.mask, b, h, i, j)) {
          s[j] = Double.NEGATIVE_INFINITY;
          continue;
        }
        double dot = 0;
        for (int e = 0; e < c.d; e++) dot += at(x.q, b, h, i, e) * at(x.k, b, h, j, e);
        s[j] = dot * x.scale[0];
        m = Math.max(m, s[j]);
      }
      if (m == Double.NEGATIVE_INFINITY) continue;
      double l = 0;
      for (int j = 0; j < c.tk; j++) l += Math.exp(s[j] - m);
      for (int j = 0; j < c.tk; j++) p[i][j] = Math.exp(s[j] - m) / l;
    }
    return p;
  }

  static double keep(Case c, long seed, int b, int h, int i, int j) {
    if (c.dropout == 0) return 1;
    return new FlashAttentionRows.Dropper(seed, b, h, c.dropout).factor(j, i);
  }

  /** Reference output (B, H, Tq, dv) contiguous, and dq, dk, dv for upstream dO. */
  static float[][] reference(Data x, long seed) {
    Case c = x.c;
    float[] o = new float[c.b * c.h * c.tq * c.dv];
    float[] dq = new float[c.b * c.h * c.tq * c.d];
    float[] dk = new float[c.b * c.h * c.tk * c.d];
    float[] dv = new float[c.b * c.h * c.tk * c.dv];
    for (int b = 0; b < c.b; b++) {
      for (int h = 0; h < c.h; h++) {
        int bh = b * c.h + h;
        double[][] p = probs(x, b, h);
        for (int i = 0; i < c.tq; i++) {
          double[] dpr = new double[c.tk];
          double dsum = 0;
          for (int j = 0; j < c.tk; j++) {
            double z = keep(c, seed, b, h, i, j);
            double dp = 0;
            for (int e = 0; e < c.dv; e++) dp += at(x.dO, b, h, i, e) * at(x.v, b, h, j, e);
            dpr[j] = dp * z;
            dsum += p[i][j] * dpr[j];
          }
          for (int e = 0; e < c.dv; e++) {
            double acc = 0;
            for (int j = 0; j < c.tk; j++) acc += p[i][j] * keep(c, seed, b, h, i, j) * at(x.v, b, h, j, e);
            o[(bh * c.tq + i) * c.dv + e] = (float) acc;
          }
          for (int j = 0; j < c.tk; j++) {
            double ds = p[i][j] * (dpr[j] - dsum) * x.scale[0];
            double pd = p[i][j] * keep(c, seed, b, h, i, j);
            for (int e = 0; e < c.d; e++) {
              dq[(bh * c.tq + i) * c.d + e] += (float) (ds * at(x.k, b, h, j, e));
              dk[(bh * c.tk + j) * c.d + e] += (float) (ds * at(x.q, b, h, i, e));
            }
            for (int e = 0; e < c.dv; e++) dv[(bh * c.tk + j) * c.dv + e] += (float) (pd * at(x.dO, b, h, i, e));
          }
        }
      }
    }
    return new float[][] {o, dq, dk, dv};
  }

  // ------------------------------------------------------------------ running the kernel

  /** Output (B, H, Tq, dv) contiguous, lse, dq, dk, dv (contiguous). */
  static float[][] run(Data x, long seed, boolean vector) {
    Case c = x.c;
    Dims dims = c.dims();
    float[] o = new float[c.b * c.h * c.tq * c.dv];
    float[] lse = new float[c.b * c.h * c.tq];
    View ov = View.contiguous(o, c.h, c.tq, c.dv);
    float[] dq = new float[c.b * c.h * c.tq * c.d];
    float[] dk = new float[c.b * c.h * c.tk * c.d];
    float[] dv = new float[c.b * c.h * c.tk * c.dv];
    float s = x.scale[0];
    if (vector) {
      FlashAttention.forward(dims, x.q, x.k, x.v, c.mask, s, c.dropout, seed, ov, lse);
      FlashAttention.backward(dims, x.q, x.k, x.v, ov, lse, x.dO, c.mask, s, c.dropout, seed,
          View.contiguous(dq, c.h, c.tq, c.d), View.contiguous(dk, c.h, c.tk, c.d), View.contiguous(dv, c.h, c.tk, c.dv));
    } else {
      FlashAttention.forwardScalar(dims, x.q, x.k, x.v, c.mask, s, c.dropout, seed, ov, lse);
      FlashAttention.backwardScalar(dims, x.q, x.k, x.v, ov, lse, x.dO, c.mask, s, c.dropout, seed,
          View.contiguous(dq, c.h, c.tq, c.d), View.contiguous(dk, c.h, c.tk, c.d), View.contiguous(dv, c.h, c.tk, c.dv));
    }
    return new float[][] {o, lse, dq, dk, dv};
  }

  static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    cases.add(new Case(1, 1, 7, 7, 8, 8, Masking.none(), 0f, false));
    cases.add(new Case(2, 3, 65, 63, 33, 8, causal(0), 0f, true));
    cases.add(new Case(1, 2, 64, 130, 64, 64, causal(66), 0f, false));
    cases.add(new Case(2, 1, 130, 65, 8, 33, new Masking(Masking.NO_CAUSAL, -1, -1, new int[] {0, 40}, null), 0f, true));
    cases.add(new Case(1, 2, 257, 257, 64, 33, new Masking(Masking.NO_CAUSAL, 20, 70, null, null), 0f, false));
    cases.add(new Case(1, 1, 63, 130, 33, 64, new Masking(3, 5, 100, new int[] {120}, null), 0f, true));
    cases.add(new Case(2, 2, 65, 64, 64, 64, causal(-3), 0.25f, false));
    cases.add(new Case(1, 1, 1, 257, 64, 64, causal(256), 0.1f, true));
    cases.add(new Case(2, 2, 64, 130, 8, 8, dense(2, 2, 64, 130, 11), 0f, false));
    cases.add(new Case(3, 1, 130, 7, 8, 64, dense(3, 1, 130, 7, 12), 0.5f, true));
    cases.add(new Case(1, 1, 0, 5, 8, 8, Masking.none(), 0f, false));
    cases.add(new Case(1, 1, 5, 0, 8, 8, Masking.none(), 0f, false));
    cases.add(new Case(1, 1, 200, 200, 128, 128, causal(0), 0f, false));
    // Few queries (the row-at-a-time decoding pass): padding with an empty row, a dense mask with dropout.
    cases.add(new Case(2, 1, 3, 100, 33, 40, new Masking(Masking.NO_CAUSAL, -1, -1, new int[] {0, 60}, null), 0f, true));
    cases.add(new Case(2, 2, 4, 130, 33, 8, dense(2, 2, 4, 130, 13), 0.3f, false));
    // A band that leaves the later queries with no key at all (their first key is past Tk).
    cases.add(new Case(2, 1, 130, 7, 8, 8, new Masking(Masking.NO_CAUSAL, 2, 3, null, null), 0f, false));
    // Longer than one key segment of the backward pass.
    cases.add(new Case(1, 2, 70, 2 * FlashAttentionJob.KEY_SEGMENT + 50, 8, 16,
        causal(2 * FlashAttentionJob.KEY_SEGMENT - 20), 0.2f, true));
    // Strided operands one tile wide (K and V read from packed copies) and wider than a tile
    // (read in place).
    cases.add(new Case(2, 2, 130, 150, 64, 64, causal(0), 0f, true));
    cases.add(new Case(1, 2, 70, 90, 96, 72, causal(10), 0.1f, true));
    return cases;
  }

  static Masking causal(int offset) {
    return new Masking(offset, -1, -1, null, null);
  }

  /** A random 0/1 mask (B, 1, Tq, Tk), broadcast over heads, with one empty query row. */
  static Masking dense(int b, int h, int tq, int tk, long seed) {
    var rng = new SplittableRandom(seed);
    float[] m = new float[b * tq * tk];
    for (int i = 0; i < m.length; i++) m[i] = rng.nextDouble() < 0.7 ? 1f : 0f;
    for (int j = 0; j < tk; j++) m[j] = 0f; // query 0 of batch row 0 sees nothing
    return new Masking(Masking.NO_CAUSAL, -1, -1, null, new Dense(m, 0, tq * tk, 0, tk, 1));
  }

  // ------------------------------------------------------------------ tests

  @Test
  void forwardBackward_matchPlainReference() {
    for (Case c : cases()) {
      Data x = new Data(c, 1);
      float[][] got = run(x, 77, true);
      float[][] want = reference(x, 77);
      assertClose(want[0], got[0], ATOL, RTOL, c + " output");
      assertClose(want[1], got[2], ATOL, RTOL, c + " dq");
      assertClose(want[2], got[3], ATOL, RTOL, c + " dk");
      assertClose(want[3], got[4], ATOL, RTOL, c + " dv");
    }
  }

  @Test
  void vectorKernels_matchScalarTwins_bitwise() {
    for (Case c : cases()) {
      Data x = new Data(c, 2);
      float[][] vec = run(x, 5, true);
      float[][] sca = run(x, 5, false);
      String[] names = {"output", "lse", "dq", "dk", "dv"};
      for (int i = 0; i < names.length; i++) assertBitwise(sca[i], vec[i], c + " " + names[i]);
      float[][] wv = weights(x, vec[1], true);
      float[][] ws = weights(x, vec[1], false);
      for (int i = 0; i < wv.length; i++) assertBitwise(ws[i], wv[i], c + " weights part " + i);
    }
  }

  @Test
  void results_doNotDependOnThreadCount_bitwise() {
    int saved = Parallel.threads();
    try {
      List<Case> all = cases();
      for (Case c : List.of(all.get(1), all.get(6), all.get(7), all.get(all.size() - 1))) {
        Data x = new Data(c, 3);
        Parallel.setThreads(1);
        float[][] one = run(x, 9, true);
        float[][] w1 = weights(x, one[1], true);
        for (int threads : new int[] {2, 3}) {
          Parallel.setThreads(threads);
          float[][] many = run(x, 9, true);
          float[][] wm = weights(x, many[1], true);
          for (int i = 0; i < one.length; i++) assertBitwise(one[i], many[i], c + " part " + i + ", threads " + threads);
          for (int i = 0; i < w1.length; i++) assertBitwise(w1[i], wm[i], c + " weights part " + i + ", threads " + threads);
        }
      }
    } finally {
      Parallel.setThreads(saved);
    }
  }

  /** Per-head weights, averaged weights, and dq, dk of sum(G * W) for a fixed G, for both kinds. */
  static float[][] weights(Data x, float[] lse, boolean vector) {
    Case c = x.c;
    float[] per = new float[c.b * c.h * c.tq * c.tk];
    float[] avg = new float[c.b * c.tq * c.tk];
    float[] g = Data.fill(new SplittableRandom(4), c.b * c.h * c.tq * c.tk);
    Dense gPer = new Dense(g, 0, c.h * c.tq * c.tk, c.tq * c.tk, c.tk, 1);
    Dense gAvg = new Dense(g, 0, c.tq * c.tk, 0, c.tk, 1);
    float[][] grads = new float[4][];
    for (int i = 0; i < 4; i += 2) {
      grads[i] = new float[c.b * c.h * c.tq * c.d];
      grads[i + 1] = new float[c.b * c.h * c.tk * c.d];
    }
    View dq0 = View.contiguous(grads[0], c.h, c.tq, c.d), dk0 = View.contiguous(grads[1], c.h, c.tk, c.d);
    View dq1 = View.contiguous(grads[2], c.h, c.tq, c.d), dk1 = View.contiguous(grads[3], c.h, c.tk, c.d);
    float s = x.scale[0];
    if (vector) {
      FlashAttention.weights(c.dims(), x.q, x.k, lse, c.mask, s, false, per);
      FlashAttention.weights(c.dims(), x.q, x.k, lse, c.mask, s, true, avg);
      FlashAttention.weightsBackward(c.dims(), x.q, x.k, lse, c.mask, s, gPer, false, dq0, dk0);
      FlashAttention.weightsBackward(c.dims(), x.q, x.k, lse, c.mask, s, gAvg, true, dq1, dk1);
    } else {
      FlashAttention.weightsScalar(c.dims(), x.q, x.k, lse, c.mask, s, false, per);
      FlashAttention.weightsScalar(c.dims(), x.q, x.k, lse, c.mask, s, true, avg);
      FlashAttention.weightsBackwardScalar(c.dims(), x.q, x.k, lse, c.mask, s, gPer, false, dq0, dk0);
      FlashAttention.weightsBackwardScalar(c.dims(), x.q, x.k, lse, c.mask, s, gAvg, true, dq1, dk1);
    }
    return new float[][] {per, avg, grads[0], grads[1], grads[2], grads[3]};
  }

  @Test
  void weights_andTheirGradients_matchPlainReference() {
    for (Case c : cases()) {
      Data x = new Data(c, 6);
      float[][] out = run(x, 1, true);
      float[][] got = weights(x, out[1], true);
      float[] g = Data.fill(new SplittableRandom(4), c.b * c.h * c.tq * c.tk);
      float[] per = new float[c.b * c.h * c.tq * c.tk];
      float[] avg = new float[c.b * c.tq * c.tk];
      float[] dq = new float[c.b * c.h * c.tq * c.d], dk = new float[c.b * c.h * c.tk * c.d];
      float[] dqa = new float[dq.length], dka = new float[dk.length];
      for (int b = 0; b < c.b; b++) {
        for (int h = 0; h < c.h; h++) {
          int bh = b * c.h + h;
          double[][] p = probs(x, b, h);
          for (int i = 0; i < c.tq; i++) {
            double dot = 0, dotAvg = 0;
            for (int j = 0; j < c.tk; j++) {
              per[(bh * c.tq + i) * c.tk + j] = (float) p[i][j];
              avg[(b * c.tq + i) * c.tk + j] += (float) (p[i][j] / c.h);
              dot += p[i][j] * g[(bh * c.tq + i) * c.tk + j];
              dotAvg += p[i][j] * g[(b * c.tq + i) * c.tk + j] / c.h;
            }
            for (int j = 0; j < c.tk; j++) {
              double ds = p[i][j] * (g[(bh * c.tq + i) * c.tk + j] - dot) * x.scale[0];
              double dsa = p[i][j] * (g[(b * c.tq + i) * c.tk + j] / c.h - dotAvg) * x.scale[0];
              for (int e = 0; e < c.d; e++) {
                dq[(bh * c.tq + i) * c.d + e] += (float) (ds * at(x.k, b, h, j, e));
                dk[(bh * c.tk + j) * c.d + e] += (float) (ds * at(x.q, b, h, i, e));
                dqa[(bh * c.tq + i) * c.d + e] += (float) (dsa * at(x.k, b, h, j, e));
                dka[(bh * c.tk + j) * c.d + e] += (float) (dsa * at(x.q, b, h, i, e));
              }
            }
          }
        }
      }
      assertClose(per, got[0], 1e-6, 1e-5, c + " weights");
      assertClose(avg, got[1], 1e-6, 1e-5, c + " averaged weights");
      assertClose(dq, got[2], ATOL, RTOL, c + " weights dq");
      assertClose(dk, got[3], ATOL, RTOL, c + " weights dk");
      assertClose(dqa, got[4], ATOL, RTOL, c + " averaged weights dq");
      assertClose(dka, got[5], ATOL, RTOL, c + " averaged weights dk");
    }
  }

  /**
   * {@link FlashAttention#forwardWithWeights} into NaN-filled arrays (the weights zero-filled
   * instead when {@code wZeroed}): output, lse, weights.
   */
  static float[][] runWithWeights(Data x, boolean vector, boolean wZeroed) {
    Case c = x.c;
    float[] o = new float[c.b * c.h * c.tq * c.dv];
    float[] lse = new float[c.b * c.h * c.tq];
    float[] w = new float[c.b * c.h * c.tq * c.tk];
    java.util.Arrays.fill(o, Float.NaN); // every element must be written
    java.util.Arrays.fill(lse, Float.NaN);
    if (!wZeroed) java.util.Arrays.fill(w, Float.NaN);
    View ov = View.contiguous(o, c.h, c.tq, c.dv);
    if (vector) FlashAttention.forwardWithWeights(c.dims(), x.q, x.k, x.v, c.mask, x.scale[0], ov, lse, w, wZeroed);
    else FlashAttention.forwardWithWeightsScalar(c.dims(), x.q, x.k, x.v, c.mask, x.scale[0], ov, lse, w, wZeroed);
    return new float[][] {o, lse, w};
  }

  @Test
  void forwardWithWeights_matchesReferenceAndForward_everyElementWritten() {
    for (Case c : cases()) {
      if (c.dropout > 0) continue;
      Data x = new Data(c, 8);
      float[][] flash = run(x, 0, true);
      float[] per = new float[c.b * c.h * c.tq * c.tk];
      for (int b = 0; b < c.b; b++) {
        for (int h = 0; h < c.h; h++) {
          double[][] p = probs(x, b, h);
          for (int i = 0; i < c.tq; i++) {
            for (int j = 0; j < c.tk; j++) per[((b * c.h + h) * c.tq + i) * c.tk + j] = (float) p[i][j];
          }
        }
      }
      for (boolean vector : new boolean[] {true, false}) {
        float[][] got = runWithWeights(x, vector, false);
        String name = c + (vector ? " vector" : " scalar");
        assertClose(reference(x, 0)[0], got[0], ATOL, RTOL, name + " output");
        assertClose(flash[1], got[1], 1e-6, 1e-6, name + " lse");
        assertClose(per, got[2], 1e-6, 1e-5, name + " weights");
        // The weights recomputed from this lse are these weights.
        assertClose(weights(x, got[1], vector)[0], got[2], 1e-6, 1e-5, name + " recomputed weights");
        // Into a zeroed array that the kernel is told about: the same bits.
        float[][] zeroed = runWithWeights(x, vector, true);
        for (int i = 0; i < got.length; i++) assertBitwise(got[i], zeroed[i], name + " zeroed weights, part " + i);
      }
    }
  }

  @Test
  void forwardWithWeights_doesNotDependOnThreadCount_bitwise() {
    int saved = Parallel.threads();
    try {
      Case c = new Case(2, 3, 200, 190, 64, 33, causal(0), 0f, true);
      Data x = new Data(c, 10);
      Parallel.setThreads(1);
      float[][] one = runWithWeights(x, true, false);
      for (int threads : new int[] {2, 3}) {
        Parallel.setThreads(threads);
        float[][] many = runWithWeights(x, true, false);
        for (int i = 0; i < one.length; i++) assertBitwise(one[i], many[i], "part " + i + ", threads " + threads);
      }
    } finally {
      Parallel.setThreads(saved);
    }
  }

  @Test
  void backward_intoStridedOutputViews_matchesContiguousOutputs_bitwise() {
    for (int width : new int[] {64, 33}) {
      Case c = new Case(2, 2, 70, 100, width, width, causal(30), 0f, true);
      Data x = new Data(c, 9);
      float[][] ref = run(x, 0, true);
      int ws = width + 7;
      float[] dq = new float[c.b * c.tq * c.h * ws], dk = new float[c.b * c.tk * c.h * ws], dv = new float[dk.length];
      java.util.Arrays.fill(dq, Float.NaN); // every element of the views must be written
      java.util.Arrays.fill(dk, Float.NaN);
      java.util.Arrays.fill(dv, Float.NaN);
      View o = View.contiguous(ref[0], c.h, c.tq, c.dv);
      FlashAttention.backward(c.dims(), x.q, x.k, x.v, o, ref[1], x.dO, c.mask, x.scale[0], 0f, 0,
          new View(dq, 0, c.tq * c.h * ws, ws, c.h * ws), new View(dk, 0, c.tk * c.h * ws, ws, c.h * ws),
          new View(dv, 0, c.tk * c.h * ws, ws, c.h * ws));
      for (int b = 0; b < c.b; b++) {
        for (int h = 0; h < c.h; h++) {
          for (int t = 0; t < c.tk; t++) {
            for (int e = 0; e < width; e++) {
              int src = ((b * c.h + h) * c.tk + t) * width + e;
              int dst = ((b * c.tk + t) * c.h + h) * ws + e;
              if (t < c.tq) {
                int srcQ = ((b * c.h + h) * c.tq + t) * width + e;
                int dstQ = ((b * c.tq + t) * c.h + h) * ws + e;
                assertEquals(Float.floatToRawIntBits(ref[2][srcQ]), Float.floatToRawIntBits(dq[dstQ]), "dq width " + width);
              }
              assertEquals(Float.floatToRawIntBits(ref[3][src]), Float.floatToRawIntBits(dk[dst]), "dk width " + width);
              assertEquals(Float.floatToRawIntBits(ref[4][src]), Float.floatToRawIntBits(dv[dst]), "dv width " + width);
            }
          }
        }
      }
    }
  }

  @Test
  void queryWithNothingToAttend_getsZeroOutput_minusInfLse_zeroGradients() {
    Case c = new Case(2, 1, 9, 9, 8, 8, new Masking(Masking.NO_CAUSAL, -1, -1, new int[] {9, 0}, null), 0f, false);
    Data x = new Data(c, 7);
    float[][] r = run(x, 0, true);
    for (int i = 0; i < 9; i++) {
      assertEquals(Float.NEGATIVE_INFINITY, r[1][9 + i], "lse of batch row 1");
      for (int e = 0; e < 8; e++) {
        assertEquals(0f, r[0][(9 + i) * 8 + e], "output of batch row 1");
        assertEquals(0f, r[2][(9 + i) * 8 + e], "dq of batch row 1");
        assertEquals(0f, r[3][(9 + i) * 8 + e], "dk of batch row 1");
        assertEquals(0f, r[4][(9 + i) * 8 + e], "dv of batch row 1");
      }
    }
    for (float[] part : r) {
      for (float f : part) assertTrue(!Float.isNaN(f), "no NaN anywhere");
    }
  }

  @Test
  void dropout_keepsAboutOneMinusP_andTheSameSeedGivesTheSameMask() {
    for (float p : new float[] {0.1f, 0.5f, 0.9f}) {
      var a = new FlashAttentionRows.Dropper(123, 1, 2, p);
      var same = new FlashAttentionRows.Dropper(123, 1, 2, p);
      var other = new FlashAttentionRows.Dropper(124, 1, 2, p);
      int kept = 0, total = 0, differ = 0;
      for (int i = 0; i < 300; i++) {
        for (int j = 0; j < 300; j++) {
          float f = a.factor(j, i);
          if (f != 0) kept++;
          total++;
          assertEquals(f, same.factor(j, i));
          if ((f != 0) != (other.factor(j, i) != 0)) differ++;
        }
      }
      double rate = 1 - kept / (double) total;
      assertEquals(p, rate, 0.01, "drop rate for p = " + p);
      assertTrue(differ > total * p * (1 - p), "another seed gives another mask");
    }
  }

  @Test
  void dropoutPass_vectorMatchesScalar() {
    int t = FlashAttentionTiles.TILE;
    var drop = new FlashAttentionRows.Dropper(-5, 0, 3, 0.3f);
    float[] src = Data.fill(new SplittableRandom(3), 40 * t);
    float[] vec = new float[src.length];
    float[] sca = new float[src.length];
    for (int i0 : new int[] {0, 64, 1000}) {
      FlashAttentionRows.dropout(true, src, vec, 40, drop, i0, 7);
      FlashAttentionRows.dropout(false, src, sca, 40, drop, i0, 7);
      assertBitwise(sca, vec, "dropout at i0 " + i0);
      for (int r = 0; r < 40; r++) {
        for (int lane = 0; lane < t; lane++) {
          assertEquals(src[r * t + lane] * drop.factor(7 + r, i0 + lane), vec[r * t + lane]);
        }
      }
    }
  }

  @Test
  void tileKernels_matchScalarTwins_bitwise() {
    int t = FlashAttentionTiles.TILE;
    var rng = new SplittableRandom(8);
    // The 6-row tile and the narrow 2-row one, whichever this CPU's kernels run.
    for (boolean narrow : new boolean[] {false, true}) {
      int mr = narrow ? FlashAttentionNarrowTiles.MR : 6;
      for (boolean add : new boolean[] {false, true}) {
        for (int rows = 1; rows <= mr; rows++) {
          for (int kc : new int[] {0, 1, 7, 64}) {
            String where = (narrow ? "narrow" : "wide") + " add " + add + " rows " + rows + " kc " + kc;
            float[] a = Data.fill(rng, 3 + 70 * 8 + kc * t);
            float[] b = Data.fill(rng, 2 + kc * t + t);
            float[] c0 = Data.fill(rng, 11 + 9 * 100 + t);
            float[] cv = c0.clone(), cs = c0.clone();
            if (narrow) FlashAttentionNarrowTiles.rowsA(rows, kc, a, 3, 70, b, 2, cv, 11, 100, add);
            else FlashAttentionTiles.rowsA(rows, kc, a, 3, 70, b, 2, cv, 11, 100, add);
            FlashAttentionTiles.rowsAScalar(rows, kc, a, 3, 70, b, 2, cs, 11, 100, add);
            assertBitwise(cs, cv, "rowsA " + where);
            cv = c0.clone();
            cs = c0.clone();
            if (narrow) FlashAttentionNarrowTiles.colsA(rows, kc, a, 3, b, 2, cv, 11, 100, add);
            else FlashAttentionTiles.colsA(rows, kc, a, 3, b, 2, cv, 11, 100, add);
            FlashAttentionTiles.colsAScalar(rows, kc, a, 3, b, 2, cs, 11, 100, add);
            assertBitwise(cs, cv, "colsA " + where);
          }
        }
      }
    }
    assertEquals(Vectors.FEW_REGISTERS ? FlashAttentionNarrowTiles.MR : 6, FlashAttentionTiles.MR);
  }

  @Test
  void expNeg_isVMathExp_bitwise_forNonPositiveInputs() {
    List<Float> xs = new ArrayList<>(List.of(0f, -0f, Float.NEGATIVE_INFINITY, -87.3365448f, -87.33655f, -87.3f,
        -100f, -1e-30f, -Float.MIN_VALUE, -103.9f, -88f));
    var rng = new SplittableRandom(10);
    for (int i = 0; i < 20000; i++) xs.add((float) (-rng.nextDouble() * (i % 2 == 0 ? 90 : 2)));
    float[] x = new float[(xs.size() + Vectors.LANES - 1) / Vectors.LANES * Vectors.LANES];
    for (int i = 0; i < xs.size(); i++) x[i] = xs.get(i);
    float[] vec = new float[x.length];
    float[] ref = new float[x.length];
    for (int i = 0; i < x.length; i += Vectors.LANES) {
      var v = jdk.incubator.vector.FloatVector.fromArray(Vectors.SPECIES, x, i);
      FlashAttentionRows.expNeg(v).intoArray(vec, i);
      VMath.exp(v).intoArray(ref, i);
    }
    for (int i = 0; i < x.length; i++) {
      assertEquals(Float.floatToRawIntBits(VMath.exp(x[i])), Float.floatToRawIntBits(FlashAttentionRows.expNeg(x[i])),
          "scalar expNeg(" + x[i] + ")");
    }
    assertBitwise(ref, vec, "vector expNeg");
  }

  @Test
  void forward_viewTooSmall_isRejectedWithSizes() {
    Dims dims = new Dims(1, 1, 4, 4, 8, 8);
    View ok = View.contiguous(new float[32], 1, 4, 8);
    View small = View.contiguous(new float[31], 1, 4, 8);
    var e = assertThrows(IllegalArgumentException.class, () -> FlashAttention.forward(dims, ok, small, ok,
        Masking.none(), 1f, 0f, 0, ok, new float[4]));
    assertEquals("flash attention forward: k of (B, H, T, width) = (1, 1, 4, 8) with strides (32, 32, 8, 1) at offset 0"
        + " needs 32 floats, array has 31", e.getMessage());
    var p = assertThrows(IllegalArgumentException.class, () -> FlashAttention.forward(dims, ok, ok, ok,
        Masking.none(), 1f, 1f, 0, ok, new float[4]));
    assertEquals("flash attention forward: dropout must be in [0, 1), got 1.0", p.getMessage());
  }

  @Test
  void forwardWithWeights_weightsTooSmallOrMissing_isRejectedWithSizes() {
    Dims dims = new Dims(1, 2, 4, 5, 8, 8);
    View q = View.contiguous(new float[64], 2, 4, 8);
    View kv = View.contiguous(new float[80], 2, 5, 8);
    View o = View.contiguous(new float[64], 2, 4, 8);
    var e = assertThrows(IllegalArgumentException.class, () -> FlashAttention.forwardWithWeights(dims, q, kv, kv,
        Masking.none(), 1f, o, new float[8], new float[39], false));
    assertEquals("flash attention forward with weights: weights have 39 floats, need 40", e.getMessage());
    var n = assertThrows(NullPointerException.class, () -> FlashAttention.forwardWithWeights(dims, q, kv, kv,
        Masking.none(), 1f, o, new float[8], null, true));
    assertEquals("flash attention forward with weights: weights array is null", n.getMessage());
  }
}
