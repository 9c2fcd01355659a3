package org.attention4j.models.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.attention4j.attention.LuongScore;
import org.attention4j.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class RnnSeq2SeqConfigTest {
  private static RnnSeq2SeqConfig luong() {
    return RnnSeq2SeqConfig.defaults(RnnKind.LUONG_GENERAL, 50, 60);
  }

  private static void assertMessage(String expected, Executable call) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
  }

  @Test
  void defaults_perFamily_followThePapers() {
    RnnSeq2SeqConfig plain = RnnSeq2SeqConfig.defaults(RnnKind.PLAIN, 50, 60);
    assertEquals(RnnCell.GRU, plain.cell());
    assertFalse(plain.bidirectional());
    assertNull(plain.score());
    RnnSeq2SeqConfig bahdanau = RnnSeq2SeqConfig.defaults(RnnKind.BAHDANAU, 50, 60);
    assertTrue(bahdanau.bidirectional());
    assertEquals(512, bahdanau.memoryDim());
    RnnSeq2SeqConfig local = RnnSeq2SeqConfig.defaults(RnnKind.LOCAL_P, 50, 60);
    assertEquals(RnnCell.LSTM, local.cell());
    assertEquals(LuongScore.GENERAL, local.score());
    assertEquals(10, local.window());
    assertTrue(local.inputFeeding());
    assertEquals(2, local.encoderLayers());
    assertEquals(LuongScore.CONCAT, RnnSeq2SeqConfig.defaults(RnnKind.LUONG_CONCAT, 5, 5).score());
    RnnSeq2SeqConfig bi = luong().withLayers(2, true, 2);
    assertEquals(128, bi.encoderHidden());
    assertEquals(256, bi.memoryDim());
  }

  @Test
  void constructor_badSizes_throwNamingTheField() {
    assertMessage("RnnSeq2SeqConfig: sourceVocab must be >= 2, got 1", () -> RnnSeq2SeqConfig.defaults(RnnKind.PLAIN, 1, 5));
    assertMessage("RnnSeq2SeqConfig: targetVocab must be >= 2, got 0", () -> RnnSeq2SeqConfig.defaults(RnnKind.PLAIN, 5, 0));
    assertMessage("RnnSeq2SeqConfig: padId 7 is outside both vocabularies [0, 7)", () -> RnnSeq2SeqConfig.defaults(RnnKind.PLAIN, 9, 7).withPadId(7));
    assertMessage("RnnSeq2SeqConfig: hiddenDim must be positive, got 0", () -> luong().withSizes(8, 0));
    assertMessage("RnnSeq2SeqConfig: embedDim must be positive, got -1", () -> luong().withSizes(-1, 8));
    assertMessage("RnnSeq2SeqConfig: encoderLayers must be positive, got 0", () -> luong().withLayers(0, false, 0));
    assertMessage("RnnSeq2SeqConfig: attentionDim must be positive, got 0", () -> luong().withAttentionDim(0));
    assertMessage("RnnSeq2SeqConfig: maxSourceLength must be positive, got 0", () -> luong().withMaxSourceLength(0));
    assertMessage("RnnSeq2SeqConfig: dropout must be in [0, 1), got 1.0", () -> luong().withDropout(1));
    assertMessage("RnnSeq2SeqConfig: dropout must be in [0, 1), got NaN", () -> luong().withDropout(Double.NaN));
  }

  @Test
  void constructor_optionsThatContradictTheKind_throw() {
    assertMessage("RnnSeq2SeqConfig: bahdanau has no Luong score; score must be null, got DOT",
        () -> RnnSeq2SeqConfig.defaults(RnnKind.BAHDANAU, 9, 9).withScore(LuongScore.DOT));
    assertMessage("RnnSeq2SeqConfig: luong-dot implies score DOT, got CONCAT",
        () -> RnnSeq2SeqConfig.defaults(RnnKind.LUONG_DOT, 9, 9).withScore(LuongScore.CONCAT));
    assertMessage("RnnSeq2SeqConfig: local-m needs a score (DOT, GENERAL, CONCAT or LOCATION)",
        () -> RnnSeq2SeqConfig.defaults(RnnKind.LOCAL_M, 9, 9).withScore(null));
    assertMessage("RnnSeq2SeqConfig: luong-general with a bidirectional encoder needs an even hiddenDim (each direction gets hiddenDim / 2), got 7",
        () -> luong().withSizes(4, 7).withLayers(2, true, 2));
    assertMessage("RnnSeq2SeqConfig: luong-general starts the decoder from the encoder's final states, so decoderLayers (1) must equal encoderLayers (2)",
        () -> luong().withLayers(2, false, 1));
    assertMessage("RnnSeq2SeqConfig: local-p needs window D >= 1, got 0", () -> RnnSeq2SeqConfig.defaults(RnnKind.LOCAL_P, 9, 9).withWindow(0));
    assertMessage("RnnSeq2SeqConfig: local-m needs window D >= 0, got -1", () -> RnnSeq2SeqConfig.defaults(RnnKind.LOCAL_M, 9, 9).withWindow(-1));
    assertEquals(0, RnnSeq2SeqConfig.defaults(RnnKind.LOCAL_M, 9, 9).withWindow(0).window());
    assertEquals(LuongScore.DOT, RnnSeq2SeqConfig.defaults(RnnKind.LUONG_DOT, 9, 9).withScore(null).score(), "a global kind fills in its score");
    var e = assertThrows(NullPointerException.class, () -> luong().withCell(null));
    assertEquals("RnnSeq2SeqConfig: cell is null", e.getMessage());
  }

  @Test
  void kindOf_unknownName_listsTheKnownOnes() {
    assertEquals(RnnKind.LOCAL_P, RnnKind.of("local-p"));
    assertMessage("RnnKind: unknown model type \"luong\"; expected one of plain, bahdanau, luong-dot, luong-general, "
        + "luong-concat, luong-location, local-m, local-p", () -> RnnKind.of("luong"));
  }

  @Test
  void toMapFromMap_throughJson_roundTrips() {
    for (RnnKind kind : RnnKind.values()) {
      RnnSeq2SeqConfig c = RnnSeq2SeqConfig.defaults(kind, 30, 40).withSizes(12, 14).withPadId(3).withDropout(0.25);
      Map<String, Object> parsed = Json.parseObject(Json.write(c.toMap(), false), "config.json");
      assertEquals(c, RnnSeq2SeqConfig.fromMap(parsed), kind.modelType());
    }
  }

  @Test
  void fromMap_missingOptions_takeTheKindsDefaults() {
    Map<String, Object> m = Map.of("kind", "local-m", "sourceVocab", 30L, "targetVocab", 40L);
    assertEquals(RnnSeq2SeqConfig.defaults(RnnKind.LOCAL_M, 30, 40), RnnSeq2SeqConfig.fromMap(m));
  }

  @Test
  void fromMap_badEntries_throwNamingTheKey() {
    Map<String, Object> m = new LinkedHashMap<>(luong().toMap());
    m.put("hiddenDim", 2.5);
    assertMessage("RnnSeq2SeqConfig: \"hiddenDim\" must be an integer, got 2.5 (Double)", () -> RnnSeq2SeqConfig.fromMap(m));
    m.put("hiddenDim", 8);
    m.put("cell", "RNN");
    assertMessage("RnnSeq2SeqConfig: \"cell\" must be one of [GRU, LSTM], got \"RNN\"", () -> RnnSeq2SeqConfig.fromMap(m));
    m.put("cell", "GRU");
    m.put("heads", 4);
    assertMessage("RnnSeq2SeqConfig: unknown key \"heads\"; expected [kind, sourceVocab, targetVocab, padId, embedDim, "
        + "hiddenDim, encoderLayers, bidirectional, decoderLayers, cell, dropout, attentionDim, score, window, "
        + "inputFeeding, maxSourceLength]", () -> RnnSeq2SeqConfig.fromMap(m));
    assertMessage("RnnSeq2SeqConfig: \"sourceVocab\" is missing", () -> RnnSeq2SeqConfig.fromMap(Map.of("kind", "plain")));
    assertMessage("RnnSeq2SeqConfig: \"bidirectional\" must be true or false, got 1 (Integer)",
        () -> RnnSeq2SeqConfig.fromMap(Map.of("kind", "plain", "sourceVocab", 5, "targetVocab", 5, "bidirectional", 1)));
  }
}
