package org.attention4j.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.attention4j.eval.Pharaoh;
import org.attention4j.viz.AttentionViewJson.Encoding;
import org.junit.jupiter.api.Test;

class AttentionViewJsonTest {
  static AttentionView sample() {
    HeadKey k = new HeadKey(AttentionKind.CROSS, 0, 0);
    return AttentionView.builder(List.of("Who", "are", "you", "<pad>"), List.of("你", "是", "誰"))
        .sourceValid(new boolean[] {true, true, true, false})
        .matrix(AttentionKind.CROSS, 0, 0, new float[][] {{0.0123456f, 0.1f, 0.8876544f, 0}, {1f / 3, 1f / 3, 1f / 3, 0}, {0.9f, 0.05f, 0.05f, 1e-8f}})
        .matrix(AttentionKind.SELF_ENCODER, 1, 2, new float[4][4])
        .snapshot(new Snapshot(100, "epoch 1", Map.of(k, AttentionMatrix.of(new float[][] {{0.25f, 0.25f, 0.25f, 0.25f}, {1, 0, 0, 0}, {0, 1, 0, 0}}))))
        .gold(Pharaoh.parse("2-0 1-1 0?2"))
        .meta(AttentionView.MODEL, "bahdanau").meta(AttentionView.SENTENCE, "dev/17").build();
  }

  @Test
  void decimal_roundsToFourSignificantDigits() {
    String json = AttentionViewJson.write(sample(), Encoding.DECIMAL);
    assertTrue(json.startsWith("{\"format\":\"attention4j.view\",\"version\":1,\"encoding\":\"decimal\",\"metadata\":{\"model\":\"bahdanau\",\"sentence\":\"dev/17\"},"
        + "\"source\":[\"Who\",\"are\",\"you\",\"<pad>\"],\"target\":[\"你\",\"是\",\"誰\"],\"sourceValid\":[true,true,true,false],"), json);
    assertTrue(json.contains("\"w\":[[0.01235,0.1,0.8877,0],[0.3333,0.3333,0.3333,0],[0.9,0.05,0.05,0]]"), json);
    assertTrue(json.contains("\"gold\":{") && json.contains("\"sure\":[[1,1],[2,0]]") && json.contains("\"possible\":[[0,2]]"), json);
    assertEquals(0.01235f, AttentionViewJson.round(0.0123456f));
    assertEquals(0f, AttentionViewJson.round(9e-7f));
    assertEquals(1.235e-5f, AttentionViewJson.round(1.23456e-5f));
  }

  @Test
  void roundTrip_decimalAndFloat16() {
    AttentionView v = sample();
    for (Encoding enc : Encoding.values()) {
      AttentionView back = AttentionViewJson.read(AttentionViewJson.write(v, enc), "view.json");
      assertEquals(v.sourceTokens(), back.sourceTokens());
      assertEquals(v.targetTokens(), back.targetTokens());
      assertEquals(v.metadata(), back.metadata());
      assertEquals(v.gold(), back.gold());
      assertEquals(List.of(true, true, true, false), List.of(back.sourceValid()[0], back.sourceValid()[1], back.sourceValid()[2], back.sourceValid()[3]));
      assertEquals(v.matrices().keySet(), back.matrices().keySet());
      assertEquals(1, back.snapshots().size());
      assertEquals("epoch 1", back.snapshots().getFirst().label());
      v.matrices().forEach((k, m) -> {
        AttentionMatrix b = back.matrix(k);
        for (int r = 0; r < m.rows(); r++) {
          for (int c = 0; c < m.cols(); c++) {
            float want = enc == Encoding.DECIMAL ? AttentionViewJson.round(m.get(r, c)) : AttentionViewJson.toHalf(m.get(r, c));
            assertEquals(want, b.get(r, c), 0f, enc + " " + k + " [" + r + "][" + c + "]");
            assertEquals(m.get(r, c), b.get(r, c), 1e-3f * Math.abs(m.get(r, c)) + 1e-6f);
          }
        }
      });
    }
  }

  @Test
  void float16_isSmallerThanDecimal() {
    AttentionView v = Synthetic.crossExample(64, 1, 2);
    int dec = AttentionViewJson.write(v, Encoding.DECIMAL).length(), half = AttentionViewJson.write(v, Encoding.FLOAT16).length();
    assertTrue(half * 2 < dec, "float16 " + half + " chars, decimal " + dec);
  }

  @Test
  void read_namesTheFileAndTheField() {
    String ok = AttentionViewJson.write(sample(), Encoding.DECIMAL);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AttentionViewJson.read(ok.replace("attention4j.view", "other"), "a.json"));
    assertEquals("a.json: field 'format' must be \"attention4j.view\", got \"other\"", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> AttentionViewJson.read(ok.replace("\"kind\":\"cross\"", "\"kind\":\"sideways\""), "a.json"));
    assertEquals("a.json: matrices[0]: attention kind: expected one of cross, encoder, decoder, got \"sideways\"", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> AttentionViewJson.read(ok.replace("[0.9,0.05,0.05,0]", "[0.9,0.05,0.05]"), "a.json"));
    assertEquals("a.json: matrices[0]: w[2] must be an array of 4 numbers", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> AttentionViewJson.read(ok.replace("\"rows\":3", "\"rows\":2"), "a.json"));
    assertEquals("a.json: matrices[0]: field 'w' has 3 rows, expected 2", e.getMessage());
    String half = AttentionViewJson.write(sample(), Encoding.FLOAT16);
    e = assertThrows(IllegalArgumentException.class, () -> AttentionViewJson.read(half.replace("\"cols\":4", "\"cols\":5"), "b.json"));
    assertTrue(e.getMessage().startsWith("b.json: matrices[0]: field 'w' holds 12 half floats, 3 x 5 needs 15"), e.getMessage());
  }
}
