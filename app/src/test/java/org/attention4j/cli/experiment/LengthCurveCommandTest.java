package org.attention4j.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.attention4j.io.Json;
import org.attention4j.models.registry.Seq2SeqCheckpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LengthCurveCommandTest {
  private static final String[] TINY = {"--hidden", "16", "--embed", "8", "--vocab", "200", "--batch-tokens", "300"};

  private static String[] args(Path corpus, Path out, String... more) {
    List<String> a = new java.util.ArrayList<>(List.of("experiment", "length-curve", "--corpus", corpus.toString(),
        "--out", out.toString()));
    a.addAll(List.of(TINY));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> models(Map<String, Object> results) {
    return (List<Map<String, Object>>) (List<?>) results.get("models");
  }

  @Test
  void tinyRun_printsTheTable_andWritesPlotResultsAndCheckpoints(@TempDir Path tmp) throws Exception {
    Path corpus = Run.tinyCorpus(tmp.resolve("corpus"));
    Path out = tmp.resolve("out");
    Run run = Run.of(args(corpus, out, "--steps", "3")).ok();
    assertTrue(run.out().contains("budget: equal steps: 3 steps per model"), run.out());
    assertTrue(run.out().lines().anyMatch(l -> l.matches("source words +sentences +plain BLEU +bahdanau BLEU +gain")),
        run.out());
    for (String bucket : List.of("0-10", "10-20", "30-40", "60+", "all (BLEU)", "all (chrF)")) {
      assertTrue(run.out().lines().anyMatch(l -> l.startsWith(bucket + " ")), () -> bucket + " row in " + run.out());
    }
    Map<String, Object> results = Json.parseObject(Files.readString(out.resolve("results.json")), "results.json");
    assertEquals("length-curve", results.get("experiment"));
    assertEquals("steps", ((Map<?, ?>) results.get("budget")).get("kind"));
    List<Map<String, Object>> models = models(results);
    assertEquals(List.of("plain", "bahdanau"), models.stream().map(m -> m.get("model")).toList());
    for (Map<String, Object> m : models) {
      assertEquals(3L, m.get("steps"));
      Map<?, ?> test = (Map<?, ?>) m.get("test");
      assertEquals(7, ((List<?>) test.get("buckets")).size());
      assertTrue(test.get("bleu") instanceof Number, test.toString());
    }
    assertEquals(models.get(0).get("targetTokens"), models.get(1).get("targetTokens"), "same batches, same tokens");
    String svg = Files.readString(out.resolve("length-curve.svg"), StandardCharsets.UTF_8);
    assertTrue(svg.startsWith("<?xml") && svg.contains("<svg") && svg.contains("bahdanau (attention)")
        && svg.contains("plain (no attention)") && svg.contains("<circle"), svg);
    byte[] png = Files.readAllBytes(out.resolve("length-curve.png"));
    assertEquals(0x89, png[0] & 0xff);
    assertEquals('P', png[1]);
    assertEquals("bahdanau", Seq2SeqCheckpoints.modelType(out.resolve("bahdanau")));
    assertEquals("plain", Seq2SeqCheckpoints.modelType(out.resolve("plain")));
  }

  @Test
  void tokensBudget_givesTheBaselineTheAttentionModelsSteps(@TempDir Path tmp) throws Exception {
    Path corpus = Run.tinyCorpus(tmp.resolve("corpus"));
    Run run = Run.of(args(corpus, tmp.resolve("out"), "--minutes", "0.03", "--json")).ok();
    assertEquals(1, run.out().lines().count(), run.out());
    Map<String, Object> results = Json.parseObject(run.out().strip(), "stdout");
    assertEquals("tokens", ((Map<?, ?>) results.get("budget")).get("kind"));
    List<Map<String, Object>> models = models(results);
    Map<String, Object> plain = models.get(0);
    Map<String, Object> attention = models.get(1);
    assertEquals("time-limit", attention.get("stop"));
    assertEquals(attention.get("steps"), plain.get("steps"));
    assertEquals(attention.get("targetTokens"), plain.get("targetTokens"));
    assertEquals(attention.get("sourceTokens"), plain.get("sourceTokens"));
    assertTrue(results.containsKey("attentionWinsOverallAndAbove30"));
  }

  @Test
  void attentionPlain_isAUsageError(@TempDir Path tmp) {
    String line = Run.of("experiment", "length-curve", "--attention", "plain", "--out", tmp.toString()).usageError();
    assertEquals("attn: --attention must name a model with attention, not the baseline 'plain'"
        + " (see 'attn experiment length-curve --help')", line);
  }

  @Test
  void unknownBudget_isAUsageError(@TempDir Path tmp) {
    String line = Run.of("experiment", "length-curve", "--budget", "energy", "--out", tmp.toString()).usageError();
    assertTrue(line.startsWith("attn: --budget must be tokens or time, got 'energy'"), line);
  }

  @Test
  void missingCorpus_isAUsageErrorNamingIt(@TempDir Path tmp) {
    Path missing = tmp.resolve("nope");
    Run run = Run.of("experiment", "length-curve", "--corpus", missing.toString(), "--steps", "1", "--out",
        tmp.resolve("out").toString());
    assertEquals(1, run.exitCode(), run.err());
    assertTrue(run.err().contains(missing + " is neither bundled:bible nor a corpus directory"), run.err());
  }

  @Test
  void experimentWithoutSubcommand_listsTheExperiments() {
    String line = Run.of("experiment").usageError();
    assertTrue(line.contains("missing experiment; one of: length-curve, alignment"), line);
  }
}
