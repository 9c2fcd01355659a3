package org.attention4j.models.transformer;

import org.attention4j.attention.KVCache;
import org.attention4j.attention.Mask;
import org.attention4j.autograd.GradMode;
import org.attention4j.models.seq2seq.DecoderState;
import org.attention4j.tensor.IntTensor;

/**
 * The decoding state of a {@link Transformer}: per decoder layer a cross-attention cache (the
 * projected encoder memory) and a self-attention cache (keys and values of every token fed so
 * far), plus the position of the next token.
 *
 * <p><b>Cross-attention caches.</b> {@link Transformer#start} fills one set for the {@code B}
 * source rows. Each state knows which source every row decodes ({@code sourceOf}); {@link
 * #select} keeps the caches when that map does not change (beam search after the first
 * expansion: row {@code i} keeps decoding the same source), uses the source rows' own caches when
 * the map is the identity, and otherwise gathers the needed rows once, {@code O(rows x S)}.
 *
 * <p><b>Self-attention caches.</b> {@link KVCache} keeps its storage to itself and only appends,
 * so {@link #select} gathers the chosen rows into fresh caches:
 * {@code O(rows x cached length)} per layer (a gather, a store, and one doubling at the next
 * append). An identity selection shares the caches.
 *
 * <p><b>Immutability.</b> A step appends to the caches it was given instead of copying them, and
 * the new state shares them. The old state stays valid: caches only ever grow, so its prefix is
 * intact, and a state whose caches have grown past its position (stepped twice, or stepped after
 * a sibling that shares its caches) copies that prefix into fresh caches before stepping. Linear
 * decoding therefore never copies, and branching costs one copy. States are not thread-safe.
 */
final class TransformerState implements DecoderState {
  private final Transformer owner;
  private final KVCache[] sourceCross;
  private final int[] sourceLengths;
  private final int[] sourceOf;
  private final KVCache[] cross;
  private final Mask crossMask;
  private final KVCache[] self;
  private final int position;

  private TransformerState(Transformer owner, KVCache[] sourceCross, int[] sourceLengths, int[] sourceOf,
      KVCache[] cross, KVCache[] self, int position) {
    this.owner = owner;
    this.sourceCross = sourceCross;
    this.sourceLengths = sourceLengths;
    this.sourceOf = sourceOf;
    this.cross = cross;
    int[] lengths = new int[sourceOf.length];
    for (int i = 0; i < lengths.length; i++) lengths[i] = sourceLengths[sourceOf[i]];
    this.crossMask = Mask.keyPadding(lengths);
    this.self = self;
    this.position = position;
  }

  static TransformerState initial(Transformer owner, KVCache[] cross, int[] sourceLengths, int layers) {
    int[] identity = new int[sourceLengths.length];
    for (int i = 0; i < identity.length; i++) identity[i] = i;
    return new TransformerState(owner, cross, sourceLengths.clone(), identity, cross, emptyCaches(layers), 0);
  }

  Transformer owner() {
    return owner;
  }

  @Override
  public int rows() {
    return sourceOf.length;
  }

  @Override
  public int position() {
    return position;
  }

  KVCache[] crossCaches() {
    return cross;
  }

  Mask crossMask() {
    return crossMask;
  }

  /**
   * The self-attention caches a step may append to: this state's own when they hold exactly
   * {@code position} tokens, otherwise fresh copies of their first {@code position} tokens.
   */
  KVCache[] selfCachesForStep() {
    if (self[0].length() == position) return self;
    int[] all = new int[rows()];
    for (int i = 0; i < all.length; i++) all[i] = i;
    return gatherSelf(all);
  }

  /** The state after a step that appended one token to {@code used}. */
  TransformerState advance(KVCache[] used) {
    return new TransformerState(owner, sourceCross, sourceLengths, sourceOf, cross, used, position + 1);
  }

  @Override
  public DecoderState select(int[] rows) {
    int n = rows();
    if (rows.length == 0) throw new IllegalArgumentException("TransformerState.select: needs at least one row");
    boolean identity = rows.length == n;
    int[] newSourceOf = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i] < 0 || rows[i] >= n) {
        throw new IllegalArgumentException("TransformerState.select: row " + rows[i] + " at index " + i
            + " is outside 0.." + (n - 1));
      }
      identity &= rows[i] == i;
      newSourceOf[i] = sourceOf[rows[i]];
    }
    if (identity) return this;
    KVCache[] newCross;
    if (java.util.Arrays.equals(newSourceOf, sourceOf)) {
      newCross = cross;
    } else if (isIdentity(newSourceOf, sourceLengths.length)) {
      newCross = sourceCross;
    } else {
      newCross = gather(sourceCross, newSourceOf, false, Integer.MAX_VALUE);
    }
    KVCache[] newSelf = position == 0 ? emptyCaches(self.length) : gatherSelf(rows);
    return new TransformerState(owner, sourceCross, sourceLengths, newSourceOf, newCross, newSelf, position);
  }

  private KVCache[] gatherSelf(int[] rows) {
    if (position == 0) return emptyCaches(self.length);
    return gather(self, rows, true, position);
  }

  /** For each layer, a new cache holding rows {@code rows} (and the first {@code length} positions) of {@code from}. */
  private static KVCache[] gather(KVCache[] from, int[] rows, boolean growing, int length) {
    IntTensor index = IntTensor.of(rows, rows.length);
    KVCache[] out = new KVCache[from.length];
    try (var _ = GradMode.noGrad()) {
      for (int l = 0; l < from.length; l++) {
        int len = Math.min(length, from[l].length());
        out[l] = growing ? KVCache.selfAttention() : KVCache.crossAttention();
        out[l].append(from[l].keys().narrow(2, 0, len).indexSelect(0, index), // (B, h, L, d) -> (N, h, len, d)
            from[l].values().narrow(2, 0, len).indexSelect(0, index));
      }
    }
    return out;
  }

  private static KVCache[] emptyCaches(int layers) {
    KVCache[] c = new KVCache[layers];
    for (int i = 0; i < layers; i++) c[i] = KVCache.selfAttention();
    return c;
  }

  private static boolean isIdentity(int[] map, int size) {
    if (map.length != size) return false;
    for (int i = 0; i < map.length; i++) if (map[i] != i) return false;
    return true;
  }
}
