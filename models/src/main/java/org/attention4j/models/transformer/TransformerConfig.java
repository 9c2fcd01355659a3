package org.attention4j.models.transformer;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.attention4j.io.Json;

/**
 * Sizes and options of a {@link Transformer}, validated on construction. Build one with {@link
 * #builder}; every default lives in {@link Builder}.
 *
 * @param sourceVocab source vocabulary size
 * @param targetVocab target vocabulary size
 * @param padId the padding id, a valid id of both vocabularies
 * @param dModel model width {@code d_model}; divisible by {@code heads}
 * @param heads attention heads {@code h}
 * @param encoderLayers encoder layers {@code N} (at least 1)
 * @param decoderLayers decoder layers {@code N} (at least 1)
 * @param ffDim inner width {@code d_ff} of the position-wise feed-forward network
 * @param dropout residual dropout {@code P_drop}: on each sub-layer's output before the residual
 *     sum and on the sum of embeddings and positions (Vaswani et al. 2017, sec. 5.4)
 * @param attentionDropout dropout on the attention weights
 * @param activationDropout dropout after the feed-forward activation
 * @param activation the feed-forward nonlinearity
 * @param norm where the layer norms sit
 * @param positions which absolute position encoding is added to the embeddings
 * @param maxLength the longest source or target sequence (size of the position table)
 * @param shareEmbeddings one embedding table for source and target (needs equal vocabularies)
 * @param tieOutput the output projection reuses the target embedding matrix (Press &amp; Wolf 2017)
 * @param labelSmoothing {@code epsilon_ls} for the training loss; the model does not use it, the
 *     trainer reads it from here (Szegedy et al. 2016; the paper uses 0.1)
 */
public record TransformerConfig(
    int sourceVocab,
    int targetVocab,
    int padId,
    int dModel,
    int heads,
    int encoderLayers,
    int decoderLayers,
    int ffDim,
    double dropout,
    double attentionDropout,
    double activationDropout,
    Activation activation,
    NormPlacement norm,
    PositionKind positions,
    int maxLength,
    boolean shareEmbeddings,
    boolean tieOutput,
    double labelSmoothing) {

  /** The feed-forward nonlinearity. */
  public enum Activation {
    /** {@code max(0, x)}, as in the paper. */
    RELU,
    /** The exact (erf) GELU of Hendrycks &amp; Gimpel (2016). */
    GELU
  }

  /** Where each sub-layer's layer norm sits. */
  public enum NormPlacement {
    /** {@code LayerNorm(x + Sublayer(x))}: the paper (Vaswani et al. 2017). */
    POST,
    /**
     * {@code x + Sublayer(LayerNorm(x))}, plus a final norm after each stack: Xiong et al. (2020),
     * trains without warm-up.
     */
    PRE
  }

  /** Which absolute position encoding is added to the scaled embeddings. */
  public enum PositionKind {
    /** The fixed sines and cosines of sec. 3.5. */
    SINUSOIDAL,
    /** A learned table of {@code maxLength} vectors (Gehring et al. 2017). */
    LEARNED
  }

  private static final String WHO = "TransformerConfig";

  public TransformerConfig {
    Objects.requireNonNull(activation, WHO + ": activation is null");
    Objects.requireNonNull(norm, WHO + ": norm is null");
    Objects.requireNonNull(positions, WHO + ": positions is null");
    if (sourceVocab < 2 || targetVocab < 2) {
      throw new IllegalArgumentException(WHO + ": vocabularies need at least 2 ids, got sourceVocab " + sourceVocab
          + " and targetVocab " + targetVocab);
    }
    if (padId < 0 || padId >= Math.min(sourceVocab, targetVocab)) {
      throw new IllegalArgumentException(WHO + ": padId " + padId + " must be an id of both vocabularies (source "
          + sourceVocab + ", target " + targetVocab + ")");
    }
    if (dModel <= 0 || heads <= 0 || ffDim <= 0 || maxLength <= 0) {
      throw new IllegalArgumentException(WHO + ": sizes must be positive, got dModel " + dModel + ", heads " + heads
          + ", ffDim " + ffDim + ", maxLength " + maxLength);
    }
    if (dModel % heads != 0) {
      throw new IllegalArgumentException(WHO + ": dModel (" + dModel + ") must be divisible by heads (" + heads + ")");
    }
    if (encoderLayers < 1 || decoderLayers < 1) {
      throw new IllegalArgumentException(WHO + ": encoderLayers and decoderLayers must be at least 1, got "
          + encoderLayers + " and " + decoderLayers);
    }
    checkProbability("dropout", dropout);
    checkProbability("attentionDropout", attentionDropout);
    checkProbability("activationDropout", activationDropout);
    checkProbability("labelSmoothing", labelSmoothing);
    if (shareEmbeddings && sourceVocab != targetVocab) {
      throw new IllegalArgumentException(WHO + ": shareEmbeddings needs equal vocabularies, got sourceVocab "
          + sourceVocab + " and targetVocab " + targetVocab);
    }
  }

  private static void checkProbability(String name, double p) {
    if (!(p >= 0 && p < 1)) throw new IllegalArgumentException(WHO + ": " + name + " must be in [0, 1), got " + p);
  }

  /** Width of one head, {@code d_k = d_v = d_model / h}. */
  public int headDim() {
    return dModel / heads;
  }

  /** A builder with the defaults of {@link Builder} for the given vocabularies and padding id. */
  public static Builder builder(int sourceVocab, int targetVocab, int padId) {
    return new Builder(sourceVocab, targetVocab, padId);
  }

  /** A builder that starts from this config. */
  public Builder toBuilder() {
    Builder b = new Builder(sourceVocab, targetVocab, padId);
    b.dModel = dModel;
    b.heads = heads;
    b.encoderLayers = encoderLayers;
    b.decoderLayers = decoderLayers;
    b.ffDim = ffDim;
    b.dropout = dropout;
    b.attentionDropout = attentionDropout;
    b.activationDropout = activationDropout;
    b.activation = activation;
    b.norm = norm;
    b.positions = positions;
    b.maxLength = maxLength;
    b.shareEmbeddings = shareEmbeddings;
    b.tieOutput = tieOutput;
    b.labelSmoothing = labelSmoothing;
    return b;
  }

  /**
   * Collects options; {@link #build} validates them. The defaults are the paper's base model
   * (Vaswani et al. 2017, table 3) with dropout in the three places PyTorch's
   * {@code nn.Transformer} puts it.
   */
  public static final class Builder {
    private final int sourceVocab;
    private final int targetVocab;
    private final int padId;
    private int dModel = 512;
    private int heads = 8;
    private int encoderLayers = 6;
    private int decoderLayers = 6;
    private int ffDim = 2048;
    private double dropout = 0.1;
    private double attentionDropout = 0.1;
    private double activationDropout = 0.1;
    private Activation activation = Activation.RELU;
    private NormPlacement norm = NormPlacement.POST;
    private PositionKind positions = PositionKind.SINUSOIDAL;
    private int maxLength = 1024;
    private boolean shareEmbeddings = false;
    private boolean tieOutput = false;
    private double labelSmoothing = 0.1;

    private Builder(int sourceVocab, int targetVocab, int padId) {
      this.sourceVocab = sourceVocab;
      this.targetVocab = targetVocab;
      this.padId = padId;
    }

    public Builder dModel(int v) { dModel = v; return this; }
    public Builder heads(int v) { heads = v; return this; }
    /** Encoder and decoder layers. */
    public Builder layers(int encoder, int decoder) { encoderLayers = encoder; decoderLayers = decoder; return this; }
    public Builder ffDim(int v) { ffDim = v; return this; }
    /** Sets all three dropouts (residual, attention, activation) to {@code p}, as {@code nn.Transformer} does. */
    public Builder dropout(double p) { dropout = p; attentionDropout = p; activationDropout = p; return this; }
    public Builder residualDropout(double p) { dropout = p; return this; }
    public Builder attentionDropout(double p) { attentionDropout = p; return this; }
    public Builder activationDropout(double p) { activationDropout = p; return this; }
    public Builder activation(Activation v) { activation = v; return this; }
    public Builder norm(NormPlacement v) { norm = v; return this; }
    public Builder positions(PositionKind v) { positions = v; return this; }
    public Builder maxLength(int v) { maxLength = v; return this; }
    public Builder shareEmbeddings(boolean v) { shareEmbeddings = v; return this; }
    public Builder tieOutput(boolean v) { tieOutput = v; return this; }
    public Builder labelSmoothing(double v) { labelSmoothing = v; return this; }

    /**
     * The config.
     *
     * @throws IllegalArgumentException if an option is out of range (see the record's rules)
     */
    public TransformerConfig build() {
      return new TransformerConfig(sourceVocab, targetVocab, padId, dModel, heads, encoderLayers, decoderLayers, ffDim,
          dropout, attentionDropout, activationDropout, activation, norm, positions, maxLength, shareEmbeddings,
          tieOutput, labelSmoothing);
    }
  }

  // ---------------------------------------------------------------- JSON-compatible form

  private static final Set<String> KEYS = Set.of("modelType", "sourceVocab", "targetVocab", "padId", "dModel", "heads",
      "encoderLayers", "decoderLayers", "ffDim", "dropout", "attentionDropout", "activationDropout", "activation",
      "norm", "positions", "maxLength", "shareEmbeddings", "tieOutput", "labelSmoothing");

  /**
   * This config as JSON-compatible values (integers as {@code Long}, enums as lower-case
   * strings), with {@code "modelType": "transformer"} first.
   */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("modelType", Transformer.MODEL_TYPE);
    m.put("sourceVocab", (long) sourceVocab);
    m.put("targetVocab", (long) targetVocab);
    m.put("padId", (long) padId);
    m.put("dModel", (long) dModel);
    m.put("heads", (long) heads);
    m.put("encoderLayers", (long) encoderLayers);
    m.put("decoderLayers", (long) decoderLayers);
    m.put("ffDim", (long) ffDim);
    m.put("dropout", dropout);
    m.put("attentionDropout", attentionDropout);
    m.put("activationDropout", activationDropout);
    m.put("activation", activation.name().toLowerCase(Locale.ROOT));
    m.put("norm", norm.name().toLowerCase(Locale.ROOT));
    m.put("positions", positions.name().toLowerCase(Locale.ROOT));
    m.put("maxLength", (long) maxLength);
    m.put("shareEmbeddings", shareEmbeddings);
    m.put("tieOutput", tieOutput);
    m.put("labelSmoothing", labelSmoothing);
    return m;
  }

  /**
   * Reads a config written by {@link #toMap} (or parsed from its JSON). {@code sourceVocab},
   * {@code targetVocab} and {@code padId} are required; absent options take the {@link Builder}
   * defaults. Unknown keys are rejected, so that a misspelt option is not silently ignored.
   *
   * @throws IllegalArgumentException naming the field for a missing, mistyped, unknown or
   *     out-of-range value
   */
  public static TransformerConfig fromMap(Map<String, ?> map) {
    String src = "transformer config";
    for (String k : map.keySet()) {
      if (!KEYS.contains(k)) {
        throw new IllegalArgumentException(src + ": unknown field '" + k + "' (known: " + String.join(", ",
            KEYS.stream().sorted().toList()) + ")");
      }
    }
    String type = Json.optString(map, "modelType", Transformer.MODEL_TYPE, src);
    if (!type.equals(Transformer.MODEL_TYPE)) {
      throw new IllegalArgumentException(src + ": field 'modelType' must be \"" + Transformer.MODEL_TYPE + "\", got \"" + type + "\"");
    }
    Builder d = builder(Json.getInt(map, "sourceVocab", src), Json.getInt(map, "targetVocab", src),
        Json.getInt(map, "padId", src));
    d.dModel = Json.optInt(map, "dModel", d.dModel, src);
    d.heads = Json.optInt(map, "heads", d.heads, src);
    d.encoderLayers = Json.optInt(map, "encoderLayers", d.encoderLayers, src);
    d.decoderLayers = Json.optInt(map, "decoderLayers", d.decoderLayers, src);
    d.ffDim = Json.optInt(map, "ffDim", d.ffDim, src);
    d.dropout = Json.optDouble(map, "dropout", d.dropout, src);
    d.attentionDropout = Json.optDouble(map, "attentionDropout", d.attentionDropout, src);
    d.activationDropout = Json.optDouble(map, "activationDropout", d.activationDropout, src);
    d.activation = parseEnum(Activation.class, "activation", Json.optString(map, "activation", lower(d.activation), src));
    d.norm = parseEnum(NormPlacement.class, "norm", Json.optString(map, "norm", lower(d.norm), src));
    d.positions = parseEnum(PositionKind.class, "positions", Json.optString(map, "positions", lower(d.positions), src));
    d.maxLength = Json.optInt(map, "maxLength", d.maxLength, src);
    d.shareEmbeddings = Json.optBoolean(map, "shareEmbeddings", d.shareEmbeddings, src);
    d.tieOutput = Json.optBoolean(map, "tieOutput", d.tieOutput, src);
    d.labelSmoothing = Json.optDouble(map, "labelSmoothing", d.labelSmoothing, src);
    return d.build();
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  private static <E extends Enum<E>> E parseEnum(Class<E> type, String field, String value) {
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(value)) return e;
    }
    StringBuilder known = new StringBuilder();
    for (E e : type.getEnumConstants()) known.append(known.isEmpty() ? "" : ", ").append(lower(e));
    throw new IllegalArgumentException("transformer config: field '" + field + "' must be one of " + known + ", got \"" + value + "\"");
  }
}
