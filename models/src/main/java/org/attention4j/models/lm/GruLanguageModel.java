package org.attention4j.models.lm;

import java.util.random.RandomGenerator;
import org.attention4j.autograd.GradMode;
import org.attention4j.nn.Dropout;
import org.attention4j.nn.Embedding;
import org.attention4j.nn.GRU;
import org.attention4j.nn.Linear;
import org.attention4j.nn.Module;
import org.attention4j.nn.RnnConfig;
import org.attention4j.nn.RnnOutput;
import org.attention4j.tensor.IntTensor;
import org.attention4j.tensor.Tensor;

/**
 * A recurrent language model: embedding, a multi-layer GRU, and a linear read-out to the
 * vocabulary, predicting each next token (Mikolov et al. 2010, with GRU cells of Cho et al.
 * 2014). No attention: it is the smallest end-to-end model in the project and the baseline the
 * attention models improve on.
 */
public final class GruLanguageModel extends Module {
  /**
   * Sizes.
   *
   * @param vocab number of token ids
   * @param embedDim embedding width
   * @param hiddenDim GRU state width
   * @param layers stacked GRU layers
   * @param dropout dropout on embeddings, between layers and before the read-out
   */
  public record Config(int vocab, int embedDim, int hiddenDim, int layers, double dropout) {
    public Config {
      if (vocab < 2 || embedDim < 1 || hiddenDim < 1 || layers < 1) {
        throw new IllegalArgumentException("GruLanguageModel: sizes must be positive (vocab >= 2), got vocab " + vocab
            + ", embedDim " + embedDim + ", hiddenDim " + hiddenDim + ", layers " + layers);
      }
      if (!(dropout >= 0 && dropout < 1)) {
        throw new IllegalArgumentException("GruLanguageModel: dropout must be in [0, 1), got " + dropout);
      }
    }
  }

  private final Config config;
  private final Embedding embedding;
  private final GRU gru;
  private final Dropout dropout;
  private final Linear readout;

  public GruLanguageModel(Config config, RandomGenerator rng) {
    this.config = config;
    embedding = child("embedding", new Embedding(config.vocab(), config.embedDim(), -1, rng));
    gru = child("gru", new GRU(new RnnConfig(config.embedDim(), config.hiddenDim(), config.layers(), false, config.dropout(), true), rng));
    dropout = child("dropout", new Dropout(config.dropout(), rng));
    readout = child("readout", new Linear(config.hiddenDim(), config.vocab(), true, rng));
  }

  public Config config() {
    return config;
  }

  /** The logits of what follows each position, and the final GRU state. */
  public record Output(Tensor logits, Tensor state) {}

  /**
   * Runs the model over {@code ids (B, T)} from {@code state (layers, B, H)} (null: zeros).
   *
   * @return logits {@code (B, T, vocab)} and the state after the last position
   */
  public Output forward(IntTensor ids, Tensor state) {
    if (ids.rank() != 2) throw new IllegalArgumentException("GruLanguageModel: ids must be (B, T), got " + ids.shape());
    Tensor x = dropout.forward(embedding.forward(ids)); // (B, T) -> (B, T, E)
    RnnOutput r = gru.forward(x, null, state);           // (B, T, H)
    return new Output(readout.forward(dropout.forward(r.output())), r.hN());
  }

  /**
   * Samples {@code count} ids after {@code prefix} at the given temperature (0 = greedy), in
   * a no-grad scope; the model's training mode is left as it was.
   *
   * @throws IllegalArgumentException if the prefix is empty or the temperature negative
   */
  public int[] generate(int[] prefix, int count, double temperature, RandomGenerator rng) {
    if (prefix.length == 0) throw new IllegalArgumentException("generate: the prefix must hold at least one id");
    if (!(temperature >= 0)) throw new IllegalArgumentException("generate: temperature must be >= 0, got " + temperature);
    boolean wasTraining = isTraining();
    eval();
    int[] out = new int[count];
    try (var _ = GradMode.noGrad()) {
      Output o = forward(IntTensor.of(prefix, 1, prefix.length), null);
      Tensor logits = o.logits().select(1, prefix.length - 1).select(0, 0);
      Tensor state = o.state();
      for (int i = 0; i < count; i++) {
        int next = pick(logits.toArray(), temperature, rng);
        out[i] = next;
        o = forward(IntTensor.of(new int[] {next}, 1, 1), state);
        logits = o.logits().select(1, 0).select(0, 0);
        state = o.state();
      }
    } finally {
      train(wasTraining);
    }
    return out;
  }

  private static int pick(float[] logits, double temperature, RandomGenerator rng) {
    int best = 0;
    for (int i = 1; i < logits.length; i++) if (logits[i] > logits[best]) best = i;
    if (temperature == 0) return best;
    double[] p = new double[logits.length];
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      p[i] = Math.exp((logits[i] - logits[best]) / temperature);
      sum += p[i];
    }
    double u = rng.nextDouble() * sum;
    for (int i = 0; i < p.length; i++) {
      u -= p[i];
      if (u <= 0) return i;
    }
    return p.length - 1;
  }
}
