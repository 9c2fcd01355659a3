package org.attention4j.attention;

import org.attention4j.tensor.Tensor;

/**
 * A memory that attention reads <i>and writes</i>, as functions over a memory tensor
 * {@code M (B, N, W)}: {@code N} slots of width {@code W}. Every function returns a new tensor
 * (the memory is a value, threaded through time by the caller) and is differentiable in all its
 * tensor arguments.
 *
 * <ul>
 *   <li>{@link #read}: Graves, Wayne &amp; Danihelka (2014) eq. (2), {@code r = sum_i w(i) M(i)};
 *   <li>{@link #write}: their eq. (3)-(4), erase then add;
 *   <li>{@link #keyValueRead}: the key-value memory network read of Miller et al. (2016),
 *       with separate key and value slots.
 * </ul>
 * The weightings usually come from {@link NtmAddressing}.
 */
public final class KeyValueMemory {
  private KeyValueMemory() {}

  /**
   * Reads {@code R} weighted sums of the slots: {@code r[b, h] = sum_i w[b, h, i] M[b, i]}.
   *
   * @param memory {@code (B, N, W)}
   * @param weights {@code (B, R, N)}, one weighting per read head
   * @return {@code (B, R, W)}
   * @throws IllegalArgumentException if the shapes do not fit
   */
  public static Tensor read(Tensor memory, Tensor weights) {
    checkMemory("KeyValueMemory.read", memory);
    if (weights.rank() != 3 || weights.dim(0) != memory.dim(0) || weights.dim(2) != memory.dim(1)) {
      throw new IllegalArgumentException(
          "KeyValueMemory.read: weights " + weights.shape() + " must be (B, R, N) for memory " + memory.shape());
    }
    return weights.matmul(memory); // (B, R, N) @ (B, N, W) -> (B, R, W)
  }

  /**
   * Writes with one head: erase, then add (Graves et al. 2014, eq. (3)-(4)):
   * {@code M'(i) = M(i) * (1 - w(i) e) + w(i) a}, that is {@code M' = M o (1 - w e^T) + w a^T}.
   *
   * @param memory {@code (B, N, W)}
   * @param weights {@code (B, N)}, the write weighting
   * @param erase {@code (B, W)}, values in {@code [0, 1]} (not checked)
   * @param add {@code (B, W)}
   * @return the new memory {@code (B, N, W)}
   * @throws IllegalArgumentException if the shapes do not fit
   */
  public static Tensor write(Tensor memory, Tensor weights, Tensor erase, Tensor add) {
    checkMemory("KeyValueMemory.write", memory);
    int batch = memory.dim(0);
    int slots = memory.dim(1);
    int width = memory.dim(2);
    if (weights.rank() != 2 || weights.dim(0) != batch || weights.dim(1) != slots) {
      throw new IllegalArgumentException("KeyValueMemory.write: weights " + weights.shape() + " must be (B, N) for memory " + memory.shape());
    }
    for (Tensor v : new Tensor[] {erase, add}) {
      if (v.rank() != 2 || v.dim(0) != batch || v.dim(1) != width) {
        throw new IllegalArgumentException(
            "KeyValueMemory.write: erase " + erase.shape() + " and add " + add.shape() + " must be (B, W) for memory " + memory.shape());
      }
    }
    Tensor w = weights.unsqueeze(2); // (B, N) -> (B, N, 1)
    Tensor erased = memory.mul(w.mul(erase.unsqueeze(1)).neg().add(1f)); // M o (1 - w e^T), (B, N, 1) * (B, 1, W)
    return erased.add(w.mul(add.unsqueeze(1))); // + w a^T
  }

  /**
   * The read of a key-value memory network (Miller et al. 2016, section 3.1): address the key
   * slots, read the value slots, {@code p_i = softmax(q . k_i)}, {@code o = sum_i p_i v_i}.
   *
   * @param queries {@code (B, R, d)}
   * @param keyMemory {@code (B, N, d)}
   * @param valueMemory {@code (B, N, dv)}
   * @param mask which slots each query may read (for example padding), or {@code null}
   * @return context {@code (B, R, dv)} and weights {@code (B, R, N)}
   * @throws IllegalArgumentException if the shapes or the mask do not fit
   */
  public static AttentionResult keyValueRead(Tensor queries, Tensor keyMemory, Tensor valueMemory, Mask mask) {
    checkMemory("KeyValueMemory.keyValueRead", valueMemory);
    if (keyMemory.rank() != 3 || keyMemory.dim(0) != valueMemory.dim(0) || keyMemory.dim(1) != valueMemory.dim(1)) {
      throw new IllegalArgumentException(
          "KeyValueMemory.keyValueRead: key memory " + keyMemory.shape() + " and value memory " + valueMemory.shape()
              + " must be (B, N, d) and (B, N, dv)");
    }
    Tensor scores = new DotScore().scores(queries, keyMemory); // (B, R, N)
    Tensor allowed = mask == null || mask.isNone() ? null
        : mask.toTensor(queries.dim(0), 1, queries.dim(1), keyMemory.dim(1)).squeeze(1);
    Tensor weights = new Softmax().weights(scores, allowed);
    return new AttentionResult(weights.matmul(valueMemory), weights); // (B, R, N) @ (B, N, dv)
  }

  private static void checkMemory(String op, Tensor memory) {
    if (memory.rank() != 3) throw new IllegalArgumentException(op + ": memory " + memory.shape() + " must be (B, N, W)");
  }
}
