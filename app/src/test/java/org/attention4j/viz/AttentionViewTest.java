package org.attention4j.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.attention4j.eval.Pharaoh;
import org.attention4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class AttentionViewTest {
  @Test
  void layer_takesEveryHeadOfOneBatchItemAndCropsPadding() {
    // (B=2, h=2, Tq=3, Tk=4): value = 1000 b + 100 h + 10 q + k
    float[] data = new float[2 * 2 * 3 * 4];
    for (int b = 0; b < 2; b++) for (int h = 0; h < 2; h++) for (int q = 0; q < 3; q++) for (int k = 0; k < 4; k++)
      data[((b * 2 + h) * 3 + q) * 4 + k] = 1000 * b + 100 * h + 10 * q + k;
    AttentionView v = AttentionView.builder(List.of("a", "b", "c"), List.of("x", "y"))
        .layer(AttentionKind.CROSS, 1, Tensor.of(data, 2, 2, 3, 4), 1, false).build();
    assertEquals(List.of(new HeadKey(AttentionKind.CROSS, 1, 0), new HeadKey(AttentionKind.CROSS, 1, 1)), List.copyOf(v.matrices().keySet()));
    AttentionMatrix m = v.matrix(new HeadKey(AttentionKind.CROSS, 1, 1));
    assertEquals(2, m.rows());
    assertEquals(3, m.cols());
    assertArrayEquals(new float[] {1110, 1111, 1112}, m.row(1));
    assertEquals(List.of(1), v.layers(AttentionKind.CROSS));
    assertEquals(List.of(0, 1), v.heads(AttentionKind.CROSS, 1));
  }

  @Test
  void layer_singleHead() {
    AttentionView v = AttentionView.selfAttention(List.of("a", "b"))
        .layer(AttentionKind.SELF_ENCODER, 0, Tensor.of(new float[] {0.5f, 0.5f, 0.1f, 0.9f}, 1, 2, 2), 0, true).build();
    assertArrayEquals(new float[] {0.1f, 0.9f}, v.matrix(new HeadKey(AttentionKind.SELF_ENCODER, 0, 0)).row(1));
  }

  @Test
  void build_rejectsMatricesThatDoNotFitTheTokens() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AttentionView
        .builder(List.of("a", "b", "c"), List.of("x", "y")).matrix(AttentionKind.CROSS, 0, 1, new float[][] {{1, 0}, {0, 1}}).build());
    assertEquals("AttentionView: cross layer 1 head 2 is 2 x 2, but the tokens make it 2 x 3 (target x source)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> AttentionView.builder(List.of("a"), List.of("x"))
        .gold(Pharaoh.parse("0-0 1-0")).build());
    assertEquals("AttentionView: gold link 1-0 is outside 1 source x 1 target tokens", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> AttentionView.builder(List.of("a"), List.of("x"))
        .snapshot(new Snapshot(5, "", Map.of(new HeadKey(AttentionKind.SELF_DECODER, 0, 0), AttentionMatrix.of(new float[][] {{1, 0}}))))
        .build());
    assertEquals("AttentionView: snapshot step 5: decoder layer 1 head 1 is 1 x 2, but the tokens make it 1 x 1 (target x target)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> AttentionView.builder(List.of("a"), List.of())
        .sourceValid(new boolean[] {true, false}).build());
    assertEquals("AttentionView: source mask has 2 entries for 1 source tokens", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> AttentionView.selfAttention(List.of("a"))
        .layer(AttentionKind.SELF_ENCODER, 0, Tensor.zeros(2, 2), 0, false));
    assertEquals("AttentionView.layer: expected weights (B, h, Tq, Tk) or (h, Tq, Tk), got shape [2, 2]", e.getMessage());
  }

  @Test
  void matrix_rejectsNonFiniteWeightsAndRaggedRows() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AttentionMatrix.of(new float[][] {{1, Float.NaN}}));
    assertEquals("AttentionMatrix: weight [0][1] is NaN", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> AttentionMatrix.of(new float[][] {{1, 0}, {1}}));
    assertEquals("AttentionMatrix: row 1 has 1 weights, row 0 has 2", e.getMessage());
    assertEquals("AttentionView: no matrix for cross layer 1 head 1",
        assertThrows(IllegalArgumentException.class, () -> AttentionView.selfAttention(List.of("a")).build()
            .matrix(new HeadKey(AttentionKind.CROSS, 0, 0))).getMessage());
  }

  @Test
  void snapshots_areSortedByStep() {
    HeadKey k = new HeadKey(AttentionKind.SELF_ENCODER, 0, 0);
    AttentionMatrix m = AttentionMatrix.of(new float[][] {{1}});
    AttentionView v = AttentionView.selfAttention(List.of("a"))
        .snapshot(new Snapshot(300, "late", Map.of(k, m))).snapshot(new Snapshot(100, null, Map.of(k, m))).build();
    assertEquals(List.of(100L, 300L), v.snapshots().stream().map(Snapshot::step).toList());
    assertEquals("", v.snapshots().getFirst().label());
  }
}
