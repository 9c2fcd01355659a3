package org.attention4j.models.rnn;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.attention4j.attention.LuongScore;

/**
 * Everything that shapes an RNN encoder-decoder. Start from {@link #defaults} (all defaults live
 * there) and change what you need with the {@code with...} methods; the compact constructor
 * checks every combination and says what is wrong.
 *
 * @param kind the family ({@link RnnKind})
 * @param sourceVocab source token ids {@code 0 .. sourceVocab - 1}
 * @param targetVocab target token ids {@code 0 .. targetVocab - 1}
 * @param padId the padding id of both vocabularies (its embedding rows stay zero); default 0
 * @param embedDim source and target embedding width; default 256
 * @param hiddenDim the decoder state width {@code H}. The encoder's per-direction width is
 *     {@code H} too, except for Luong kinds with a bidirectional encoder, where each direction
 *     has {@code H / 2} so that the annotations and the final states are {@code H} wide and the
 *     decoder can start from them; default 256
 * @param encoderLayers stacked encoder layers; default 1 (Luong kinds: 2)
 * @param bidirectional whether the encoder reads the source both ways; default {@code true} for
 *     bahdanau, {@code false} otherwise
 * @param decoderLayers stacked decoder layers; default 1 (Luong kinds: 2, equal to the encoder's,
 *     since the decoder starts from the encoder's final states)
 * @param cell GRU or LSTM for encoder and decoder; default GRU (Luong kinds: LSTM, as the paper)
 * @param dropout on embeddings, between stacked layers and before the output layer, in
 *     training mode; default 0 (Luong kinds: 0.2, as the paper)
 * @param attentionDim hidden width of the additive (bahdanau) and concat scores; default
 *     {@code hiddenDim}
 * @param score Luong's score (eq. (8)): implied by global kinds (luong-dot ...), chosen for
 *     local-m/local-p (default GENERAL); {@code null} for plain and bahdanau
 * @param window the local attention half-width {@code D} (local-m: {@code >= 0}, local-p:
 *     {@code >= 1}); default 10, as the paper; ignored by other kinds
 * @param inputFeeding Luong's input feeding (sec. 3.3): the previous attentional state
 *     {@code h~_(t-1)} is concatenated to the decoder input; default {@code true}; ignored by
 *     plain and bahdanau
 * @param maxSourceLength the longest source the location score can rank; default 100; ignored
 *     by other scores
 */
public record RnnSeq2SeqConfig(
    RnnKind kind,
    int sourceVocab,
    int targetVocab,
    int padId,
    int embedDim,
    int hiddenDim,
    int encoderLayers,
    boolean bidirectional,
    int decoderLayers,
    RnnCell cell,
    double dropout,
    int attentionDim,
    LuongScore score,
    int window,
    boolean inputFeeding,
    int maxSourceLength) {

  private static final String OP = "RnnSeq2SeqConfig: ";

  /**
   * @throws NullPointerException if {@code kind} or {@code cell} is null
   * @throws IllegalArgumentException if a size is out of range or the options contradict the kind
   */
  public RnnSeq2SeqConfig {
    Objects.requireNonNull(kind, OP + "kind is null");
    Objects.requireNonNull(cell, OP + "cell is null");
    if (sourceVocab < 2) throw new IllegalArgumentException(OP + "sourceVocab must be >= 2, got " + sourceVocab);
    if (targetVocab < 2) throw new IllegalArgumentException(OP + "targetVocab must be >= 2, got " + targetVocab);
    if (padId < 0 || padId >= Math.min(sourceVocab, targetVocab)) {
      throw new IllegalArgumentException(OP + "padId " + padId + " is outside both vocabularies [0, "
          + Math.min(sourceVocab, targetVocab) + ")");
    }
    positive("embedDim", embedDim);
    positive("hiddenDim", hiddenDim);
    positive("encoderLayers", encoderLayers);
    positive("decoderLayers", decoderLayers);
    positive("attentionDim", attentionDim);
    positive("maxSourceLength", maxSourceLength);
    if (!(dropout >= 0 && dropout < 1)) throw new IllegalArgumentException(OP + "dropout must be in [0, 1), got " + dropout);
    if (!kind.isLuong()) {
      if (score != null) {
        throw new IllegalArgumentException(OP + kind + " has no Luong score; score must be null, got " + score);
      }
    } else {
      if (kind.impliedScore() != null) {
        if (score == null) score = kind.impliedScore();
        if (score != kind.impliedScore()) {
          throw new IllegalArgumentException(OP + kind + " implies score " + kind.impliedScore() + ", got " + score);
        }
      } else if (score == null) {
        throw new IllegalArgumentException(OP + kind + " needs a score (DOT, GENERAL, CONCAT or LOCATION)");
      }
      if (bidirectional && hiddenDim % 2 != 0) {
        throw new IllegalArgumentException(OP + kind + " with a bidirectional encoder needs an even hiddenDim"
            + " (each direction gets hiddenDim / 2), got " + hiddenDim);
      }
      if (decoderLayers != encoderLayers) {
        throw new IllegalArgumentException(OP + kind + " starts the decoder from the encoder's final states, so decoderLayers ("
            + decoderLayers + ") must equal encoderLayers (" + encoderLayers + ")");
      }
    }
    int minWindow = kind == RnnKind.LOCAL_P ? 1 : 0;
    if (kind.isLocal() && window < minWindow) {
      throw new IllegalArgumentException(OP + kind + " needs window D >= " + minWindow + ", got " + window);
    }
  }

  private static void positive(String name, int value) {
    if (value < 1) throw new IllegalArgumentException(OP + name + " must be positive, got " + value);
  }

  /**
   * The defaults of a family: the one place where they are set.
   *
   * @throws IllegalArgumentException if a vocabulary is smaller than 2
   */
  public static RnnSeq2SeqConfig defaults(RnnKind kind, int sourceVocab, int targetVocab) {
    Objects.requireNonNull(kind, OP + "kind is null");
    boolean luong = kind.isLuong();
    int layers = luong ? 2 : 1;
    LuongScore score = !luong ? null : kind.impliedScore() != null ? kind.impliedScore() : LuongScore.GENERAL;
    return new RnnSeq2SeqConfig(kind, sourceVocab, targetVocab, 0, 256, 256, layers, kind == RnnKind.BAHDANAU, layers,
        luong ? RnnCell.LSTM : RnnCell.GRU, luong ? 0.2 : 0.0, 256, score, 10, true, 100);
  }

  /** The encoder's hidden width per direction (see {@link #hiddenDim}). */
  public int encoderHidden() {
    return kind.isLuong() && bidirectional ? hiddenDim / 2 : hiddenDim;
  }

  /** The width of the encoder's annotations: directions times {@link #encoderHidden()}. */
  public int memoryDim() {
    return (bidirectional ? 2 : 1) * encoderHidden();
  }

  // ---------------------------------------------------------------- withers

  public RnnSeq2SeqConfig withPadId(int id) {
    return new RnnSeq2SeqConfig(kind, sourceVocab, targetVocab, id, embedDim, hiddenDim, encoderLayers, bidirectional,
        decoderLayers, cell, dropout, attentionDim, score, window, inputFeeding, maxSourceLength);
  }

  /** Embedding, hidden and attention widths ({@code attentionDim = hidden}). */
  public RnnSeq2SeqConfig withSizes(int embed, int hidden) {
    return new RnnSeq2SeqConfig(kind, sourceVocab, targetVocab, padId, embed, hidden, encoderLayers, bidirectional,
        decoderLayers, cell, dropout, hidden, score, window, inputFeeding, maxSourceLength);
  }

  public RnnSeq2SeqConfig withAttentionDim(int dim) {
    return new RnnSeq2SeqConfig(kind, sourceVocab, targetVocab, padId, embedDim, hiddenDim, encoderLayers, bidirectional,
        decoderLayers, cell, dropout, dim, score, window, inputFeeding, maxSourceLength);
  }

  public RnnSeq2SeqConfig withLayers(int encoder, boolean bidi, int decoder) {
    return new RnnSeq2SeqConfig(kind, sourceVocab, targetVocab, padId, embedDim, hiddenDim, encoder, bidi,
        decoder, cell, dropout, attentionDim, score, window, inputFeeding, maxSourceLength);
  }

  public RnnSeq2SeqConfig withCell(RnnCell c) {
    return new RnnSeq2SeqConfig(kind, sourceVocab, targetVocab, padId, embedDim, hiddenDim, encoderLayers, bidirectional,
        decoderLayers, c, dropout, attentionDim, score, window, inputFeeding, maxSourceLength);
  }

  public RnnSeq2SeqConfig withDropout(double p) {
    return new RnnSeq2SeqConfig(kind, sourceVocab, targetVocab, padId, embedDim, hiddenDim, encoderLayers, bidirectional,
        decoderLayers, cell, p, attentionDim, score, window, inputFeeding, maxSourceLength);
  }

  public RnnSeq2SeqConfig withScore(LuongScore s) {
    return new RnnSeq2SeqConfig(kind, sourceVocab, targetVocab, padId, embedDim, hiddenDim, encoderLayers, bidirectional,
        decoderLayers, cell, dropout, attentionDim, s, window, inputFeeding, maxSourceLength);
  }

  public RnnSeq2SeqConfig withWindow(int d) {
    return new RnnSeq2SeqConfig(kind, sourceVocab, targetVocab, padId, embedDim, hiddenDim, encoderLayers, bidirectional,
        decoderLayers, cell, dropout, attentionDim, score, d, inputFeeding, maxSourceLength);
  }

  public RnnSeq2SeqConfig withInputFeeding(boolean on) {
    return new RnnSeq2SeqConfig(kind, sourceVocab, targetVocab, padId, embedDim, hiddenDim, encoderLayers, bidirectional,
        decoderLayers, cell, dropout, attentionDim, score, window, on, maxSourceLength);
  }

  public RnnSeq2SeqConfig withMaxSourceLength(int n) {
    return new RnnSeq2SeqConfig(kind, sourceVocab, targetVocab, padId, embedDim, hiddenDim, encoderLayers, bidirectional,
        decoderLayers, cell, dropout, attentionDim, score, window, inputFeeding, n);
  }

  // ---------------------------------------------------------------- maps (config.json)

  /** The config as JSON-compatible values, keyed by component name; enums as strings. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", kind.modelType());
    m.put("sourceVocab", sourceVocab);
    m.put("targetVocab", targetVocab);
    m.put("padId", padId);
    m.put("embedDim", embedDim);
    m.put("hiddenDim", hiddenDim);
    m.put("encoderLayers", encoderLayers);
    m.put("bidirectional", bidirectional);
    m.put("decoderLayers", decoderLayers);
    m.put("cell", cell.name());
    m.put("dropout", dropout);
    m.put("attentionDim", attentionDim);
    m.put("score", score == null ? null : score.name());
    m.put("window", window);
    m.put("inputFeeding", inputFeeding);
    m.put("maxSourceLength", maxSourceLength);
    return m;
  }

  /**
   * Reads a config written by {@link #toMap()} (or parsed from its JSON: numbers may be Long or
   * Double). {@code kind}, {@code sourceVocab} and {@code targetVocab} are required; missing
   * options take the kind's {@link #defaults}. Unknown keys are rejected.
   *
   * @throws IllegalArgumentException naming the key if a value is missing, unknown or mistyped
   */
  public static RnnSeq2SeqConfig fromMap(Map<String, ?> map) {
    for (String key : map.keySet()) {
      if (!KEYS.contains(key)) throw new IllegalArgumentException(OP + "unknown key \"" + key + "\"; expected " + KEYS);
    }
    Object kindName = require(map, "kind");
    if (!(kindName instanceof String s)) throw typeError("kind", "a string", kindName);
    RnnKind kind = RnnKind.of(s);
    RnnSeq2SeqConfig d = defaults(kind, integer(map, "sourceVocab", null), integer(map, "targetVocab", null));
    LuongScore score = d.score;
    if (map.containsKey("score")) {
      Object v = map.get("score");
      if (v != null && !(v instanceof String)) throw typeError("score", "a string or null", v);
      score = v == null ? null : parseEnum(LuongScore.class, "score", (String) v);
    }
    return new RnnSeq2SeqConfig(kind, d.sourceVocab, d.targetVocab,
        integer(map, "padId", d.padId),
        integer(map, "embedDim", d.embedDim),
        integer(map, "hiddenDim", d.hiddenDim),
        integer(map, "encoderLayers", d.encoderLayers),
        bool(map, "bidirectional", d.bidirectional),
        integer(map, "decoderLayers", d.decoderLayers),
        map.containsKey("cell") ? parseEnum(RnnCell.class, "cell", string(map, "cell")) : d.cell,
        number(map, "dropout", d.dropout),
        integer(map, "attentionDim", d.attentionDim),
        score,
        integer(map, "window", d.window),
        bool(map, "inputFeeding", d.inputFeeding),
        integer(map, "maxSourceLength", d.maxSourceLength));
  }

  private static final java.util.List<String> KEYS = java.util.List.of("kind", "sourceVocab", "targetVocab", "padId",
      "embedDim", "hiddenDim", "encoderLayers", "bidirectional", "decoderLayers", "cell", "dropout", "attentionDim",
      "score", "window", "inputFeeding", "maxSourceLength");

  private static Object require(Map<String, ?> map, String key) {
    Object v = map.get(key);
    if (v == null) throw new IllegalArgumentException(OP + "\"" + key + "\" is missing");
    return v;
  }

  private static int integer(Map<String, ?> map, String key, Integer fallback) {
    if (!map.containsKey(key) && fallback != null) return fallback;
    Object v = require(map, key);
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && Math.abs(n.doubleValue()) <= Integer.MAX_VALUE) {
      return n.intValue();
    }
    throw typeError(key, "an integer", v);
  }

  private static double number(Map<String, ?> map, String key, double fallback) {
    if (!map.containsKey(key)) return fallback;
    Object v = require(map, key);
    if (v instanceof Number n) return n.doubleValue();
    throw typeError(key, "a number", v);
  }

  private static boolean bool(Map<String, ?> map, String key, boolean fallback) {
    if (!map.containsKey(key)) return fallback;
    Object v = require(map, key);
    if (v instanceof Boolean b) return b;
    throw typeError(key, "true or false", v);
  }

  private static String string(Map<String, ?> map, String key) {
    Object v = require(map, key);
    if (v instanceof String s) return s;
    throw typeError(key, "a string", v);
  }

  private static <E extends Enum<E>> E parseEnum(Class<E> type, String key, String value) {
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(OP + "\"" + key + "\" must be one of "
          + java.util.Arrays.toString(type.getEnumConstants()) + ", got \"" + value + "\"");
    }
  }

  private static IllegalArgumentException typeError(String key, String want, Object got) {
    return new IllegalArgumentException(OP + "\"" + key + "\" must be " + want + ", got " + got
        + (got == null ? "" : " (" + got.getClass().getSimpleName() + ")"));
  }
}
