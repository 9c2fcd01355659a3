package org.attention4j.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.attention4j.io.Json;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The translation issue's experimental claims, as full-size runs with step budgets (so the
 * result does not depend on the machine's speed or load). Tagged {@code slow}: minutes each on
 * 2 cores; run with {@code scripts/test.sh -Pslow} or
 * {@code ./mvnw -B -pl app -am test -Pslow -Dtest=ExperimentAcceptanceTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("slow")
class ExperimentAcceptanceTest {

  private static Map<String, Object> results(Path out) throws Exception {
    return Json.parseObject(Files.readString(out.resolve("results.json")), "results.json");
  }

  private static double number(Map<String, Object> m, String key) {
    return ((Number) m.get(key)).doubleValue();
  }

  @Test
  void transformer_learnsAlignments_aerAtMostTenPercent(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("transformer");
    Run.of("experiment", "alignment", "--model", "transformer", "--steps", "1200", "--out", out.toString()).ok();
    double aer = number(results(out), "testAer");
    assertTrue(aer <= 0.10, "transformer test AER " + aer);
  }

  @Test
  void bahdanau_forwardEncoder_learnsAlignments_aerAtMostTenPercent(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("bahdanau");
    Run.of("experiment", "alignment", "--model", "bahdanau", "--no-bidirectional", "--steps", "4000",
        "--out", out.toString()).ok();
    double aer = number(results(out), "testAer");
    assertTrue(aer <= 0.10, "bahdanau (forward encoder) test AER " + aer);
  }

  /**
   * Bahdanau et al. 2015, Fig. 2, at the demo's scale: on the bundled Bible's test books, the
   * attention model beats the same encoder-decoder without attention overall and in every
   * source-length bucket above 30 words, with equal steps on the same batches.
   */
  @Test
  void demoTranslate_attentionBeatsNoAttention_overallAndInEveryBucketAbove30(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("demo");
    Run.of("demo", "translate", "--steps", "465", "--out", out.toString()).ok();
    Map<String, Object> r = results(out);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> models = (List<Map<String, Object>>) r.get("models");
    Map<String, Object> baseline = models.stream().filter(m -> "baseline".equals(m.get("role"))).findFirst().orElseThrow();
    Map<String, Object> attention = models.stream().filter(m -> "attention".equals(m.get("role"))).findFirst().orElseThrow();
    @SuppressWarnings("unchecked")
    Map<String, Object> bt = (Map<String, Object>) baseline.get("test");
    @SuppressWarnings("unchecked")
    Map<String, Object> at = (Map<String, Object>) attention.get("test");
    assertTrue(number(at, "bleu") > number(bt, "bleu"), "overall: attention " + at.get("bleuText") + " vs " + bt.get("bleuText"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> bb = (List<Map<String, Object>>) bt.get("buckets");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> ab = (List<Map<String, Object>>) at.get("buckets");
    for (int i = 0; i < ab.size(); i++) {
      if (number(ab.get(i), "lo") < 30 || number(ab.get(i), "sentences") == 0) continue;
      assertTrue(number(ab.get(i), "bleu") > number(bb.get(i), "bleu"), "bucket " + ab.get(i) + " vs " + bb.get(i));
    }
    assertTrue((Boolean) r.get("attentionWinsOverallAndAbove30"));
  }
}
