package org.attention4j.cli.translate;

import java.util.LinkedHashMap;
import java.util.Map;
import org.attention4j.models.registry.Seq2SeqModels;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The model sizes of {@code attn train translate}, as overrides of the family's defaults ({@link
 * Seq2SeqModels#defaultConfig}):
 *
 * <table>
 *   <caption>options and config keys</caption>
 *   <tr><th>option</th><th>RNN families</th><th>transformer</th></tr>
 *   <tr><td>--hidden / --d-model N</td><td>hiddenDim, attentionDim (and embedDim unless --embed)</td>
 *       <td>dModel (and ffDim = 4N unless --ff)</td></tr>
 *   <tr><td>--embed N</td><td>embedDim</td><td>(not applicable)</td></tr>
 *   <tr><td>--layers N</td><td>encoderLayers, decoderLayers</td><td>encoderLayers, decoderLayers</td></tr>
 *   <tr><td>--heads N</td><td>(not applicable)</td><td>heads</td></tr>
 *   <tr><td>--ff N</td><td>(not applicable)</td><td>ffDim</td></tr>
 *   <tr><td>--dropout X</td><td>dropout</td><td>dropout, attentionDropout, activationDropout</td></tr>
 * </table>
 */
final class ModelOptions {
  @Option(names = {"--hidden", "--d-model"}, paramLabel = "N", order = 30,
      description = "RNN state width (also its embedding and attention width) or transformer d_model"
          + " (default: the family's, 256 / 512).")
  Integer hidden;

  @Option(names = "--embed", paramLabel = "N", order = 31,
      description = "RNN embedding width (default: --hidden if given, else 256).")
  Integer embed;

  @Option(names = "--layers", paramLabel = "N", order = 32,
      description = "Encoder and decoder layers each (default: the family's: 1, 2 for Luong, 6 for the transformer).")
  Integer layers;

  @Option(names = "--heads", paramLabel = "N", order = 33, description = "Transformer attention heads (default: 8).")
  Integer heads;

  @Option(names = "--ff", paramLabel = "N", order = 34,
      description = "Transformer feed-forward width (default: 4 x --d-model, or 2048).")
  Integer ff;

  @Option(names = "--dropout", paramLabel = "X", order = 35,
      description = "Dropout in [0, 1) (default: the family's: 0, 0.2 for Luong, 0.1 for the transformer).")
  Double dropout;

  /** The first model-size option given, for messages; {@code null} if none. */
  String firstGiven() {
    if (hidden != null) return "--hidden";
    if (embed != null) return "--embed";
    if (layers != null) return "--layers";
    if (heads != null) return "--heads";
    if (ff != null) return "--ff";
    if (dropout != null) return "--dropout";
    return null;
  }

  /**
   * The config overrides for a model of {@code type}.
   *
   * @param sharedVocab one tokenizer for both sides: a transformer shares its embedding tables
   * @throws ParameterException for a value out of range or an option the family does not have
   */
  Map<String, Object> overrides(String type, boolean sharedVocab, CommandLine cl) {
    positive(cl, "--hidden", hidden);
    positive(cl, "--embed", embed);
    positive(cl, "--layers", layers);
    positive(cl, "--heads", heads);
    positive(cl, "--ff", ff);
    if (dropout != null && !(dropout >= 0 && dropout < 1)) {
      throw new ParameterException(cl, "--dropout must be in [0, 1), got " + dropout);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    if (type.equals(Seq2SeqModels.TRANSFORMER)) {
      if (embed != null) {
        throw new ParameterException(cl, "--embed applies to RNN models; the transformer's embeddings are --d-model wide");
      }
      if (hidden != null) {
        m.put("dModel", hidden);
        m.put("ffDim", 4 * hidden);
      }
      if (ff != null) m.put("ffDim", ff);
      if (heads != null) m.put("heads", heads);
      if (layers != null) {
        m.put("encoderLayers", layers);
        m.put("decoderLayers", layers);
      }
      if (dropout != null) {
        m.put("dropout", dropout);
        m.put("attentionDropout", dropout);
        m.put("activationDropout", dropout);
      }
      if (sharedVocab) m.put("shareEmbeddings", true);
    } else {
      if (heads != null || ff != null) {
        throw new ParameterException(cl, (heads != null ? "--heads" : "--ff") + " applies to the transformer only, not to "
            + type);
      }
      if (hidden != null) {
        m.put("hiddenDim", hidden);
        m.put("attentionDim", hidden);
        m.put("embedDim", hidden);
      }
      if (embed != null) m.put("embedDim", embed);
      if (layers != null) {
        m.put("encoderLayers", layers);
        m.put("decoderLayers", layers);
      }
      if (dropout != null) m.put("dropout", dropout);
    }
    return m;
  }

  private static void positive(CommandLine cl, String name, Integer v) {
    if (v != null && v < 1) throw new ParameterException(cl, name + " must be >= 1, got " + v);
  }
}
