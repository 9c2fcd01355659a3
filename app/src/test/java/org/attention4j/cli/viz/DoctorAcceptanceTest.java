package org.attention4j.cli.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.attention4j.cli.CliRun;
import org.attention4j.io.Json;
import org.attention4j.models.seq2seq.Seq2SeqModel;
import org.attention4j.train.StepRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Acceptance of {@code attn doctor} on real models trained in the test (seconds each) on the
 * synthetic SVO -> SOV task: a Bahdanau model (hidden 32, 300 steps) trained normally passes; the
 * same model trained with its attention parameters frozen at initialisation is flagged as nearly
 * uniform; and the healthy model run without its padding mask (the diagnostics switch {@code
 * --simulate-bug no-padding-mask}: source lengths not passed, the bug the finding describes) is
 * flagged for attention on padding. The sentences are 40 test pairs with references, in padded
 * batches of 8.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class DoctorAcceptanceTest {
  private Path healthy;
  private Path frozen;
  private Path work;
  private Path tsv;

  @BeforeAll
  void trainModels() throws Exception {
    healthy = TinyTranslation.trained("bahdanau");
    work = Files.createTempDirectory("attn-doctor-");
    StepRandom rng = new StepRandom(1);
    Seq2SeqModel m = TinyTranslation.model("bahdanau", rng);
    assertEquals(3, TinyTranslation.freezeAttention(m), "attention.score.{wq, wk, v}");
    Map<String, float[]> before = weights(m);
    frozen = work.resolve("frozen");
    TinyTranslation.train(m, rng, 300, frozen, null);
    for (var e : weights(m).entrySet()) {
      boolean attention = e.getKey().startsWith("attention.");
      assertEquals(attention, java.util.Arrays.equals(before.get(e.getKey()), e.getValue()),
          e.getKey() + (attention ? " must stay at its initial value" : " must have trained"));
    }
    tsv = TinyTranslation.testTsv(work, 40);
  }

  private static Map<String, float[]> weights(Seq2SeqModel m) {
    Map<String, float[]> out = new java.util.HashMap<>();
    m.namedParameters().forEach((k, v) -> out.put(k, v.toArray()));
    return out;
  }

  @AfterAll
  void cleanUp() {
    if (work != null) TinyTranslation.deleteTree(work);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> findings(Map<String, Object> json) {
    return (List<Map<String, Object>>) ((Map<String, Object>) json.get("report")).get("findings");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> crossHead(Map<String, Object> json) {
    return ((List<Map<String, Object>>) ((Map<String, Object>) json.get("report")).get("heads")).getFirst();
  }

  private static Map<String, Object> json(String... args) {
    CliRun r = CliRun.of(args);
    assertEquals(0, r.exitCode(), r.err());
    assertEquals("", r.err());
    assertEquals(1, r.out().lines().count(), r.out());
    return Json.parseObject(r.out().strip(), "stdout");
  }

  private static String text(String... args) {
    CliRun r = CliRun.of(args);
    assertEquals(0, r.exitCode(), "findings are no error: exit 0; stderr: " + r.err());
    System.out.println("$ attn " + String.join(" ", args) + "\n" + r.out());
    return r.out();
  }

  @Test
  void healthyModel_passes_noAlarmsNoWarnings() {
    String out = text("doctor", healthy.toString(), "--data", tsv.toString(), "--no-monotone");
    assertTrue(out.contains("40 sentences (0 translated greedily, 40 teacher-forced on their targets)"), out);
    assertFalse(out.contains("ALARM") || out.contains("WARNING"), out);
    assertTrue(out.contains("verdict: no alarms."), out);

    Map<String, Object> j = json("doctor", healthy.toString(), "--data", tsv.toString(), "--no-monotone", "--json");
    assertEquals(true, j.get("healthy"));
    assertEquals(40L, j.get("examples"));
    assertTrue(findings(j).stream().allMatch(f -> f.get("severity").equals("NOTE")), findings(j).toString());
    Map<String, Object> head = crossHead(j);
    assertEquals("cross", head.get("kind"));
    assertEquals(0.0, ((Number) head.get("paddingMass")).doubleValue(), "the padding mask leaves padding exactly 0");
    assertTrue(((Number) head.get("entropy")).doubleValue() < 0.8, "trained attention is peaked: " + head);
    assertTrue(((Number) head.get("alignmentError")).doubleValue() < 0.7, "closer to the gold links than chance: " + head);
  }

  @Test
  void frozenAttention_flaggedNearlyUniform() {
    String out = text("doctor", frozen.toString(), "--data", tsv.toString(), "--no-monotone");
    assertTrue(out.contains("ALARM: attention is nearly uniform"), out);
    assertTrue(out.contains("frozen at init?"), "the advice names the cause: " + out);
    assertTrue(out.contains("verdict: 1 alarm(s); see above."), out);

    Map<String, Object> j = json("doctor", frozen.toString(), "--data", tsv.toString(), "--no-monotone", "--json");
    assertEquals(false, j.get("healthy"));
    assertTrue(findings(j).stream().anyMatch(f -> f.get("code").equals("UNIFORM") && f.get("severity").equals("ALARM")),
        findings(j).toString());
    assertTrue(((Number) crossHead(j).get("entropy")).doubleValue() >= 0.95, crossHead(j).toString());
  }

  @Test
  void paddingMaskBug_flaggedAttentionOnPadding() {
    String out = text("doctor", healthy.toString(), "--data", tsv.toString(), "--no-monotone", "--simulate-bug",
        "no-padding-mask");
    assertTrue(out.contains("SIMULATED BUG: no-padding-mask"), out);
    assertTrue(out.matches("(?s).*ALARM: \\d+% of attention mass lands on padding in cross layer 1 head 1.*"), out);
    assertTrue(out.contains("the padding mask is probably missing or inverted"), out);

    Map<String, Object> j = json("doctor", healthy.toString(), "--data", tsv.toString(), "--json", "--simulate-bug",
        "no-padding-mask");
    assertEquals(false, j.get("healthy"));
    assertTrue(findings(j).stream().anyMatch(f -> f.get("code").equals("PADDING_LEAK") && f.get("severity").equals("ALARM")),
        findings(j).toString());
    assertTrue(((Number) crossHead(j).get("paddingMass")).doubleValue() >= 0.05, crossHead(j).toString());
  }

  @Test
  void defaultSentences_translatedGreedily_unknownWordsNoted() {
    String out = text("doctor", healthy.toString());
    assertTrue(out.contains("data: built-in English sentences, 16 sentences (16 translated greedily, 0 teacher-forced"), out);
    assertTrue(out.contains("note: ") && out.contains("unknown to the model's vocabulary"), out);
    assertTrue(out.contains("attention doctor: 16 examples, 1 head"), out);
  }

  @Test
  void corpusDirectory_testPairsWithGoldAlignments() throws Exception {
    Path corpus = work.resolve("corpus");
    org.attention4j.data.synthetic.SyntheticImporter.build(new org.attention4j.data.synthetic.SyntheticImporter.Options(
        TinyTranslation.GRAMMAR, 7, 1200, new org.attention4j.data.corpus.HashSplit(100, 100), null), corpus);
    Map<String, Object> j = json("doctor", healthy.toString(), "--data", corpus.toString(), "--json", "--no-monotone");
    assertEquals((long) TinyTranslation.TASK.corpus().test().size(), j.get("examples"));
    assertEquals(0L, j.get("decoded"), "corpus pairs are teacher-forced on their references");
    assertEquals(true, j.get("healthy"));
    assertTrue(((Number) crossHead(j).get("alignmentError")).doubleValue() < 0.5, "gold links read: " + crossHead(j));
  }

  @Test
  void sourceOnlyFile_isTranslatedGreedily() throws Exception {
    Path sources = TinyTranslation.testSources(work, 12);
    Map<String, Object> j = json("doctor", healthy.toString(), "--data", sources.toString(), "--json", "--batch", "4");
    assertEquals(12L, j.get("decoded"));
    assertEquals(0.0, ((Number) j.get("unknownSourceShare")).doubleValue());
  }

  @Test
  void runDirectory_usesItsCheckpoint_andBadArgumentsAreUsageErrors() throws Exception {
    CliRun r = CliRun.of("doctor", healthy.resolve("last").toString(), "--data", tsv.toString(),
        "--max-examples", "5");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("attention doctor: 5 examples"), r.out());

    r = CliRun.of("doctor", healthy.toString(), "--batch", "0");
    assertEquals(2, r.exitCode());
    assertEquals("attn: --batch must be >= 1, got 0 (see 'attn doctor --help')", r.err().strip());

    r = CliRun.of("doctor", healthy.toString(), "--simulate-bug", "no-causal-mask");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().startsWith("attn: --simulate-bug: the only simulated bug is no-padding-mask"), r.err());

    r = CliRun.of("doctor", work.resolve("nope").toString());
    assertEquals(1, r.exitCode());
    assertEquals("attn: " + work.resolve("nope") + ": no such model directory", r.err().strip());

    r = CliRun.of("doctor", work.toString());
    assertEquals(1, r.exitCode());
    assertTrue(r.err().strip().startsWith("attn: not a checkpoint directory: " + work), r.err());

    Path bad = work.resolve("bad.tsv");
    Files.writeString(bad, "a\tb\tc\td\n");
    r = CliRun.of("doctor", healthy.toString(), "--data", bad.toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("bad.tsv:1: expected source, source<TAB>target or source<TAB>target<TAB>links, got 4"), r.err());
  }
}
