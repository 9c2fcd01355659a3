package org.attention4j.models.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.attention4j.attention.LuongScore;
import org.attention4j.io.Json;
import org.attention4j.models.rnn.RnnEncoderDecoder;
import org.attention4j.models.rnn.RnnKind;
import org.attention4j.models.rnn.RnnSeq2Seq;
import org.attention4j.models.rnn.RnnSeq2SeqConfig;
import org.attention4j.models.seq2seq.Seq2SeqModel;
import org.attention4j.models.transformer.Transformer;
import org.attention4j.models.transformer.TransformerConfig;

/**
 * Every translation model by its type name: the RNN families of {@link RnnKind} ({@code plain},
 * {@code bahdanau}, {@code luong-dot}, {@code luong-general}, {@code luong-concat}, {@code
 * luong-location}, {@code local-m}, {@code local-p}) and {@code transformer}.
 *
 * <p>A model's config is the JSON-compatible map of its family ({@link
 * Seq2SeqModel#configMap()}): {@link #defaultConfig} gives the family's defaults for two
 * vocabularies, a caller overrides keys (the family rejects unknown ones by name), and {@link
 * #fromConfig} builds the model.
 *
 * <pre>{@code
 * Seq2SeqModel m = Seq2SeqModels.create("bahdanau", 8000, 8000, 0,
 *     Map.of("embedDim", 128, "hiddenDim", 256), rng);
 * Seq2SeqModel again = Seq2SeqModels.fromConfig(m.modelType(), m.configMap(), rng);
 * }</pre>
 */
public final class Seq2SeqModels {
  /** The Transformer's type name. */
  public static final String TRANSFORMER = Transformer.MODEL_TYPE;

  private Seq2SeqModels() {}

  /** Every model type, RNN kinds first, in {@link RnnKind} order, then {@code transformer}. */
  public static List<String> modelTypes() {
    List<String> out = new ArrayList<>(RnnSeq2Seq.modelTypes());
    out.add(TRANSFORMER);
    return List.copyOf(out);
  }

  /**
   * Checks a model type name.
   *
   * @return {@code type}
   * @throws IllegalArgumentException {@code unknown model type 'x'; valid types: plain, bahdanau, ...}
   */
  public static String checkType(String type) {
    if (type == null || !modelTypes().contains(type)) {
      throw new IllegalArgumentException("unknown model type '" + type + "'; valid types: "
          + String.join(", ", modelTypes()));
    }
    return type;
  }

  /**
   * The defaults of a model type for the given vocabularies, as its family's config map.
   *
   * @throws IllegalArgumentException if the type is unknown or a size is out of range
   */
  public static Map<String, Object> defaultConfig(String type, int sourceVocab, int targetVocab, int padId) {
    checkType(type);
    if (type.equals(TRANSFORMER)) {
      return TransformerConfig.builder(sourceVocab, targetVocab, padId).build().toMap();
    }
    return RnnSeq2SeqConfig.defaults(RnnKind.of(type), sourceVocab, targetVocab).withPadId(padId).toMap();
  }

  /**
   * A new model: the type's defaults for the vocabularies with {@code overrides} applied.
   *
   * @param overrides config keys of the family to change ({@code hiddenDim}, {@code dModel},
   *     ...); empty for the defaults
   * @param rng draws the initial parameters and, kept by the model, its dropout masks
   * @throws IllegalArgumentException if the type is unknown, or the family rejects a key or value
   *     (its message names the key)
   */
  public static Seq2SeqModel create(String type, int sourceVocab, int targetVocab, int padId,
      Map<String, ?> overrides, RandomGenerator rng) {
    Map<String, Object> config = new LinkedHashMap<>(defaultConfig(type, sourceVocab, targetVocab, padId));
    config.putAll(overrides);
    return fromConfig(type, config, rng);
  }

  /**
   * Rebuilds a model of {@code type} from its config map (as {@link Seq2SeqModel#configMap()}
   * wrote it, or parsed from JSON; Java numbers such as {@code Integer} are accepted too). The parameters are freshly initialised: load weights after.
   *
   * @throws IllegalArgumentException if the type is unknown or the map is not a valid config of
   *     that family
   */
  public static Seq2SeqModel fromConfig(String type, Map<String, ?> config, RandomGenerator rng) {
    checkType(type);
    Objects.requireNonNull(rng, "Seq2SeqModels: rng is null");
    // Through JSON and back, so that Java values (Integer, Float) read as parsed JSON (Long, Double) does.
    config = Json.parseObject(Json.write(config, false), type + " config");
    if (type.equals(TRANSFORMER)) return Transformer.fromConfig(config, rng);
    Object kind = config.get("kind");
    if (kind != null && !type.equals(kind)) {
      throw new IllegalArgumentException("Seq2SeqModels: config of a '" + kind + "' model given for type '" + type + "'");
    }
    Map<String, Object> withKind = new LinkedHashMap<>(config);
    withKind.put("kind", type);
    return RnnSeq2Seq.fromConfig(withKind, rng);
  }

  /** The longest sentences {@code model} can take (see {@link ModelLimits}). */
  public static ModelLimits limits(Seq2SeqModel model) {
    return switch (model) {
      case Transformer t -> {
        int max = t.config().maxLength();
        yield new ModelLimits(max, max - 1, TRANSFORMER + " maxLength " + max);
      }
      case RnnEncoderDecoder r when r.config().score() == LuongScore.LOCATION -> new ModelLimits(
          r.config().maxSourceLength(), Integer.MAX_VALUE, r.modelType() + " maxSourceLength " + r.config().maxSourceLength());
      default -> ModelLimits.NONE;
    };
  }
}
