package org.attention4j.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.attention4j.models.lm.GruLanguageModel;
import org.attention4j.optim.Adam;
import org.attention4j.optim.GradClip;
import org.attention4j.tensor.IntTensor;
import org.attention4j.tensor.Tensor;

/**
 * Trains a {@link GruLanguageModel} on one long id sequence by truncated back-propagation over
 * random windows, with Adam and global-norm clipping.
 *
 * <p>Deterministic: batches are drawn from a generator seeded with {@link Config#seed()}, so
 * two runs with the same seed, model initialisation and thread count produce the same losses,
 * bit for bit.
 */
public final class LanguageModelTrainer {
  private LanguageModelTrainer() {}

  /**
   * Settings.
   *
   * @param batch windows per step
   * @param window tokens per window (the model predicts tokens 1..window from 0..window-1)
   * @param lr Adam learning rate
   * @param clip maximum global gradient norm
   * @param maxSteps stop after this many steps
   * @param maxSeconds stop after this much wall time (0 = no limit)
   * @param seed seed of the batch sampler
   */
  public record Config(int batch, int window, double lr, double clip, int maxSteps, double maxSeconds, long seed) {
    public Config {
      if (batch < 1 || window < 2 || maxSteps < 1) {
        throw new IllegalArgumentException("LanguageModelTrainer: batch >= 1, window >= 2 and maxSteps >= 1 are required, got batch "
            + batch + ", window " + window + ", maxSteps " + maxSteps);
      }
      if (!(lr > 0) || !(clip > 0) || !(maxSeconds >= 0)) {
        throw new IllegalArgumentException("LanguageModelTrainer: lr and clip must be > 0 and maxSeconds >= 0, got lr " + lr
            + ", clip " + clip + ", maxSeconds " + maxSeconds);
      }
    }
  }

  /** Called after every step. */
  @FunctionalInterface
  public interface Listener {
    void onStep(int step, int maxSteps, float loss, double tokensPerSecond, double elapsedSeconds);
  }

  /** What a run did. */
  public record Result(List<Float> losses, double seconds, double tokensPerSecond) {}

  /**
   * Trains {@code model} on {@code corpus}.
   *
   * @throws IllegalArgumentException if the corpus is shorter than one window, or holds ids
   *     outside the model's vocabulary
   */
  public static Result train(GruLanguageModel model, int[] corpus, Config c, Listener listener) {
    if (corpus.length < c.window() + 1) {
      throw new IllegalArgumentException("LanguageModelTrainer: corpus of " + corpus.length + " tokens is shorter than one window of "
          + (c.window() + 1));
    }
    int vocab = model.config().vocab();
    for (int i = 0; i < corpus.length; i++) {
      if (corpus[i] < 0 || corpus[i] >= vocab) {
        throw new IllegalArgumentException("LanguageModelTrainer: token " + corpus[i] + " at position " + i + " is outside the vocabulary [0, " + vocab + ")");
      }
    }
    var sampler = new SplittableRandom(c.seed());
    var optimizer = new Adam(model.namedParameters(), c.lr());
    List<Float> losses = new ArrayList<>();
    model.train(true);
    long start = System.nanoTime();
    long tokens = 0;
    for (int step = 1; step <= c.maxSteps(); step++) {
      int[] in = new int[c.batch() * c.window()];
      int[] target = new int[c.batch() * c.window()];
      for (int b = 0; b < c.batch(); b++) {
        int at = sampler.nextInt(corpus.length - c.window());
        System.arraycopy(corpus, at, in, b * c.window(), c.window());
        System.arraycopy(corpus, at + 1, target, b * c.window(), c.window());
      }
      optimizer.zeroGrad();
      Tensor logits = model.forward(IntTensor.of(in, c.batch(), c.window()), null).logits();
      Tensor loss = logits.reshape(-1, vocab).crossEntropy(IntTensor.of(target));
      loss.backward();
      GradClip.clipGlobalNorm(model.parameters(), c.clip());
      optimizer.step();
      float value = loss.item();
      losses.add(value);
      tokens += (long) c.batch() * c.window();
      double seconds = (System.nanoTime() - start) / 1e9;
      if (listener != null) listener.onStep(step, c.maxSteps(), value, tokens / seconds, seconds);
      if (c.maxSeconds() > 0 && seconds >= c.maxSeconds()) break;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Result(List.copyOf(losses), seconds, tokens / seconds);
  }
}
