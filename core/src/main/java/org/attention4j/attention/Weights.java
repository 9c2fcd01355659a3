package org.attention4j.attention;

/** Which attention weights a call should return alongside the context. */
public enum Weights {
  /** No weights: the fused kernel never materialises the {@code Tq x Tk} matrix. */
  NONE,
  /** One {@code (Tq, Tk)} matrix per head: {@code (B, H, Tq, Tk)}. */
  PER_HEAD,
  /** The mean over heads: {@code (B, Tq, Tk)} (PyTorch's {@code average_attn_weights=True}). */
  AVERAGED
}
