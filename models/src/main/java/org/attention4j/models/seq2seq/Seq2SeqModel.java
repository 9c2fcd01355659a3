package org.attention4j.models.seq2seq;

import java.util.Map;
import org.attention4j.nn.Module;

/**
 * An encoder-decoder that translates token ids to token ids. Every family (RNN without
 * attention, Bahdanau, Luong, Transformer) implements the same three calls, so training,
 * greedy and beam decoding, alignment extraction and the CLI work with any of them.
 *
 * <ul>
 *   <li>{@link #forward}: teacher-forced training pass over whole target sequences;
 *   <li>{@link #start}: encodes sources once and returns the decoder's initial state;
 *   <li>{@link #step}: advances every hypothesis by one token (incremental, with caches).
 * </ul>
 *
 * <p>Token conventions: target inputs start with BOS, target outputs end with EOS, and padded
 * positions hold {@link #padId()}, which the loss ignores.
 */
public abstract class Seq2SeqModel extends Module {
  /** The family name used in checkpoints and on the command line, e.g. {@code "bahdanau"}. */
  public abstract String modelType();

  /** Everything needed to rebuild this model (sizes, options), as JSON-compatible values. */
  public abstract Map<String, Object> configMap();

  /** Size of the source vocabulary. */
  public abstract int sourceVocab();

  /** Size of the target vocabulary. */
  public abstract int targetVocab();

  /** The padding id (shared by source and target). */
  public abstract int padId();

  /**
   * Teacher-forced pass: logits for every target position given the gold previous tokens.
   *
   * @param wantAttention whether to return the encoder-decoder attention (for alignments)
   */
  public abstract TeacherForced forward(SourceBatch source, TargetBatch target, boolean wantAttention);

  /** Encodes {@code source} and returns the decoder state for its {@code B} rows. */
  public abstract DecoderState start(SourceBatch source);

  /**
   * One decoding step: feeds {@code previous[n]} (BOS at the first step) to row {@code n} of
   * {@code state} and returns the next-token log-probabilities.
   *
   * @throws IllegalArgumentException if {@code previous.length != state.rows()}
   */
  public abstract Step step(DecoderState state, int[] previous);
}
