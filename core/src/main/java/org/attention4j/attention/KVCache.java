package org.attention4j.attention;

import org.attention4j.autograd.GradMode;
import org.attention4j.tensor.Tensor;

/**
 * Projected keys and values kept between decoding steps, so that each new token attends to the
 * past without recomputing it.
 *
 * <p>A <b>self-attention</b> cache grows: each step appends its keys and values. Storage grows by
 * doubling, so appending {@code T} steps one at a time copies {@code O(T)} elements in total,
 * and the keys and values handed to attention are views of the storage (no copy per step).
 * A <b>cross-attention</b> cache is filled once (the projected encoder memory) and reused.
 *
 * <p>Caches are for inference: appending while grad mode is on throws, since the stored
 * tensors are not part of any graph.
 */
public final class KVCache {
  private final boolean growing;
  private float[] keys;
  private float[] values;
  private int batch;
  private int heads;
  private int keyDim;
  private int valueDim;
  private int capacity;
  private int length;

  private KVCache(boolean growing) {
    this.growing = growing;
  }

  /** A cache that grows by one or more positions per step (decoder self-attention). */
  public static KVCache selfAttention() {
    return new KVCache(true);
  }

  /** A cache that is filled once and then reused (encoder-decoder cross-attention). */
  public static KVCache crossAttention() {
    return new KVCache(false);
  }

  /** Whether this cache grows each step. */
  public boolean isGrowing() {
    return growing;
  }

  /** Number of cached positions. */
  public int length() {
    return length;
  }

  /** Whether a cross-attention cache has been filled. */
  public boolean isFilled() {
    return length > 0;
  }

  /** Forgets everything (for the next sequence). */
  public void clear() {
    length = 0;
  }

  /**
   * Appends keys {@code (B, H, t, dk)} and values {@code (B, H, t, dv)}; for a cross-attention
   * cache, stores them (only once).
   *
   * @throws IllegalStateException if grad mode is on, or a cross-attention cache is already filled
   * @throws IllegalArgumentException if the shapes differ from what is cached
   */
  public void append(Tensor k, Tensor v) {
    if (GradMode.isEnabled() && (k.requiresGrad() || v.requiresGrad())) {
      throw new IllegalStateException("KVCache: caches are for inference; decode inside GradMode.noGrad()");
    }
    if (!growing && length > 0) {
      throw new IllegalStateException("KVCache: this cross-attention cache is already filled; clear() it first");
    }
    if (k.rank() != 4 || v.rank() != 4 || k.dim(0) != v.dim(0) || k.dim(1) != v.dim(1) || k.dim(2) != v.dim(2)) {
      throw new IllegalArgumentException("KVCache: keys " + k.shape() + " and values " + v.shape() + " must be (B, H, t, d) with equal B, H, t");
    }
    int t = k.dim(2);
    if (length == 0) {
      boolean sameShape = keys != null && batch == k.dim(0) && heads == k.dim(1) && keyDim == k.dim(3) && valueDim == v.dim(3);
      batch = k.dim(0);
      heads = k.dim(1);
      keyDim = k.dim(3);
      valueDim = v.dim(3);
      if (!sameShape || capacity < t) allocate(Math.max(t, 16));
    } else if (k.dim(0) != batch || k.dim(1) != heads || k.dim(3) != keyDim || v.dim(3) != valueDim) {
      throw new IllegalArgumentException(
          "KVCache: appending keys " + k.shape() + " / values " + v.shape() + " to a cache of (B=" + batch + ", H=" + heads
              + ", dk=" + keyDim + ", dv=" + valueDim + ")");
    }
    if (length + t > capacity) grow(Math.max(length + t, capacity * 2));
    write(k, keys, keyDim);
    write(v, values, valueDim);
    length += t;
  }

  /** The cached keys as a view {@code (B, H, length, dk)}. */
  public Tensor keys() {
    return view(keys, keyDim);
  }

  /** The cached values as a view {@code (B, H, length, dv)}. */
  public Tensor values() {
    return view(values, valueDim);
  }

  private Tensor view(float[] store, int d) {
    if (length == 0) throw new IllegalStateException("KVCache: empty");
    return Tensor.wrap(store, batch, heads, capacity, d).narrow(2, 0, length);
  }

  private void allocate(int cap) {
    capacity = cap;
    keys = new float[batch * heads * cap * keyDim];
    values = new float[batch * heads * cap * valueDim];
  }

  private void grow(int newCapacity) {
    float[] k = new float[batch * heads * newCapacity * keyDim];
    float[] v = new float[batch * heads * newCapacity * valueDim];
    for (int bh = 0; bh < batch * heads; bh++) {
      System.arraycopy(keys, bh * capacity * keyDim, k, bh * newCapacity * keyDim, length * keyDim);
      System.arraycopy(values, bh * capacity * valueDim, v, bh * newCapacity * valueDim, length * valueDim);
    }
    keys = k;
    values = v;
    capacity = newCapacity;
  }

  private void write(Tensor src, float[] store, int d) {
    Tensor dst = Tensor.wrap(store, batch, heads, capacity, d).narrow(2, length, src.dim(2));
    try (var _ = GradMode.noGrad()) {
      dst.copyFrom(src);
    }
  }
}
