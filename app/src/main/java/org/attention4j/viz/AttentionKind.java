package org.attention4j.viz;

/**
 * Which attention a matrix shows, and so which token list labels its rows (queries) and columns
 * (keys).
 */
public enum AttentionKind {
  /** Encoder-decoder attention: rows are target tokens, columns source tokens. */
  CROSS("cross"),
  /** Encoder self-attention (or a single-sequence model such as BERT): source x source. */
  SELF_ENCODER("encoder"),
  /** Decoder self-attention (causal): target x target. */
  SELF_DECODER("decoder");

  private final String id;

  AttentionKind(String id) {
    this.id = id;
  }

  /** The short name used in JSON and in the explorer: {@code cross}, {@code encoder}, {@code decoder}. */
  public String id() {
    return id;
  }

  /** True when the rows (queries) are target tokens. */
  public boolean queriesAreTarget() {
    return this != SELF_ENCODER;
  }

  /** True when the columns (keys) are target tokens. */
  public boolean keysAreTarget() {
    return this == SELF_DECODER;
  }

  /**
   * The kind with this {@link #id()}.
   *
   * @throws IllegalArgumentException naming the accepted ids
   */
  public static AttentionKind ofId(String id) {
    for (AttentionKind k : values()) {
      if (k.id.equals(id)) return k;
    }
    throw new IllegalArgumentException(
        "attention kind: expected one of cross, encoder, decoder, got \"" + id + "\"");
  }
}
