package org.attention4j.cli.viz;

import org.attention4j.models.seq2seq.Seq2SeqModel;
import org.attention4j.text.Tokenizer;
import org.attention4j.train.TrainingListener;
import org.attention4j.train.TrainingListeners;
import org.attention4j.train.TranslationData;
import picocli.CommandLine.Option;

/**
 * The options of a training command that watches attention form ({@link AttentionOverTraining}):
 * a picocli mixin, so that wiring it into a command is two lines.
 *
 * <pre>{@code
 * @Mixin AttentionWatchOptions attention;
 * ...
 * attention.check(); // before any work: an IllegalArgumentException is a usage error
 * ...
 * trainer.listener(attention.wrap(progress, model, sourceTokenizer, targetTokenizer, data));
 * }</pre>
 *
 * {@code attn train translate} uses it.
 */
public final class AttentionWatchOptions {
  /** The default recording interval in steps. */
  public static final int DEFAULT_EVERY = 100;

  @Option(names = "--attention-every", paramLabel = "N", order = 70,
      description = "Record the attention of a few dev sentences every N steps into OUT/" + AttentionOverTraining.FILE
          + ", an explorer page with a training-step slider, written with each OUT/last checkpoint; 0 = off"
          + " (default: " + DEFAULT_EVERY + ").")
  int every = DEFAULT_EVERY;

  @Option(names = "--attention-examples", paramLabel = "K", order = 71,
      description = "How many dev sentences that page shows (default: 4).")
  int examples = 4;

  /** Creates the options with their defaults; picocli fills them in. */
  public AttentionWatchOptions() {}

  /**
   * Checks the options; a command calls it before it starts work, to report a usage error early.
   *
   * @throws IllegalArgumentException if {@code --attention-every} is negative or {@code
   *     --attention-examples} below 1 (a usage error for the command)
   */
  public void check() {
    if (every < 0) throw new IllegalArgumentException("--attention-every must be >= 0, got " + every);
    if (examples < 1) throw new IllegalArgumentException("--attention-examples must be >= 1, got " + examples);
  }

  /**
   * {@code progress}, plus the attention recorder when {@code --attention-every} is above 0.
   *
   * @throws IllegalArgumentException as {@link #check()}
   */
  public TrainingListener wrap(TrainingListener progress, Seq2SeqModel model, Tokenizer source, Tokenizer target,
      TranslationData data) {
    check();
    if (every == 0) return progress;
    return TrainingListeners.of(progress, AttentionOverTraining.listener(model, source, target, data, examples, every));
  }
}
