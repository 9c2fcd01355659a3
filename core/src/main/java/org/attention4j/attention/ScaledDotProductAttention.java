package org.attention4j.attention;

import java.util.random.RandomGenerator;
import org.attention4j.tensor.Tensor;

/**
 * Scaled dot-product attention (Vaswani et al. 2017, eq. 1):
 * {@code Attention(Q, K, V) = softmax(Q K^T / sqrt(d_k)) V}, with a {@link Mask}, dropout on the
 * weights, and the weights returned on request.
 *
 * <p>Shapes: {@code q (B, H, Tq, d)}, {@code k (B, H, Tk, d)}, {@code v (B, H, Tk, dv)} give a
 * context {@code (B, H, Tq, dv)}; rank-3 inputs {@code (B, T, d)} are single-head attention.
 * A query row whose mask allows no key gets zero weights and a zero context.
 *
 * <p>By default ({@link Path#AUTO}) the work goes to {@link FusedAttention}: one tiled,
 * online-softmax kernel whose memory grows linearly with the sequence length; weights on request
 * cost their own memory and nothing else (see {@link FusedAttention}). This class also keeps the unfused reference path (scores, masked softmax, weighted
 * sum, all recorded ops; memory grows with {@code Tq x Tk}), reachable with {@link Path#UNFUSED},
 * for checking.
 */
public final class ScaledDotProductAttention {
  private ScaledDotProductAttention() {}

  /** Which implementation computes the attention. */
  public enum Path {
    /** The fused kernel ({@link FusedAttention}) for every input this class accepts. */
    AUTO,
    /** The fused kernel, always. */
    FUSED,
    /** The unfused reference path of recorded tensor ops (for checks). */
    UNFUSED
  }

  /**
   * Options of one call.
   *
   * @param scale multiplier of the scores; {@code NaN} means {@code 1 / sqrt(d)}
   * @param dropout probability of zeroing a weight in training, in {@code [0, 1)}
   * @param training whether dropout is active
   * @param rng source of the dropout mask (required when dropout is active); the fused path draws
   *     one {@code long} seed from it per call
   * @param weights which weights to return
   * @param path which implementation to use
   */
  public record Options(float scale, float dropout, boolean training, RandomGenerator rng, Weights weights, Path path) {
    public Options {
      if (!(dropout >= 0 && dropout < 1)) {
        throw new IllegalArgumentException("attention: dropout must be in [0, 1), got " + dropout);
      }
      if (training && dropout > 0 && rng == null) {
        throw new IllegalArgumentException("attention: dropout " + dropout + " in training needs a random generator");
      }
      if (weights == null) weights = Weights.NONE;
      if (path == null) path = Path.AUTO;
    }

    /** Options on the automatic path. */
    public Options(float scale, float dropout, boolean training, RandomGenerator rng, Weights weights) {
      this(scale, dropout, training, rng, weights, Path.AUTO);
    }

    /** Default scale, no dropout, no weights, automatic path. */
    public static Options defaults() {
      return new Options(Float.NaN, 0f, false, null, Weights.NONE, Path.AUTO);
    }

    public Options withWeights(Weights w) {
      return new Options(scale, dropout, training, rng, w, path);
    }

    public Options withScale(float s) {
      return new Options(s, dropout, training, rng, weights, path);
    }

    public Options withDropout(float p, boolean train, RandomGenerator r) {
      return new Options(scale, p, train, r, weights, path);
    }

    public Options withPath(Path p) {
      return new Options(scale, dropout, training, rng, weights, p);
    }
  }

  /**
   * Attends {@code q} over {@code k}/{@code v} under {@code mask} (may be {@code null}).
   *
   * @throws IllegalArgumentException if the shapes or the mask do not fit together
   */
  public static AttentionResult attend(Tensor q, Tensor k, Tensor v, Mask mask, Options options) {
    if (q.rank() == 3) {
      checkRank3(q, k, v);
      AttentionResult r = attend(q.unsqueeze(1), k.unsqueeze(1), v.unsqueeze(1), mask, options);
      Tensor w = r.hasWeights() ? (r.weights().rank() == 4 ? r.weights().squeeze(1) : r.weights()) : null;
      return new AttentionResult(r.context().squeeze(1), w);
    }
    check(q, k, v);
    Mask m = mask == null ? Mask.none() : mask;
    m.check("attention", q.dim(0), q.dim(1), q.dim(2), k.dim(2));
    float scale = Float.isNaN(options.scale()) ? (float) (1.0 / Math.sqrt(q.dim(3))) : options.scale();
    if (options.path() == Path.UNFUSED) return unfused(q, k, v, m, scale, options);
    boolean drop = options.training() && options.dropout() > 0;
    long seed = drop ? options.rng().nextLong() : 0L;
    return FusedAttention.attend(q, k, v, m, scale, drop ? options.dropout() : 0f, seed, options.weights());
  }

  /** The reference path: every step a recorded tensor op; memory grows with {@code Tq x Tk}. */
  static AttentionResult unfused(Tensor q, Tensor k, Tensor v, Mask mask, float scale, Options o) {
    int batch = q.dim(0);
    int heads = q.dim(1);
    int tq = q.dim(2);
    int tk = k.dim(2);
    Tensor scores = q.matmul(k.transpose(-1, -2)).mul(scale); // (B, H, Tq, d) @ (B, H, d, Tk) -> (B, H, Tq, Tk)
    if (!mask.isNone()) {
      Tensor allowed = mask.toTensor(batch, heads, tq, tk);
      scores = Tensor.where(allowed, scores, Tensor.scalar(Float.NEGATIVE_INFINITY));
    }
    Tensor weights = scores.softmax(-1); // rows with no allowed key come out as zeros
    Tensor dropped = o.training() && o.dropout() > 0 ? weights.dropout(o.dropout(), true, o.rng()) : weights;
    Tensor context = dropped.matmul(v); // (B, H, Tq, Tk) @ (B, H, Tk, dv) -> (B, H, Tq, dv)
    return new AttentionResult(context, select(weights, o.weights()));
  }

  /** The weights to return: none, per head, or averaged over heads. */
  static Tensor select(Tensor perHead, Weights which) {
    return switch (which) {
      case NONE -> null;
      case PER_HEAD -> perHead;
      case AVERAGED -> perHead.mean(1);
    };
  }

  private static void checkRank3(Tensor q, Tensor k, Tensor v) {
    if (k.rank() != 3 || v.rank() != 3) {
      throw new IllegalArgumentException(
          "attention: q, k, v must all be (B, T, d) or all (B, H, T, d), got " + q.shape() + ", " + k.shape() + ", " + v.shape());
    }
  }

  static void check(Tensor q, Tensor k, Tensor v) {
    if (q.rank() != 4 || k.rank() != 4 || v.rank() != 4) {
      throw new IllegalArgumentException(
          "attention: q, k, v must all be (B, T, d) or all (B, H, T, d), got " + q.shape() + ", " + k.shape() + ", " + v.shape());
    }
    if (q.dim(0) != k.dim(0) || q.dim(0) != v.dim(0) || q.dim(1) != k.dim(1) || q.dim(1) != v.dim(1)) {
      throw new IllegalArgumentException(
          "attention: batch and head dims differ: q " + q.shape() + ", k " + k.shape() + ", v " + v.shape());
    }
    if (q.dim(3) != k.dim(3)) {
      throw new IllegalArgumentException("attention: query dim " + q.dim(3) + " differs from key dim " + k.dim(3) + ": q " + q.shape() + ", k " + k.shape());
    }
    if (k.dim(2) != v.dim(2)) {
      throw new IllegalArgumentException("attention: " + k.dim(2) + " keys but " + v.dim(2) + " values: k " + k.shape() + ", v " + v.shape());
    }
  }
}
