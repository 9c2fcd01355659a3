package org.attention4j.cli.translate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.attention4j.io.Checkpoint;
import org.attention4j.models.registry.Seq2SeqCheckpoint;
import org.attention4j.models.registry.Seq2SeqCheckpoints;
import org.attention4j.train.Seq2SeqTrainer;

/**
 * Finds the checkpoint that a {@code --model DIR} option names: {@code DIR} itself when it holds
 * a {@code config.json}, else the {@code best} checkpoint of a training output directory, else its
 * {@code last} one.
 */
final class ModelDir {
  private ModelDir() {}

  /**
   * The checkpoint directory that {@code dir} names.
   *
   * @throws IllegalArgumentException {@code not a checkpoint directory: DIR (it does not exist)},
   *     or {@code (missing config.json)}
   */
  static Path resolve(Path dir) {
    if (!Files.exists(dir)) {
      throw new IllegalArgumentException("not a checkpoint directory: " + dir + " (it does not exist)");
    }
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("not a checkpoint directory: " + dir + " (it is a file)");
    }
    if (Files.isRegularFile(dir.resolve(Checkpoint.CONFIG_FILE))) return dir;
    for (String sub : new String[] {Seq2SeqTrainer.BEST, Seq2SeqTrainer.LAST}) {
      if (Files.isRegularFile(dir.resolve(sub).resolve(Checkpoint.CONFIG_FILE))) return dir.resolve(sub);
    }
    throw new IllegalArgumentException("not a checkpoint directory: " + dir + " (missing " + Checkpoint.CONFIG_FILE
        + ", and no best/ or last/ checkpoint inside)");
  }

  /**
   * Loads the translation checkpoint that {@code dir} names (see {@link #resolve}).
   *
   * @throws IllegalArgumentException if it is not a translation checkpoint, or a file in it is
   *     corrupt (the message names the directory or file)
   * @throws IOException if a file cannot be read
   */
  static Seq2SeqCheckpoint load(Path dir) throws IOException {
    Path resolved = resolve(dir);
    Seq2SeqCheckpoints.modelType(resolved); // a clear message for checkpoints of other kinds
    return Seq2SeqCheckpoints.load(resolved);
  }
}
