package org.attention4j.models.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.attention4j.io.Json;
import org.attention4j.models.transformer.TransformerConfig.Activation;
import org.attention4j.models.transformer.TransformerConfig.NormPlacement;
import org.attention4j.models.transformer.TransformerConfig.PositionKind;
import org.junit.jupiter.api.Test;

class TransformerConfigTest {
  private static String message(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }

  @Test
  void builder_defaults_areThePaperBaseModel() {
    TransformerConfig c = TransformerConfig.builder(100, 90, 0).build();
    assertEquals(512, c.dModel());
    assertEquals(8, c.heads());
    assertEquals(6, c.encoderLayers());
    assertEquals(6, c.decoderLayers());
    assertEquals(2048, c.ffDim());
    assertEquals(0.1, c.dropout());
    assertEquals(0.1, c.attentionDropout());
    assertEquals(0.1, c.activationDropout());
    assertEquals(0.1, c.labelSmoothing());
    assertEquals(Activation.RELU, c.activation());
    assertEquals(NormPlacement.POST, c.norm());
    assertEquals(PositionKind.SINUSOIDAL, c.positions());
    assertEquals(64, c.headDim());
  }

  @Test
  void builder_dropout_setsAllThreeAndSingleSettersOverride() {
    TransformerConfig c = TransformerConfig.builder(10, 10, 0).dropout(0.3).attentionDropout(0.0).build();
    assertEquals(0.3, c.dropout());
    assertEquals(0.0, c.attentionDropout());
    assertEquals(0.3, c.activationDropout());
  }

  @Test
  void validation_headsMustDivideDModel() {
    assertEquals("TransformerConfig: dModel (30) must be divisible by heads (4)",
        message(() -> TransformerConfig.builder(10, 10, 0).dModel(30).heads(4).build()));
  }

  @Test
  void validation_sharedEmbeddingsNeedEqualVocabularies() {
    assertEquals("TransformerConfig: shareEmbeddings needs equal vocabularies, got sourceVocab 10 and targetVocab 12",
        message(() -> TransformerConfig.builder(10, 12, 0).shareEmbeddings(true).build()));
  }

  @Test
  void validation_padMustBeInBothVocabularies() {
    assertEquals("TransformerConfig: padId 10 must be an id of both vocabularies (source 12, target 10)",
        message(() -> TransformerConfig.builder(12, 10, 10).build()));
  }

  @Test
  void validation_otherRules() {
    assertEquals("TransformerConfig: dropout must be in [0, 1), got 1.0",
        message(() -> TransformerConfig.builder(10, 10, 0).residualDropout(1.0).build()));
    assertEquals("TransformerConfig: labelSmoothing must be in [0, 1), got -0.1",
        message(() -> TransformerConfig.builder(10, 10, 0).labelSmoothing(-0.1).build()));
    assertEquals("TransformerConfig: encoderLayers and decoderLayers must be at least 1, got 0 and 2",
        message(() -> TransformerConfig.builder(10, 10, 0).layers(0, 2).build()));
    assertEquals("TransformerConfig: sizes must be positive, got dModel 16, heads 2, ffDim 0, maxLength 1024",
        message(() -> TransformerConfig.builder(10, 10, 0).dModel(16).heads(2).ffDim(0).build()));
    assertEquals("TransformerConfig: vocabularies need at least 2 ids, got sourceVocab 1 and targetVocab 10",
        message(() -> TransformerConfig.builder(1, 10, 0).build()));
  }

  @Test
  void toMap_fromMap_roundTripsThroughJson() {
    TransformerConfig c = TransformerConfig.builder(50, 60, 3).dModel(32).heads(4).layers(2, 3).ffDim(64)
        .residualDropout(0.2).attentionDropout(0.05).activationDropout(0.0).activation(Activation.GELU)
        .norm(NormPlacement.PRE).positions(PositionKind.LEARNED).maxLength(77).tieOutput(true).labelSmoothing(0.0).build();
    Map<String, Object> map = c.toMap();
    assertEquals("transformer", map.get("modelType"));
    assertEquals("gelu", map.get("activation"));
    assertEquals(c, TransformerConfig.fromMap(map));
    assertEquals(c, TransformerConfig.fromMap(Json.parseObject(Json.write(map, true), "config.json")));
  }

  @Test
  void fromMap_absentOptionsTakeTheDefaults() {
    Map<String, Object> m = Map.of("sourceVocab", 10L, "targetVocab", 10L, "padId", 0L);
    assertEquals(TransformerConfig.builder(10, 10, 0).build(), TransformerConfig.fromMap(m));
  }

  @Test
  void fromMap_errorsNameTheField() {
    Map<String, Object> m = new LinkedHashMap<>(TransformerConfig.builder(10, 10, 0).build().toMap());
    m.put("norm", "middle");
    assertEquals("transformer config: field 'norm' must be one of post, pre, got \"middle\"", message(() -> TransformerConfig.fromMap(m)));
    m.put("norm", "pre");
    m.put("dmodel", 3L);
    assertEquals(true, message(() -> TransformerConfig.fromMap(m)).startsWith("transformer config: unknown field 'dmodel' (known: "));
    m.remove("dmodel");
    m.put("heads", "four");
    assertEquals("transformer config: field 'heads' must be an integer, got \"four\"", message(() -> TransformerConfig.fromMap(m)));
    m.put("heads", 8L);
    m.put("modelType", "bahdanau");
    assertEquals("transformer config: field 'modelType' must be \"transformer\", got \"bahdanau\"", message(() -> TransformerConfig.fromMap(m)));
  }

  @Test
  void fromConfig_buildsTheSameModel() {
    TransformerConfig c = Batches.tiny(11).build();
    Transformer a = new Transformer(c, new SplittableRandom(1));
    Transformer b = Transformer.fromConfig(a.configMap(), new SplittableRandom(1));
    assertEquals(c, b.config());
    assertEquals("transformer", b.modelType());
    a.stateDict().forEach((k, v) -> assertEquals(java.util.Arrays.toString(v.toArray()), java.util.Arrays.toString(b.stateDict().get(k).toArray()), k));
  }
}
