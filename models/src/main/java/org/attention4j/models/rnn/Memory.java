package org.attention4j.models.rnn;

import org.attention4j.attention.Attention;
import org.attention4j.attention.Mask;
import org.attention4j.attention.ProjectedKeys;
import org.attention4j.tensor.IntTensor;
import org.attention4j.tensor.Tensor;

/**
 * What an attention decoder reads at every step: the encoder's annotations (the values), the
 * keys projected once by the attention's score ({@link Attention#projectKeys}), and the source
 * lengths with their padding mask.
 */
final class Memory {
  private final Tensor values;
  private final ProjectedKeys keys;
  private final int[] lengths;
  private final Mask mask;

  private Memory(Tensor values, ProjectedKeys keys, int[] lengths) {
    this.values = values;
    this.keys = keys;
    this.lengths = lengths;
    this.mask = Mask.keyPadding(lengths);
  }

  /**
   * Projects the keys of {@code annotations (B, S, dk)} once.
   *
   * @param lengths real source tokens per row
   */
  static Memory of(Attention attention, Tensor annotations, int[] lengths) {
    return new Memory(annotations, attention.projectKeys(annotations), lengths.clone());
  }

  /** The annotations {@code (N, S, dk)}. */
  Tensor values() {
    return values;
  }

  ProjectedKeys keys() {
    return keys;
  }

  Mask mask() {
    return mask;
  }

  /**
   * The memory whose row {@code i} is row {@code rows[i]} of this one: the annotations and the
   * projected keys are copied by {@code indexSelect}, nothing is projected again.
   */
  Memory select(IntTensor index, int[] rows) {
    Tensor v = values.indexSelect(0, index);
    Tensor raw = keys.keys() == values ? v : keys.keys().indexSelect(0, index);
    Tensor projected = keys.projected() == keys.keys() ? raw : keys.projected().indexSelect(0, index);
    int[] l = new int[rows.length];
    for (int i = 0; i < rows.length; i++) l[i] = lengths[rows[i]];
    return new Memory(v, new ProjectedKeys(keys.score(), raw, projected), l);
  }
}
