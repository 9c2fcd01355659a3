package org.attention4j.cli.experiment;

import java.util.Locale;
import org.attention4j.cli.experiment.TranslationSetup.TokenizerKind;
import picocli.CommandLine.Option;

/**
 * The options that {@code attn experiment length-curve} and {@code attn demo translate} share:
 * data, tokenizer, model sizes, training settings and the budget. The defaults are the demo's,
 * tuned so that a few minutes on two CPU cores learn something real from the Bible (see
 * {@code docs/experiments.md}).
 */
final class TrainingOptions {
  @Option(names = "--corpus", paramLabel = "SPEC", order = 10, defaultValue = TranslationSetup.BUNDLED_BIBLE,
      description = "bundled:bible (KJV -> Reina-Valera 1909, bundled) or a corpus directory from 'attn data import'"
          + " (default: ${DEFAULT-VALUE}).")
  String corpus;

  @Option(names = "--tokenizer", paramLabel = "KIND", order = 11, defaultValue = "word",
      description = "word or bpe, built per side on the training split (default: ${DEFAULT-VALUE}).")
  String tokenizer;

  @Option(names = "--vocab", paramLabel = "N", order = 12, defaultValue = "4000",
      description = "Ids per side, specials included (default: ${DEFAULT-VALUE}).")
  int vocab;

  @Option(names = "--max-length", paramLabel = "N", order = 13, defaultValue = "80",
      description = "Leave out training pairs longer than N tokens on either side; the test split keeps all"
          + " (default: ${DEFAULT-VALUE}).")
  int maxLength;

  @Option(names = "--embed", paramLabel = "N", order = 20, defaultValue = "128",
      description = "Embedding width of the RNN models (default: ${DEFAULT-VALUE}).")
  int embed;

  @Option(names = "--hidden", paramLabel = "N", order = 21, defaultValue = "256",
      description = "Hidden width of the RNN models (and their attention); d_model of a Transformer"
          + " (default: ${DEFAULT-VALUE}).")
  int hidden;

  @Option(names = "--batch-tokens", paramLabel = "N", order = 30, defaultValue = "1200",
      description = "Padded tokens per batch (default: ${DEFAULT-VALUE}).")
  int batchTokens;

  @Option(names = "--lr", order = 31, defaultValue = "0.003",
      description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
  double lr;

  @Option(names = "--label-smoothing", paramLabel = "E", order = 32, defaultValue = "0",
      description = "Label smoothing of the training loss (default: ${DEFAULT-VALUE}).")
  double labelSmoothing;

  @Option(names = "--seed", order = 33, defaultValue = "42",
      description = "Seed of the initial weights and the batch order (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--budget", paramLabel = "KIND", order = 40, defaultValue = "tokens",
      description = {"How the budgets are made equal (default: ${DEFAULT-VALUE}):",
          "tokens: the attention model trains --minutes, the baseline as many steps (the same batches,"
              + " so the same target tokens; the fair comparison when speeds differ);",
          "time: each model trains --minutes."})
  String budget;

  @Option(names = "--steps", paramLabel = "N", order = 42,
      description = "Train each model exactly N steps instead (the same batches; reproducible bit for bit"
          + " with the same seed and thread count).")
  Integer steps;

  /** The tokenizer kind, or a usage error naming the option. */
  TokenizerKind tokenizerKind() {
    return switch (tokenizer.toLowerCase(Locale.ROOT)) {
      case "word" -> TokenizerKind.WORD;
      case "bpe" -> TokenizerKind.BPE;
      default -> throw new IllegalArgumentException("--tokenizer must be word or bpe, got '" + tokenizer + "'");
    };
  }

  /**
   * The budget from {@code --steps}, or {@code --budget} with {@code minutes}.
   *
   * @throws IllegalArgumentException naming the option that is out of range
   */
  Budget budget(double minutes) {
    if (steps != null) {
      if (steps < 1) throw new IllegalArgumentException("--steps must be >= 1, got " + steps);
      return Budget.steps(steps);
    }
    if (!(minutes > 0) || Double.isInfinite(minutes)) {
      throw new IllegalArgumentException("--minutes must be > 0, got " + minutes);
    }
    return switch (budget.toLowerCase(Locale.ROOT)) {
      case "tokens" -> Budget.tokens(minutes);
      case "time" -> Budget.time(minutes);
      default -> throw new IllegalArgumentException("--budget must be tokens or time, got '" + budget + "'");
    };
  }

  /** The training settings, checked. */
  ModelTraining.Settings settings() {
    return new ModelTraining.Settings(batchTokens, lr, labelSmoothing, seed, 0);
  }

  /**
   * Checks the sizes.
   *
   * @throws IllegalArgumentException naming the option
   */
  void checkSizes() {
    if (vocab < 8) throw new IllegalArgumentException("--vocab must be >= 8, got " + vocab);
    if (maxLength < 0) throw new IllegalArgumentException("--max-length must be >= 0, got " + maxLength);
    if (embed < 1 || hidden < 2) {
      throw new IllegalArgumentException("--embed must be >= 1 and --hidden >= 2, got " + embed + " and " + hidden);
    }
    if (tokenizerKind() == TokenizerKind.BPE && vocab < org.attention4j.text.BpeTrainer.MIN_VOCAB_SIZE) {
      throw new IllegalArgumentException("--vocab must be >= " + org.attention4j.text.BpeTrainer.MIN_VOCAB_SIZE
          + " for bpe (4 specials + 256 bytes), got " + vocab);
    }
  }
}
