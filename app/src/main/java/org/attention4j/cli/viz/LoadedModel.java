package org.attention4j.cli.viz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.attention4j.io.Checkpoint;
import org.attention4j.models.registry.Seq2SeqCheckpoint;
import org.attention4j.models.registry.Seq2SeqCheckpoints;

/**
 * A translation checkpoint for the viz commands, found from what the user typed: a checkpoint
 * directory, or a training run's directory holding {@code best/} (preferred) or {@code last/}.
 *
 * @param dir the checkpoint directory actually loaded
 * @param checkpoint the model (in evaluation mode) and its tokenizers
 */
record LoadedModel(Path dir, Seq2SeqCheckpoint checkpoint) {
  /**
   * Loads the checkpoint at {@code dir}, or at {@code dir/best}, or {@code dir/last}.
   *
   * @throws NoSuchFileException if {@code dir} does not exist
   * @throws IllegalArgumentException if it holds no translation checkpoint (naming it)
   */
  static LoadedModel load(Path dir) throws IOException {
    if (!Files.exists(dir)) throw new NoSuchFileException(dir.toString(), null, "no such model directory");
    Path found = dir;
    if (!Files.isRegularFile(dir.resolve(Checkpoint.CONFIG_FILE))) {
      found = null;
      for (String sub : new String[] {"best", "last"}) {
        if (Files.isRegularFile(dir.resolve(sub).resolve(Checkpoint.CONFIG_FILE))) {
          found = dir.resolve(sub);
          break;
        }
      }
      if (found == null) {
        throw new IllegalArgumentException("not a checkpoint directory: " + dir + " (no " + Checkpoint.CONFIG_FILE
            + ", and no best/ or last/ checkpoint inside)");
      }
    }
    return new LoadedModel(found, Seq2SeqCheckpoints.load(found));
  }

  /** {@code bahdanau (runs/x/best, step 1200)}. */
  String describe() {
    return checkpoint.model().modelType() + " (" + dir + ", step " + checkpoint.step() + ")";
  }

  AttentionProbe probe() {
    return new AttentionProbe(checkpoint.model(), checkpoint.sourceTokenizer(), checkpoint.targetTokenizer(),
        checkpoint.model().modelType());
  }
}
