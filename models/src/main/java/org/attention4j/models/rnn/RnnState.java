package org.attention4j.models.rnn;

import org.attention4j.models.seq2seq.DecoderState;
import org.attention4j.tensor.IntTensor;
import org.attention4j.tensor.Tensor;

/**
 * The decoder state of an RNN encoder-decoder: per-layer recurrent states and, by family, the
 * fixed context vector (plain), the attention memory (bahdanau, Luong) and the previous
 * attentional state (Luong with input feeding). Immutable; {@link #select} copies rows.
 */
final class RnnState implements DecoderState {
  private final RnnEncoderDecoder owner;
  private final RnnStack.Layers layers;
  private final Tensor context;
  private final Tensor feed;
  private final Memory memory;
  private final int position;
  private final int rows;

  /**
   * @param context plain: {@code (N, C)}; otherwise {@code null}
   * @param feed Luong with input feeding: {@code h~_(t-1)} {@code (N, H)}; otherwise {@code null}
   * @param memory attention families; otherwise {@code null}
   */
  RnnState(RnnEncoderDecoder owner, RnnStack.Layers layers, Tensor context, Tensor feed, Memory memory, int position) {
    this.owner = owner;
    this.layers = layers;
    this.context = context;
    this.feed = feed;
    this.memory = memory;
    this.position = position;
    this.rows = layers.top().dim(0);
  }

  RnnEncoderDecoder owner() {
    return owner;
  }

  RnnStack.Layers layers() {
    return layers;
  }

  Tensor context() {
    return context;
  }

  Tensor feed() {
    return feed;
  }

  Memory memory() {
    return memory;
  }

  /** The state after one more token. */
  RnnState next(RnnStack.Layers newLayers, Tensor newFeed) {
    return new RnnState(owner, newLayers, context, newFeed, memory, position + 1);
  }

  @Override
  public int rows() {
    return rows;
  }

  @Override
  public int position() {
    return position;
  }

  @Override
  public RnnState select(int[] picked) {
    boolean identity = picked.length == rows;
    for (int i = 0; i < picked.length; i++) {
      if (picked[i] < 0 || picked[i] >= rows) {
        throw new IllegalArgumentException(
            "DecoderState.select: row " + picked[i] + " at index " + i + " is outside 0.." + (rows - 1));
      }
      identity &= picked[i] == i;
    }
    if (picked.length == 0) throw new IllegalArgumentException("DecoderState.select: no rows picked");
    if (identity) return this;
    IntTensor index = IntTensor.of(picked.clone(), picked.length);
    return new RnnState(owner, layers.select(index),
        context == null ? null : context.indexSelect(0, index),
        feed == null ? null : feed.indexSelect(0, index),
        memory == null ? null : memory.select(index, picked),
        position);
  }
}
