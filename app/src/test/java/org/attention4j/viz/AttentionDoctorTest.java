package org.attention4j.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.attention4j.eval.Pharaoh;
import org.attention4j.io.Json;
import org.attention4j.viz.Finding.Code;
import org.attention4j.viz.Finding.Severity;
import org.junit.jupiter.api.Test;

/** The doctor on constructed matrices: each broken pattern gives its finding, a healthy model none. */
class AttentionDoctorTest {
  static final HeadKey CROSS = new HeadKey(AttentionKind.CROSS, 0, 0);

  static List<String> src(int n) {
    List<String> t = new ArrayList<>();
    for (int i = 0; i < n - 1; i++) t.add("w" + i);
    t.add("</s>");
    return t;
  }

  static List<String> tgt(int n, String salt) {
    List<String> t = new ArrayList<>();
    for (int i = 0; i < n; i++) t.add(salt + i);
    return t;
  }

  static float[][] uniform(int rows, int cols) {
    float[][] w = new float[rows][cols];
    for (float[] r : w) Arrays.fill(r, 1f / cols);
    return w;
  }

  /** Peaked on the length-normalised diagonal: 0.85 there, the rest spread evenly. */
  static float[][] diagonal(int rows, int cols) {
    float[][] w = new float[rows][cols];
    for (int r = 0; r < rows; r++) {
      int c0 = (int) Math.round(r * (cols - 1.0) / Math.max(1, rows - 1));
      for (int c = 0; c < cols; c++) w[r][c] = c == c0 ? 0.85f : 0.15f / (cols - 1);
    }
    return w;
  }

  static float[][] collapsedOnLast(int rows, int cols) {
    float[][] w = new float[rows][cols];
    for (float[] r : w) {
      Arrays.fill(r, 0.02f / (cols - 1));
      r[cols - 1] = 0.98f;
    }
    return w;
  }

  static AttentionView cross(int s, int t, String salt, float[][] w) {
    return AttentionView.builder(src(s), tgt(t, salt)).matrix(AttentionKind.CROSS, 0, 0, w).build();
  }

  static Set<Code> codes(DoctorReport r, Severity... severities) {
    Set<Severity> want = Set.of(severities);
    return r.findings().stream().filter(f -> want.contains(f.severity())).map(Finding::code).collect(Collectors.toSet());
  }

  @Test
  void uniformAttention_isAnAlarmWithTheEntropy() {
    DoctorReport r = AttentionDoctor.examine(cross(6, 5, "a", uniform(5, 6)), cross(8, 7, "b", uniform(7, 8)));
    assertEquals(Set.of(Code.UNIFORM), codes(r, Severity.ALARM), r.toText());
    Finding f = r.findings(Severity.ALARM).getFirst();
    assertEquals(CROSS, f.head());
    assertEquals("attention is nearly uniform (entropy 1.00 of maximum) in cross layer 1 head 1: the scores carry no signal", f.message());
    assertTrue(f.advice().startsWith("check that attention parameters receive gradients (frozen at init? detached?), the learning rate, and that queries/keys are not zero"), f.advice());
    assertEquals(1.0, r.heads().getFirst().entropy(), 1e-6);
    assertFalse(r.healthy());
  }

  @Test
  void collapsedOntoTheFinalSourceToken_isAnAlarmNamingIt() {
    DoctorReport r = AttentionDoctor.examine(cross(6, 5, "a", collapsedOnLast(5, 6)), cross(9, 8, "b", collapsedOnLast(8, 9)));
    assertEquals(Set.of(Code.COLLAPSED), codes(r, Severity.ALARM), r.toText());
    Finding f = r.findings(Severity.ALARM).getFirst();
    assertEquals("collapsed onto the final source token \"</s>\" in 100% of rows of cross layer 1 head 1", f.message());
    assertTrue(f.advice().startsWith("typical of an untrained or under-trained model, or a decoder that ignores the encoder"), f.advice());
    HeadStats h = r.heads().getFirst();
    assertEquals(1.0, h.collapseShare(), 1e-9);
    assertEquals(0.98, h.maxWeight(), 1e-6);
    assertTrue(h.entropy() < 0.2, "entropy " + h.entropy());
    // a collapsed head is not also reported as non-monotone: one cause, one finding
    assertFalse(codes(r, Severity.WARNING).contains(Code.NOT_MONOTONE), r.toText());
  }

  @Test
  void healthyDiagonal_givesNoAlarmsOrWarnings() {
    List<AttentionView> views = List.of(cross(6, 5, "a", diagonal(5, 6)), cross(9, 9, "b", diagonal(9, 9)),
        cross(12, 10, "c", diagonal(10, 12)));
    DoctorReport r = AttentionDoctor.examine(DoctorSettings.defaults(), views);
    assertEquals(List.of(), r.findings(), r.toText());
    assertTrue(r.healthy());
    HeadStats h = r.heads().getFirst();
    assertEquals(1.0, h.spearman(), 1e-9);
    assertTrue(h.diagonalMass() > 0.85, "diagonal mass " + h.diagonalMass());
    assertEquals(0, h.neverAttended());
    assertTrue(r.toText().contains("no findings: every check passed."), r.toText());
  }

  @Test
  void healthyDiagonal_withGold_reportsAlignmentErrorZero() {
    AttentionView v = AttentionView.builder(List.of("Who", "are", "you"), List.of("誰", "是", "你"))
        .matrix(AttentionKind.CROSS, 0, 0, new float[][] {{0.9f, 0.05f, 0.05f}, {0.05f, 0.9f, 0.05f}, {0.05f, 0.05f, 0.9f}})
        .gold(Pharaoh.parse("0-0 1-1 2-2")).build();
    DoctorReport r = AttentionDoctor.examine(v);
    assertEquals(0.0, r.heads().getFirst().alignmentError(), 1e-12);
    assertTrue(r.healthy(), r.toText());
  }

  @Test
  void scrambledAlignment_isAWarningUnlessReorderingIsExpected() {
    // every target word looks at a source word far from the diagonal (anti-diagonal)
    int n = 8;
    float[][] w = new float[n][n];
    for (int r = 0; r < n; r++) for (int c = 0; c < n; c++) w[r][c] = c == n - 1 - r ? 0.9f : 0.1f / (n - 1);
    AttentionView v = AttentionView.builder(tgt(n, "s"), tgt(n, "t")).matrix(AttentionKind.CROSS, 0, 0, w).build();
    DoctorReport r = AttentionDoctor.examine(v);
    assertTrue(codes(r, Severity.WARNING).contains(Code.NOT_MONOTONE), r.toText());
    assertTrue(r.healthy(), "a warning, not an alarm");
    assertEquals(-1.0, r.heads().getFirst().spearman(), 1e-9);
    DoctorReport relaxed = AttentionDoctor.examine(DoctorSettings.defaults().withExpectMonotone(false), List.of(v));
    assertFalse(codes(relaxed, Severity.WARNING).contains(Code.NOT_MONOTONE), relaxed.toText());
  }

  @Test
  void paddingLeak_isAnAlarmWithTheShare() {
    // 8 source positions, the last 3 padding; attention spread evenly over all 8 -> 3/8 on padding
    boolean[] valid = {true, true, true, true, true, false, false, false};
    List<String> s = List.of("a", "b", "c", "d", "</s>", "<pad>", "<pad>", "<pad>");
    float[][] w = diagonal(4, 8);
    for (float[] row : w) {
      for (int c = 5; c < 8; c++) row[c] = 0.04f;
      float rest = 0;
      for (int c = 0; c < 5; c++) rest += row[c];
      for (int c = 0; c < 5; c++) row[c] *= 0.88f / rest;
    }
    AttentionView v = AttentionView.builder(s, tgt(4, "t")).sourceValid(valid).matrix(AttentionKind.CROSS, 0, 0, w).build();
    DoctorReport r = AttentionDoctor.examine(v);
    assertTrue(codes(r, Severity.ALARM).contains(Code.PADDING_LEAK), r.toText());
    Finding f = r.findings().stream().filter(x -> x.code() == Code.PADDING_LEAK).findFirst().orElseThrow();
    assertEquals("12% of attention mass lands on padding in cross layer 1 head 1", f.message());
    assertTrue(f.advice().startsWith("the padding mask is probably missing or inverted (true = may attend in attention4j)"), f.advice());
    assertEquals(0.12, r.heads().getFirst().paddingMass(), 1e-6);
  }

  @Test
  void maskedPadding_isNotALeak() {
    boolean[] valid = {true, true, true, true, true, false, false, false};
    List<String> s = List.of("a", "b", "c", "d", "</s>", "<pad>", "<pad>", "<pad>");
    float[][] w = new float[4][8];
    float[][] d = diagonal(4, 5);
    for (int r = 0; r < 4; r++) System.arraycopy(d[r], 0, w[r], 0, 5);
    AttentionView v = AttentionView.builder(s, tgt(4, "t")).sourceValid(valid).matrix(AttentionKind.CROSS, 0, 0, w).build();
    DoctorReport r = AttentionDoctor.examine(v);
    assertEquals(List.of(), r.findings(), r.toText());
    assertEquals(5, r.heads().getFirst().keys());
  }

  @Test
  void decoderSeeingTheFuture_isAnAlarm() {
    int n = 5;
    float[][] w = uniform(n, n); // no causal mask: row 0 attends to 4 future tokens
    float[][] causal = new float[n][n];
    for (int r = 0; r < n; r++) for (int c = 0; c <= r; c++) causal[r][c] = c == r ? 0.8f + 0.2f / (r + 1) : 0.2f / (r + 1);
    causal[0][0] = 1;
    AttentionView v = AttentionView.builder(src(3), tgt(n, "t"))
        .matrix(AttentionKind.SELF_DECODER, 0, 0, w).matrix(AttentionKind.SELF_DECODER, 0, 1, causal).build();
    DoctorReport r = AttentionDoctor.examine(v);
    List<Finding> leaks = r.findings().stream().filter(f -> f.code() == Code.FUTURE_LEAK).toList();
    assertEquals(1, leaks.size(), r.toText());
    assertEquals(new HeadKey(AttentionKind.SELF_DECODER, 0, 0), leaks.getFirst().head());
    assertTrue(leaks.getFirst().message().startsWith("decoder self-attention gives 40% of its mass to future tokens"), leaks.getFirst().message());
    assertEquals(0.0, r.heads().get(1).futureMass(), 1e-9);
  }

  @Test
  void weightsAfterDropout_areNotNormalised() {
    float[][] w = diagonal(4, 5);
    for (float[] row : w) for (int c = 0; c < row.length; c++) row[c] = c % 2 == 0 ? row[c] / 0.9f : 0; // dropout-like
    DoctorReport r = AttentionDoctor.examine(cross(5, 4, "a", w));
    assertTrue(codes(r, Severity.ALARM).contains(Code.NOT_NORMALISED), r.toText());
  }

  @Test
  void fullyMaskedRows_areReported() {
    float[][] w = diagonal(4, 5);
    Arrays.fill(w[2], 0f);
    DoctorReport r = AttentionDoctor.examine(cross(5, 4, "a", w));
    Finding f = r.findings().stream().filter(x -> x.code() == Code.EMPTY_ROWS).findFirst().orElseThrow(() -> new AssertionError(r.toText()));
    assertEquals("1 of 4 rows of real tokens in cross layer 1 head 1 have all-zero weights", f.message());
  }

  @Test
  void sameWeightsForDifferentInputs_isADeadHead() {
    float[][] w = diagonal(5, 6);
    DoctorReport r = AttentionDoctor.examine(cross(6, 5, "a", w), cross(6, 5, "b", w));
    assertTrue(codes(r, Severity.ALARM).contains(Code.CONSTANT_ACROSS_INPUTS), r.toText());
    // the same example twice proves nothing
    DoctorReport same = AttentionDoctor.examine(cross(6, 5, "a", w), cross(6, 5, "a", w));
    assertFalse(codes(same, Severity.ALARM).contains(Code.CONSTANT_ACROSS_INPUTS), same.toText());
  }

  @Test
  void identicalHeads_areDuplicates() {
    AttentionView v = AttentionView.builder(src(6), tgt(5, "t"))
        .matrix(AttentionKind.CROSS, 0, 0, diagonal(5, 6)).matrix(AttentionKind.CROSS, 0, 1, diagonal(5, 6))
        .matrix(AttentionKind.CROSS, 0, 2, collapsedOnLast(5, 6)).build();
    DoctorReport r = AttentionDoctor.examine(v);
    List<Finding> dups = r.findings().stream().filter(f -> f.code() == Code.DUPLICATE_HEADS).toList();
    assertEquals(1, dups.size(), r.toText());
    assertTrue(dups.getFirst().message().startsWith("cross layer 1 head 1 and cross layer 1 head 2 attend alike (cosine similarity 1.000"), dups.getFirst().message());
  }

  @Test
  void selfAttentionOnSeparator_isANoteNotAnAlarm() {
    List<String> toks = List.of("[CLS]", "the", "cat", "sat", "[SEP]");
    float[][] w = collapsedOnLast(5, 5);
    DoctorReport r = AttentionDoctor.examine(AttentionView.selfAttention(toks).matrix(AttentionKind.SELF_ENCODER, 0, 0, w).build());
    assertTrue(r.healthy(), r.toText());
    assertEquals(Set.of(Code.SPECIAL_TOKEN_SINK), codes(r, Severity.NOTE, Severity.WARNING), r.toText());
  }

  @Test
  void undercoveredSource_isAWarning() {
    // 10 source words, the 5 target words attend only to the first 5 (in order)
    float[][] w = new float[5][10];
    for (int r = 0; r < 5; r++) w[r][r] = 1;
    DoctorReport r = AttentionDoctor.examine(DoctorSettings.defaults().withExpectMonotone(false), List.of(cross(10, 5, "a", w)));
    Finding f = r.findings().stream().filter(x -> x.code() == Code.UNCOVERED_SOURCE).findFirst().orElseThrow(() -> new AssertionError(r.toText()));
    assertEquals("5 of 10 source tokens (50%) are never attended in cross layer 1 head 1", f.message());
  }

  @Test
  void report_asTextAndJson() {
    DoctorReport r = AttentionDoctor.examine(cross(6, 5, "a", uniform(5, 6)));
    String text = r.toText();
    assertTrue(text.startsWith("attention doctor: 1 example, 1 head\n"), text);
    assertTrue(text.contains("cross layer 1 head 1"), text);
    assertTrue(text.contains("ALARM: attention is nearly uniform"), text);
    var json = Json.parseObject(r.toJsonText(), "report");
    assertEquals(1L, json.get("examples"));
    assertEquals("UNIFORM", ((java.util.Map<?, ?>) Json.getList(json, "findings", "report").getFirst()).get("code"));
  }

  @Test
  void spearman_handlesTiesAndConstants() {
    assertEquals(1.0, AttentionDoctor.spearman(List.of(new int[] {0, 0}, new int[] {1, 2}, new int[] {2, 5})), 1e-12);
    assertTrue(Double.isNaN(AttentionDoctor.spearman(List.of(new int[] {0, 3}, new int[] {1, 3}, new int[] {2, 3}))));
    assertEquals(0.866, AttentionDoctor.spearman(List.of(new int[] {0, 0}, new int[] {1, 1}, new int[] {2, 1})), 1e-3);
  }

  @Test
  void examine_rejectsNothingToExamine() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AttentionDoctor.examine());
    assertEquals("AttentionDoctor.examine: no views given", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> AttentionDoctor.examine(AttentionView.selfAttention(List.of("a")).build()));
    assertEquals("AttentionDoctor.examine: the views hold no attention matrices", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new DoctorSettings(1.5, 0.6, 0.01, 0.5, 0.001, 0.01, 0.15, 0.4, 0.5, 0.1, 0.3, 0.01, 0.98, true, Set.of()));
    assertEquals("DoctorSettings: uniformEntropy must be in [0, 1], got 1.5", e.getMessage());
  }
}
