package org.attention4j.models.rnn;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.attention4j.attention.LuongScore;

/**
 * The RNN encoder-decoder families, under the names used on the command line and in checkpoints
 * ({@link #modelType()}).
 */
public enum RnnKind {
  /** No attention: one fixed-length context vector (Cho et al. 2014; Sutskever et al. 2014). */
  PLAIN("plain", null),
  /** RNNsearch: additive attention with the previous decoder state (Bahdanau et al. 2015). */
  BAHDANAU("bahdanau", null),
  /** Luong et al. (2015) global attention, dot score. */
  LUONG_DOT("luong-dot", LuongScore.DOT),
  /** Luong et al. (2015) global attention, general (bilinear) score. */
  LUONG_GENERAL("luong-general", LuongScore.GENERAL),
  /** Luong et al. (2015) global attention, concat score. */
  LUONG_CONCAT("luong-concat", LuongScore.CONCAT),
  /** Luong et al. (2015) global attention, location score (needs a maximum source length). */
  LUONG_LOCATION("luong-location", LuongScore.LOCATION),
  /** Luong et al. (2015) local attention, monotonic window {@code [t - D, t + D]}. */
  LOCAL_M("local-m", null),
  /** Luong et al. (2015) local attention, predicted window with a Gaussian. */
  LOCAL_P("local-p", null);

  private final String modelType;
  private final LuongScore impliedScore;

  RnnKind(String modelType, LuongScore impliedScore) {
    this.modelType = modelType;
    this.impliedScore = impliedScore;
  }

  /** The command-line and checkpoint name, e.g. {@code "luong-general"}. */
  public String modelType() {
    return modelType;
  }

  /** Whether this is one of Luong et al.'s global or local attention models. */
  public boolean isLuong() {
    return this != PLAIN && this != BAHDANAU;
  }

  /** Whether this is a local attention model (local-m, local-p). */
  public boolean isLocal() {
    return this == LOCAL_M || this == LOCAL_P;
  }

  /** The score a global Luong kind names, or {@code null} (local kinds take the config's). */
  public LuongScore impliedScore() {
    return impliedScore;
  }

  /**
   * The kind with this model type.
   *
   * @throws IllegalArgumentException if no kind has that name
   */
  public static RnnKind of(String modelType) {
    for (RnnKind k : values()) if (k.modelType.equals(modelType)) return k;
    throw new IllegalArgumentException("RnnKind: unknown model type \"" + modelType + "\"; expected one of "
        + Arrays.stream(values()).map(RnnKind::modelType).collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return modelType;
  }
}
