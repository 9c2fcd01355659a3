package org.attention4j.attention;

import org.attention4j.kernel.FlashAttention;
import org.attention4j.kernel.FlashAttention.Dense;
import org.attention4j.kernel.FlashAttention.Dims;
import org.attention4j.kernel.FlashAttention.Masking;
import org.attention4j.kernel.FlashAttention.View;
import org.attention4j.tensor.Functions;
import org.attention4j.tensor.Tensor;

/**
 * Scaled dot-product attention as one fused, differentiable op on the {@link FlashAttention}
 * kernel: memory grows linearly with the sequence length, and the backward pass needs only
 * {@code q, k, v}, the output and its row log-sum-exp.
 *
 * <p>The context is stored {@code (B, Tq, H, dv)} and returned as its {@code (B, H, Tq, dv)}
 * permuted view, so that merging heads, {@code ctx.transpose(1, 2).reshape(B, Tq, H * dv)}, is a
 * view too. Per-head weights, when asked for without dropout, are computed first and the
 * output from them ({@link FlashAttention#forwardWithWeights}); averaged weights, or weights under
 * dropout, are recomputed exactly from the saved log-sum-exp ({@code P = exp(q k^T * scale - L)},
 * block by block). Either way the only {@code Tq x Tk} memory is the weights the caller asked for; they are differentiable with respect to {@code q} and {@code k}
 * ({@code dS = P * (dW - rowsum(dW * P))}), so a loss on them (attention supervision) trains the
 * queries and keys. Returned weights are taken before dropout.
 *
 * <p>Most callers go through {@link ScaledDotProductAttention#attend}, which uses this path for
 * every rank-3 and rank-4 input unless told otherwise.
 */
public final class FusedAttention {
  private FusedAttention() {}

  /**
   * Attends {@code q (B, H, Tq, d)} over {@code k (B, H, Tk, d)} and {@code v (B, H, Tk, dv)}.
   * Inputs may be strided views (head-split activations, key-value cache views); only a
   * non-unit stride in the last dim costs a copy.
   *
   * @param mask which keys each query may attend to; null for all
   * @param scale multiplier of the scores (NaN for {@code 1 / sqrt(d)})
   * @param dropout probability of zeroing a weight before the product with v, in {@code [0, 1)};
   *     0 turns dropout off (pass 0 outside training)
   * @param dropoutSeed the dropout stream: the same seed gives the same mask
   * @param weights which weights to return
   * @return the context {@code (B, H, Tq, dv)} and the requested weights ({@code (B, H, Tq, Tk)}
   *     or averaged {@code (B, Tq, Tk)})
   * @throws IllegalArgumentException if the shapes, the mask or the dropout rate do not fit
   */
  public static AttentionResult attend(Tensor q, Tensor k, Tensor v, Mask mask, float scale, float dropout,
      long dropoutSeed, Weights weights) {
    ScaledDotProductAttention.check(q, k, v);
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException("attention: dropout must be in [0, 1), got " + dropout);
    }
    int batch = q.dim(0);
    int heads = q.dim(1);
    int tq = q.dim(2);
    int tk = k.dim(2);
    int d = q.dim(3);
    int dv = v.dim(3);
    Mask m = mask == null ? Mask.none() : mask;
    m.check("attention", batch, heads, tq, tk);
    float s = Float.isNaN(scale) ? (float) (1.0 / Math.sqrt(d)) : scale;
    Tensor qc = unitLastDim(q);
    Tensor kc = unitLastDim(k);
    Tensor vc = unitLastDim(v);
    Dims dims = new Dims(batch, heads, tq, tk, d, dv);
    Masking masking = masking(m, batch, heads, tq, tk);
    View qv = view(qc);
    View kv = view(kc);
    View vv = view(vc);

    float[] out = new float[checkedSize("context", batch, tq, heads, dv)];
    float[] lse = new float[checkedSize("log-sum-exp", batch, heads, tq, 1)];
    View ov = new View(out, 0, tq * heads * dv, dv, heads * dv); // (B, Tq, H, dv) storage as (B, H, Tq, dv)
    // Per-head weights without dropout: computed first and the output from them (no recomputation).
    boolean direct = weights == Weights.PER_HEAD && dropout == 0;
    float[] w = direct ? new float[checkedSize("weights", batch, heads, tq, tk)] : null;
    if (direct) {
      FlashAttention.forwardWithWeights(dims, qv, kv, vv, masking, s, ov, lse, w, true);
    } else {
      FlashAttention.forward(dims, qv, kv, vv, masking, s, dropout, dropoutSeed, ov, lse);
    }
    Tensor o = Functions.record("fused_attention", Tensor.wrap(out, batch, tq, heads, dv), (g, needs) -> {
      Tensor gc = unitLastDim(g); // gradient of the (B, Tq, H, dv) output, any strides
      View gv = new View(gc.storage(), gc.storageOffset(), gc.stride(0), gc.stride(2), gc.stride(1));
      Gradient dq = Gradient.like(qc);
      Gradient dk = Gradient.like(kc);
      Gradient dvv = Gradient.like(vc);
      FlashAttention.backward(dims, qv, kv, vv, ov, lse, gv, masking, s, dropout, dropoutSeed, dq.view(), dk.view(),
          dvv.view());
      return new Tensor[] {dq.tensor(), dk.tensor(), dvv.tensor()};
    }, qc, kc, vc);
    Tensor context = o.transpose(1, 2); // (B, Tq, H, dv) -> (B, H, Tq, dv), a view
    Tensor wt = null;
    if (direct) {
      wt = weights(dims, qc, kc, qv, kv, lse, masking, s, false, w);
    } else if (weights == Weights.PER_HEAD || weights == Weights.AVERAGED) {
      boolean average = weights == Weights.AVERAGED;
      float[] recomputed = new float[checkedSize("weights", batch, average ? 1 : heads, tq, tk)];
      FlashAttention.weights(dims, qv, kv, lse, masking, s, average, recomputed);
      wt = weights(dims, qc, kc, qv, kv, lse, masking, s, average, recomputed);
    }
    return new AttentionResult(context, wt);
  }

  /** The weights {@code w} (per head, or their mean over heads) as a recorded op of q and k. */
  private static Tensor weights(Dims dims, Tensor qc, Tensor kc, View qv, View kv, float[] lse, Masking masking,
      float scale, boolean average, float[] w) {
    int batch = dims.batch();
    int heads = dims.heads();
    int tq = dims.tq();
    int tk = dims.tk();
    Tensor wt = average ? Tensor.wrap(w, batch, tq, tk) : Tensor.wrap(w, batch, heads, tq, tk);
    return Functions.record(average ? "fused_attention_weights_mean" : "fused_attention_weights", wt, (g, needs) -> {
      Dense gd = average
          ? new Dense(g.storage(), g.storageOffset(), g.stride(0), 0, g.stride(1), g.stride(2))
          : new Dense(g.storage(), g.storageOffset(), g.stride(0), g.stride(1), g.stride(2), g.stride(3));
      Gradient dq = Gradient.like(qc);
      Gradient dk = Gradient.like(kc);
      FlashAttention.weightsBackward(dims, qv, kv, lse, masking, scale, gd, average, dq.view(), dk.view());
      return new Tensor[] {dq.tensor(), dk.tensor()};
    }, qc, kc);
  }

  /** The mask in the kernel's terms; a dense part is read through its (broadcast) strides. */
  static Masking masking(Mask m, int batch, int heads, int tq, int tk) {
    if (m.isNone()) return Masking.none();
    int[] band = m.band();
    Tensor dense = m.dense();
    Dense dd = null;
    if (dense != null) {
      int[] strides = new int[4];
      int lead = 4 - dense.rank();
      for (int a = lead; a < 4; a++) {
        strides[a] = dense.dim(a - lead) == 1 ? 0 : dense.stride(a - lead);
      }
      dd = new Dense(dense.storage(), dense.storageOffset(), strides[0], strides[1], strides[2], strides[3]);
    }
    return new Masking(m.causalOffset(), band == null ? -1 : band[0], band == null ? -1 : band[1], m.keyLengths(), dd);
  }

  /**
   * The kernel's gradient output for an input {@code x (B, H, T, w)}: laid out like {@code x} when
   * {@code x} is the head split of a dense {@code (B, T, H, w)} array (the usual
   * {@code reshape(B, T, H, w).transpose(1, 2)} of a projection), so that the gradient flows back
   * through the transpose and reshape as views instead of a copy; else dense {@code (B, H, T, w)}.
   */
  private record Gradient(View view, Tensor tensor) {
    static Gradient like(Tensor x) {
      int batch = x.dim(0);
      int heads = x.dim(1);
      int t = x.dim(2);
      int w = x.dim(3);
      float[] g = new float[x.numel()];
      boolean headSplit = heads > 1 && t > 1 && x.stride(3) == 1 && x.stride(1) == w && x.stride(2) == heads * w
          && (batch == 1 || x.stride(0) == t * heads * w);
      if (headSplit) {
        return new Gradient(new View(g, 0, t * heads * w, w, heads * w), Tensor.wrap(g, batch, t, heads, w).transpose(1, 2));
      }
      return new Gradient(View.contiguous(g, heads, t, w), Tensor.wrap(g, batch, heads, t, w));
    }
  }

  private static View view(Tensor x) {
    return new View(x.storage(), x.storageOffset(), x.stride(0), x.stride(1), x.stride(2));
  }

  /** {@code x} itself when its last dim has unit stride, else a contiguous (recorded) copy. */
  private static Tensor unitLastDim(Tensor x) {
    return x.dim(-1) <= 1 || x.stride(-1) == 1 ? x : x.contiguous();
  }

  private static int checkedSize(String what, int a, int b, int c, int e) {
    long n = (long) a * b * c * e;
    if (n > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("attention: the " + what + " (" + a + " x " + b + " x " + c + " x " + e
          + " = " + n + " floats) do not fit one Java array");
    }
    return (int) n;
  }
}
