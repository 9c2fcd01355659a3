package org.attention4j.attention;

import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.attention4j.nn.Module;
import org.attention4j.tensor.Tensor;

/**
 * Single-head attention as a composition of three choices: a {@link Score} (how queries and keys
 * are compared), a normaliser (how scores become weights: a {@link Normaliser} or the sampler
 * {@link StochasticHard}) and a {@link Window} (which source positions each query sees).
 *
 * <pre>
 *   e = score(q, k)                      (B, Tq, Tk)
 *   a = normalise(e, mask AND window)    (B, Tq, Tk)   masked entries 0
 *   a = a * window factor                (local-p only)
 *   c = a v                              (B, Tq, dv)
 * </pre>
 *
 * The weights are always returned (they are {@code Tq x Tk} per batch row, small for RNN
 * attention) and nothing is kept between calls. A query row with nothing allowed gets zero
 * weights and a zero context, with zero (finite) gradients.
 *
 * <p>The factories read like the papers: {@link #bahdanau}, {@link #luong}, {@link #localM},
 * {@link #localP}, {@link #sparse}, {@link #hard}, {@link #hardArgmax} and {@link #gumbel}.
 * Parametrised scores and windows are child modules named {@code score} and {@code window}.
 *
 * <p>Decoders that call attention once per step project the keys once with
 * {@link #projectKeys} and pass the step's position so that local windows know where they are.
 */
public final class Attention extends Module {
  private final Score score;
  private final Normaliser normaliser;
  private final StochasticHard sampler;
  private final Window window;

  /**
   * Attention with a deterministic (or reparameterised) normaliser.
   *
   * @throws NullPointerException if an argument is null
   */
  public Attention(Score score, Normaliser normaliser, Window window) {
    this(score, Objects.requireNonNull(normaliser, "Attention: normaliser is null"), null, window);
  }

  /**
   * Stochastic hard attention: use {@link #attendDetailed} with a generator.
   *
   * @throws NullPointerException if an argument is null
   */
  public Attention(Score score, StochasticHard sampler, Window window) {
    this(score, null, Objects.requireNonNull(sampler, "Attention: sampler is null"), window);
  }

  private Attention(Score score, Normaliser normaliser, StochasticHard sampler, Window window) {
    this.score = Objects.requireNonNull(score, "Attention: score is null");
    this.window = Objects.requireNonNull(window, "Attention: window is null");
    this.normaliser = normaliser;
    this.sampler = sampler;
    if (score instanceof Module m) child("score", m);
    if (window instanceof Module m) child("window", m);
  }

  // ---------------------------------------------------------------- factories

  /**
   * Bahdanau, Cho &amp; Bengio (2015): additive score (eq. (6)), softmax, global.
   *
   * @param queryDim {@code dq}, the decoder state size
   * @param keyDim {@code dk}, the annotation size
   * @param attnDim the alignment model's hidden size
   */
  public static Attention bahdanau(int queryDim, int keyDim, int attnDim, RandomGenerator rng) {
    return new Attention(new AdditiveScore(queryDim, keyDim, attnDim, false, rng), new Softmax(), Window.global());
  }

  /**
   * Luong, Pham &amp; Manning (2015) global attention: one of the eq. (8) scores, softmax.
   *
   * @param size {@code dAttn} for {@link LuongScore#CONCAT}, the maximum source length for
   *     {@link LuongScore#LOCATION}, ignored otherwise
   */
  public static Attention luong(LuongScore kind, int queryDim, int keyDim, int size, RandomGenerator rng) {
    return new Attention(kind.create(queryDim, keyDim, size, rng), new Softmax(), Window.global());
  }

  /** Luong et al. (2015) local-m: a Luong score, softmax, window {@code [t - D, t + D]}. */
  public static Attention localM(LuongScore kind, int queryDim, int keyDim, int size, int halfWidth, RandomGenerator rng) {
    return new Attention(kind.create(queryDim, keyDim, size, rng), new Softmax(), new LocalM(halfWidth));
  }

  /**
   * Luong et al. (2015) local-p: a Luong score, softmax, predicted window with a Gaussian
   * ({@link LocalP} with {@code W_p} of {@code dq} rows).
   */
  public static Attention localP(LuongScore kind, int queryDim, int keyDim, int size, int halfWidth, RandomGenerator rng) {
    Score s = kind.create(queryDim, keyDim, size, rng);
    return new Attention(s, new Softmax(), new LocalP(queryDim, queryDim, halfWidth, rng));
  }

  /** Sparse attention (Martins &amp; Astudillo 2016): any score, {@link Sparsemax}, global. */
  public static Attention sparse(Score score) {
    return new Attention(score, new Sparsemax(), Window.global());
  }

  /** Stochastic hard attention (Xu et al. 2015, sec. 4.1): any score, {@link StochasticHard}, global. */
  public static Attention hard(Score score) {
    return new Attention(score, new StochasticHard(), Window.global());
  }

  /** Deterministic hard attention for inference: any score, {@link HardArgmax}, global. */
  public static Attention hardArgmax(Score score) {
    return new Attention(score, new HardArgmax(), Window.global());
  }

  /** Gumbel-softmax attention (Jang et al. 2017): any score, {@link GumbelSoftmax}, global. */
  public static Attention gumbel(Score score, double temperature, boolean hard, RandomGenerator rng) {
    return new Attention(score, new GumbelSoftmax(temperature, hard, rng), Window.global());
  }

  // ---------------------------------------------------------------- calls

  /** Prepares keys {@code (B, Tk, dk)} once per sequence (see {@link Score#projectKeys}). */
  public ProjectedKeys projectKeys(Tensor keys) {
    return score.projectKeys(keys);
  }

  /**
   * Attends queries {@code (B, Tq, dq)} over keys {@code (B, Tk, dk)} and values
   * {@code (B, Tk, dv)}; the queries are at target positions {@code 0 .. Tq - 1}.
   *
   * @param mask which keys each query may attend to, or {@code null} for all
   * @return context {@code (B, Tq, dv)} and weights {@code (B, Tq, Tk)}
   * @throws IllegalArgumentException if the shapes or the mask do not fit
   * @throws IllegalStateException if this attention samples ({@link StochasticHard})
   */
  public AttentionResult attend(Tensor queries, Tensor keys, Tensor values, Mask mask) {
    return attend(queries, projectKeys(keys), values, mask, 0);
  }

  /**
   * Attends with keys projected earlier, the first query at target position
   * {@code firstQueryPosition} (a decoder step {@code t} with {@code Tq = 1} passes {@code t}).
   *
   * @throws IllegalArgumentException if the shapes or the mask do not fit
   * @throws IllegalStateException if this attention samples ({@link StochasticHard})
   */
  public AttentionResult attend(Tensor queries, ProjectedKeys keys, Tensor values, Mask mask, int firstQueryPosition) {
    if (sampler != null) {
      throw new IllegalStateException(
          "Attention: this attention samples its weights (StochasticHard); call attendDetailed(..., rng) to get the sample and its log-probability");
    }
    return attendDetailed(queries, keys, values, mask, firstQueryPosition, null).result();
  }

  /**
   * Attends and returns every intermediate: scores, combined mask, window centres and, for
   * stochastic hard attention, the sample (draws from {@code rng}).
   *
   * @param rng the generator for {@link StochasticHard}; ignored (may be {@code null}) otherwise
   * @throws IllegalArgumentException if the shapes or the mask do not fit, or a sampling
   *     attention gets no generator
   */
  public AttentionDetails attendDetailed(
      Tensor queries, ProjectedKeys keys, Tensor values, Mask mask, int firstQueryPosition, RandomGenerator rng) {
    if (sampler != null && rng == null) {
      throw new IllegalArgumentException("Attention: stochastic hard attention needs a random generator");
    }
    checkValues(queries, keys.keys(), values);
    int batch = queries.dim(0);
    int tq = queries.dim(1);
    int tk = keys.length();
    Tensor scores = score.scores(queries, keys); // (B, Tq, Tk)
    Mask m = mask == null ? Mask.none() : mask;
    Tensor allowed = m.isNone() ? null : m.toTensor(batch, 1, tq, tk).squeeze(1); // (B, 1, Tq, Tk) -> (B, Tq, Tk)
    Window.Region region = window.region(queries, firstQueryPosition, sourceLengths(m, batch, tk), tk);
    allowed = Shapes.and(allowed, region.allowed());
    HardSample sample = null;
    Tensor weights;
    if (sampler != null) {
      sample = sampler.sample(scores, allowed, rng);
      weights = sample.weights();
    } else {
      weights = normaliser.weights(scores, allowed);
    }
    if (region.factor() != null) weights = weights.mul(region.factor());
    Tensor context = weights.matmul(values); // (B, Tq, Tk) @ (B, Tk, dv) -> (B, Tq, dv)
    return new AttentionDetails(context, weights, scores, allowed, region.centres(), sample);
  }

  /** {@code S} per batch row: the key-padding lengths of the mask, else {@code Tk}. */
  private static int[] sourceLengths(Mask mask, int batch, int keys) {
    int[] lengths = mask.keyLengths();
    if (lengths != null) return lengths;
    int[] all = new int[batch];
    Arrays.fill(all, keys);
    return all;
  }

  private static void checkValues(Tensor queries, Tensor keys, Tensor values) {
    if (queries.rank() != 3 || keys.rank() != 3 || values.rank() != 3) {
      throw new IllegalArgumentException(
          "Attention: queries " + queries.shape() + ", keys " + keys.shape() + " and values " + values.shape()
              + " must be (B, Tq, dq), (B, Tk, dk) and (B, Tk, dv)");
    }
    if (queries.dim(0) != keys.dim(0) || keys.dim(0) != values.dim(0) || keys.dim(1) != values.dim(1)) {
      throw new IllegalArgumentException(
          "Attention: keys " + keys.shape() + " and values " + values.shape() + " must share B and Tk, and queries "
              + queries.shape() + " B");
    }
  }

  public Score score() {
    return score;
  }

  public Window window() {
    return window;
  }

  /** The normaliser, or {@code null} for stochastic hard attention. */
  public Normaliser normaliser() {
    return normaliser;
  }

  /** Whether this attention samples its weights ({@link StochasticHard}). */
  public boolean isStochastic() {
    return sampler != null;
  }

  @Override
  public String toString() {
    return "Attention(" + score + ", " + (sampler != null ? sampler : normaliser) + ", " + window + ")";
  }
}
