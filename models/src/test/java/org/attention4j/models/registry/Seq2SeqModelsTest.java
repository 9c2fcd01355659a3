package org.attention4j.models.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.attention4j.models.seq2seq.Seq2SeqModel;
import org.attention4j.models.transformer.Transformer;
import org.junit.jupiter.api.Test;

class Seq2SeqModelsTest {
  @Test
  void modelTypes_areEveryFamily() {
    assertEquals(List.of("plain", "bahdanau", "luong-dot", "luong-general", "luong-concat", "luong-location", "local-m",
        "local-p", "transformer"), Seq2SeqModels.modelTypes());
  }

  @Test
  void checkType_unknown_listsTheValidOnes() {
    var e = assertThrows(IllegalArgumentException.class, () -> Seq2SeqModels.checkType("bahdanu"));
    assertEquals("unknown model type 'bahdanu'; valid types: plain, bahdanau, luong-dot, luong-general, luong-concat,"
        + " luong-location, local-m, local-p, transformer", e.getMessage());
  }

  @Test
  void create_eachType_withOverrides_roundTripsThroughConfig() {
    for (String type : Seq2SeqModels.modelTypes()) {
      Map<String, Object> small = type.equals("transformer")
          ? Map.of("dModel", 8, "heads", 2, "encoderLayers", 1, "decoderLayers", 1, "ffDim", 8, "maxLength", 16)
          : Map.of("embedDim", 4, "hiddenDim", 8, "attentionDim", 8, "window", 2, "maxSourceLength", 12);
      Seq2SeqModel m = Seq2SeqModels.create(type, 11, 13, 0, small, new SplittableRandom(1));
      assertEquals(type, m.modelType());
      assertEquals(11, m.sourceVocab());
      assertEquals(13, m.targetVocab());
      Seq2SeqModel again = Seq2SeqModels.fromConfig(type, m.configMap(), new SplittableRandom(1));
      assertEquals(m.configMap(), again.configMap(), type);
    }
  }

  @Test
  void create_unknownKey_isNamedByTheFamily() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> Seq2SeqModels.create("bahdanau", 11, 13, 0, Map.of("dModel", 8), new SplittableRandom(1)));
    assertTrue(e.getMessage().contains("\"dModel\""), e.getMessage());
  }

  @Test
  void limits_transformerAndLocation() {
    Seq2SeqModel t = Seq2SeqModels.create("transformer", 11, 13, 0, Map.of("dModel", 8, "heads", 2, "encoderLayers", 1,
        "decoderLayers", 1, "ffDim", 8, "maxLength", 16), new SplittableRandom(1));
    assertEquals(new ModelLimits(16, 15, "transformer maxLength 16"), Seq2SeqModels.limits(t));
    assertEquals(16, Seq2SeqModels.limits(t).maxGenerated());
    assertEquals(Transformer.MODEL_TYPE, t.modelType());
    Seq2SeqModel loc = Seq2SeqModels.create("luong-location", 11, 13, 0, Map.of("embedDim", 4, "hiddenDim", 8,
        "attentionDim", 8, "maxSourceLength", 12), new SplittableRandom(1));
    assertEquals(12, Seq2SeqModels.limits(loc).maxSource());
    Seq2SeqModel b = Seq2SeqModels.create("bahdanau", 11, 13, 0, Map.of("embedDim", 4, "hiddenDim", 8), new SplittableRandom(1));
    assertEquals(ModelLimits.NONE, Seq2SeqModels.limits(b));
  }
}
