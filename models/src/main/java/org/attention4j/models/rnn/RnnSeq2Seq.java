package org.attention4j.models.rnn;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The registry of RNN encoder-decoders: builds the model of a kind from a config, and rebuilds
 * one from the map that {@link RnnEncoderDecoder#configMap()} wrote into a checkpoint.
 *
 * <pre>{@code
 * var model = RnnSeq2Seq.create(RnnSeq2SeqConfig.defaults(RnnKind.BAHDANAU, 8000, 8000), rng);
 * var again = RnnSeq2Seq.fromConfig(model.configMap(), rng);   // same shapes and names
 * }</pre>
 */
public final class RnnSeq2Seq {
  private RnnSeq2Seq() {}

  /** The model types this registry builds, as {@link RnnKind#modelType()}. */
  public static List<String> modelTypes() {
    return Arrays.stream(RnnKind.values()).map(RnnKind::modelType).toList();
  }

  /** A new model of {@code config.kind()}, its parameters drawn from {@code rng}. */
  public static RnnEncoderDecoder create(RnnSeq2SeqConfig config, RandomGenerator rng) {
    return switch (config.kind()) {
      case PLAIN -> new PlainSeq2Seq(config, rng);
      case BAHDANAU -> new BahdanauSeq2Seq(config, rng);
      default -> new LuongSeq2Seq(config, rng);
    };
  }

  /**
   * A new model of the named kind with its {@link RnnSeq2SeqConfig#defaults}.
   *
   * @throws IllegalArgumentException if the model type is unknown or a vocabulary is too small
   */
  public static RnnEncoderDecoder create(String modelType, int sourceVocab, int targetVocab, RandomGenerator rng) {
    return create(RnnSeq2SeqConfig.defaults(RnnKind.of(modelType), sourceVocab, targetVocab), rng);
  }

  /**
   * Rebuilds a model from {@link RnnEncoderDecoder#configMap()} (e.g. a checkpoint's
   * {@code config.json}); load the weights afterwards with {@code loadStateDict}.
   *
   * @throws IllegalArgumentException if the map is not a valid config
   */
  public static RnnEncoderDecoder fromConfig(Map<String, ?> config, RandomGenerator rng) {
    return create(RnnSeq2SeqConfig.fromMap(config), rng);
  }
}
