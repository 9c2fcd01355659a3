package org.attention4j.viz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.attention4j.eval.Alignment;
import org.attention4j.eval.Link;
import org.attention4j.tensor.Tensor;

/**
 * Everything the visualisations and the doctor read about one example: its tokens and the
 * attention matrices a model produced for it. Models hand this over; nothing here runs a model.
 *
 * <ul>
 *   <li><b>Tokens</b>: source tokens (keys of cross-attention; the only list for a
 *       single-sequence model) and target tokens (queries of cross-attention; empty for
 *       self-attention only).
 *   <li><b>Validity masks</b>: per token, {@code true} = a real token that may be attended,
 *       {@code false} = padding (the project's mask polarity). All true unless set.
 *   <li><b>Matrices</b> by {@link HeadKey} (kind, layer, head): {@code CROSS} is {@code (T, S)},
 *       {@code SELF_ENCODER} {@code (S, S)}, {@code SELF_DECODER} {@code (T, T)}.
 *   <li><b>Snapshots</b>: optional training series (step -> matrices), ascending by step.
 *   <li><b>Gold alignment</b>: optional {@link Alignment} with links {@code (source, target)},
 *       drawn over cross-attention.
 *   <li><b>Metadata</b>: free key/value strings; {@link #MODEL} and {@link #SENTENCE} are known.
 * </ul>
 */
public final class AttentionView {
  /** Metadata key for the model type ({@code "transformer"}, {@code "bahdanau"}...). */
  public static final String MODEL = "model";
  /** Metadata key for the example's id ({@code "Gen 1:1"}, {@code "dev/17"}). */
  public static final String SENTENCE = "sentence";

  private final List<String> source;
  private final List<String> target;
  private final boolean[] sourceValid;
  private final boolean[] targetValid;
  private final SortedMap<HeadKey, AttentionMatrix> matrices;
  private final List<Snapshot> snapshots;
  private final Alignment gold;
  private final Map<String, String> metadata;

  private AttentionView(Builder b) {
    source = List.copyOf(b.source);
    target = List.copyOf(b.target);
    sourceValid = b.sourceValid != null ? b.sourceValid.clone() : filled(source.size());
    targetValid = b.targetValid != null ? b.targetValid.clone() : filled(target.size());
    matrices = Collections.unmodifiableSortedMap(new TreeMap<>(b.matrices));
    List<Snapshot> s = new ArrayList<>(b.snapshots);
    s.sort(Comparator.comparingLong(Snapshot::step));
    snapshots = List.copyOf(s);
    gold = b.gold;
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(b.metadata));
  }

  private static boolean[] filled(int n) {
    boolean[] a = new boolean[n];
    Arrays.fill(a, true);
    return a;
  }

  /** A builder for an encoder-decoder example (cross-attention, and self-attention on either side). */
  public static Builder builder(List<String> sourceTokens, List<String> targetTokens) {
    return new Builder(sourceTokens, targetTokens);
  }

  /** A builder for a single sequence (self-attention only, kind {@code SELF_ENCODER}). */
  public static Builder selfAttention(List<String> tokens) {
    return new Builder(tokens, List.of());
  }

  public List<String> sourceTokens() {
    return source;
  }

  public List<String> targetTokens() {
    return target;
  }

  /** The tokens that label the rows (queries) of a matrix of this kind. */
  public List<String> queryTokens(AttentionKind kind) {
    return kind.queriesAreTarget() ? target : source;
  }

  /** The tokens that label the columns (keys) of a matrix of this kind. */
  public List<String> keyTokens(AttentionKind kind) {
    return kind.keysAreTarget() ? target : source;
  }

  /** Per source token, true = real token (may be attended), false = padding. A copy. */
  public boolean[] sourceValid() {
    return sourceValid.clone();
  }

  /** Per target token, true = real token, false = padding. A copy. */
  public boolean[] targetValid() {
    return targetValid.clone();
  }

  /** The validity of the keys of a matrix of this kind. A copy. */
  public boolean[] keyValid(AttentionKind kind) {
    return kind.keysAreTarget() ? targetValid() : sourceValid();
  }

  /** The validity of the queries of a matrix of this kind. A copy. */
  public boolean[] queryValid(AttentionKind kind) {
    return kind.queriesAreTarget() ? targetValid() : sourceValid();
  }

  /** All matrices, sorted by kind, layer, head. */
  public SortedMap<HeadKey, AttentionMatrix> matrices() {
    return matrices;
  }

  /**
   * The matrix for {@code key}.
   *
   * @throws IllegalArgumentException naming the key if the view has no such matrix
   */
  public AttentionMatrix matrix(HeadKey key) {
    AttentionMatrix m = matrices.get(key);
    if (m == null) throw new IllegalArgumentException("AttentionView: no matrix for " + key.describe());
    return m;
  }

  /** The kinds present, in order. */
  public List<AttentionKind> kinds() {
    return List.copyOf(new TreeSet<>(matrices.keySet().stream().map(HeadKey::kind).toList()));
  }

  /** The layers present for {@code kind}, ascending. */
  public List<Integer> layers(AttentionKind kind) {
    return List.copyOf(new TreeSet<>(
        matrices.keySet().stream().filter(k -> k.kind() == kind).map(HeadKey::layer).toList()));
  }

  /** The heads present for {@code kind} and {@code layer}, ascending. */
  public List<Integer> heads(AttentionKind kind, int layer) {
    return matrices.keySet().stream().filter(k -> k.kind() == kind && k.layer() == layer)
        .map(HeadKey::head).toList();
  }

  /** Training snapshots, ascending by step; empty when none were recorded. */
  public List<Snapshot> snapshots() {
    return snapshots;
  }

  /** The gold alignment, or null when there is none. */
  public Alignment gold() {
    return gold;
  }

  public Map<String, String> metadata() {
    return metadata;
  }

  /** Builds an {@link AttentionView}; {@link #build} checks every size against the tokens. */
  public static final class Builder {
    private final List<String> source;
    private final List<String> target;
    private boolean[] sourceValid;
    private boolean[] targetValid;
    private final Map<HeadKey, AttentionMatrix> matrices = new TreeMap<>();
    private final List<Snapshot> snapshots = new ArrayList<>();
    private Alignment gold;
    private final Map<String, String> metadata = new LinkedHashMap<>();

    private Builder(List<String> source, List<String> target) {
      this.source = List.copyOf(source);
      this.target = List.copyOf(target);
    }

    /** Adds (or replaces) one matrix. */
    public Builder matrix(HeadKey key, AttentionMatrix m) {
      matrices.put(key, m);
      return this;
    }

    /** Adds (or replaces) one matrix given as rows. */
    public Builder matrix(AttentionKind kind, int layer, int head, float[][] weights) {
      return matrix(new HeadKey(kind, layer, head), AttentionMatrix.of(weights));
    }

    /**
     * Adds every head of one layer from a model's weight tensor: {@code (B, h, Tq, Tk)}, {@code
     * (h, Tq, Tk)} with batch item {@code batch} ignored, or single-head {@code (B, Tq, Tk)} when
     * {@code singleHead}. Rows and columns beyond the token lists (batch padding of longer
     * examples) are cropped away; to show padding, include the pad tokens and mark them with
     * {@link #sourceValid}/{@link #targetValid}.
     *
     * @throws IllegalArgumentException if the rank is wrong or the tensor is smaller than the tokens
     */
    public Builder layer(AttentionKind kind, int layer, Tensor weights, int batch, boolean singleHead) {
      Tensor w = weights;
      if (singleHead) {
        if (w.rank() != 3) throw rank(weights, "(B, Tq, Tk)");
        w = w.select(0, batch).unsqueeze(0); // (B, Tq, Tk) -> (1, Tq, Tk)
      } else if (w.rank() == 4) {
        w = w.select(0, batch); // (B, h, Tq, Tk) -> (h, Tq, Tk)
      } else if (w.rank() != 3) {
        throw rank(weights, "(B, h, Tq, Tk) or (h, Tq, Tk)");
      }
      int tq = (kind.queriesAreTarget() ? target : source).size();
      int tk = (kind.keysAreTarget() ? target : source).size();
      if (w.dim(1) < tq || w.dim(2) < tk) {
        throw new IllegalArgumentException("AttentionView.layer: " + kind.id() + " layer " + layer
            + " weights " + weights.shape() + " are smaller than the tokens (" + tq + " queries, "
            + tk + " keys)");
      }
      for (int h = 0; h < w.dim(0); h++) {
        Tensor m = w.select(0, h).narrow(0, 0, tq).narrow(1, 0, tk); // (Tq', Tk') -> (tq, tk)
        matrix(new HeadKey(kind, layer, h), AttentionMatrix.of(m));
      }
      return this;
    }

    /** {@link #layer} for each tensor of a list, layer 0 first (e.g. a model's per-layer maps). */
    public Builder layers(AttentionKind kind, List<Tensor> perLayer, int batch) {
      for (int l = 0; l < perLayer.size(); l++) layer(kind, l, perLayer.get(l), batch, false);
      return this;
    }

    private static IllegalArgumentException rank(Tensor t, String expected) {
      return new IllegalArgumentException(
          "AttentionView.layer: expected weights " + expected + ", got shape " + t.shape());
    }

    /** Adds one training snapshot. */
    public Builder snapshot(Snapshot s) {
      snapshots.add(s);
      return this;
    }

    /** Sets the gold alignment (links {@code source-target}). */
    public Builder gold(Alignment alignment) {
      gold = alignment;
      return this;
    }

    /** Marks source padding: {@code valid[i]} is true for a real token. */
    public Builder sourceValid(boolean[] valid) {
      sourceValid = valid.clone();
      return this;
    }

    /** Marks target padding: {@code valid[j]} is true for a real token. */
    public Builder targetValid(boolean[] valid) {
      targetValid = valid.clone();
      return this;
    }

    /** Sets one metadata entry. */
    public Builder meta(String key, String value) {
      metadata.put(key, value);
      return this;
    }

    /**
     * The view.
     *
     * @throws IllegalArgumentException if a matrix, snapshot, mask or gold link does not fit the
     *     tokens, naming it and both sizes
     */
    public AttentionView build() {
      if (sourceValid != null && sourceValid.length != source.size()) {
        throw new IllegalArgumentException("AttentionView: source mask has " + sourceValid.length
            + " entries for " + source.size() + " source tokens");
      }
      if (targetValid != null && targetValid.length != target.size()) {
        throw new IllegalArgumentException("AttentionView: target mask has " + targetValid.length
            + " entries for " + target.size() + " target tokens");
      }
      matrices.forEach((k, m) -> checkSize("", k, m));
      for (Snapshot s : snapshots) {
        s.matrices().forEach((k, m) -> checkSize("snapshot step " + s.step() + ": ", k, m));
      }
      if (gold != null) {
        for (Link l : gold.possible()) {
          if (l.source() >= source.size() || l.target() >= target.size()) {
            throw new IllegalArgumentException("AttentionView: gold link " + l + " is outside "
                + source.size() + " source x " + target.size() + " target tokens");
          }
        }
      }
      return new AttentionView(this);
    }

    private void checkSize(String where, HeadKey k, AttentionMatrix m) {
      int tq = (k.kind().queriesAreTarget() ? target : source).size();
      int tk = (k.kind().keysAreTarget() ? target : source).size();
      if (m.rows() != tq || m.cols() != tk) {
        throw new IllegalArgumentException("AttentionView: " + where + k.describe() + " is "
            + m.rows() + " x " + m.cols() + ", but the tokens make it " + tq + " x " + tk
            + " (" + (k.kind().queriesAreTarget() ? "target" : "source") + " x "
            + (k.kind().keysAreTarget() ? "target" : "source") + ")");
      }
    }
  }
}
