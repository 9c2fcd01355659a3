package org.attention4j.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.attention4j.eval.Pharaoh;
import org.attention4j.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlignmentCommandTest {
  @Test
  void bahdanau_tinyRun_printsAnAer_andWritesThePredictedAlignments(@TempDir Path tmp) throws Exception {
    Path corpus = Run.tinyCorpus(tmp.resolve("corpus"));
    Path out = tmp.resolve("out");
    Run run = Run.of("experiment", "alignment", "--corpus", corpus.toString(), "--steps", "3", "--hidden", "16",
        "--embed", "8", "--out", out.toString()).ok();
    assertTrue(run.out().lines().anyMatch(l -> l.matches("test AER [01]\\.\\d{4} \\(precision .*chosen on dev")), run.out());
    Map<String, Object> results = Json.parseObject(Files.readString(out.resolve("results.json")), "results.json");
    double aer = ((Number) results.get("testAer")).doubleValue();
    assertTrue(aer >= 0 && aer <= 1, "AER " + aer);
    assertEquals(2, ((List<?>) results.get("readings")).size(), "one attention, two step positions");
    var predicted = Pharaoh.read(out.resolve("test.pred.txt"));
    var testPairs = org.attention4j.data.corpus.ParallelCorpusFiles.read(corpus).test();
    assertEquals(testPairs.size(), predicted.size());
    assertEquals(testPairs.getFirst().target().split(" ").length, predicted.getFirst().possible().size(),
        "one link per target word");
  }

  @Test
  void transformer_scoresEveryLayerAndHead(@TempDir Path tmp) throws Exception {
    Path corpus = Run.tinyCorpus(tmp.resolve("corpus"));
    Run run = Run.of("experiment", "alignment", "--model", "transformer", "--corpus", corpus.toString(), "--steps",
        "2", "--hidden", "16", "--heads", "2", "--layers", "2", "--out", tmp.resolve("out").toString(), "--json").ok();
    Map<String, Object> results = Json.parseObject(run.out().strip(), "stdout");
    // 2 layers x (average + 2 heads) x 2 step positions
    assertEquals(12, ((List<?>) results.get("readings")).size());
    assertEquals("layer 2 avg output", results.get("conventionalReading"));
  }

  @Test
  void generatesTheCorpus_whenNoneIsGiven(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("out");
    Run run = Run.of("experiment", "alignment", "--pairs", "200", "--steps", "1", "--hidden", "8", "--embed", "4",
        "--out", out.toString()).ok();
    assertTrue(run.out().startsWith("synthetic: 200 pairs"), run.out());
    assertTrue(Files.isRegularFile(out.resolve("corpus").resolve("test.sure.txt")));
  }

  @Test
  void plain_isAUsageError() {
    assertEquals("attn: --model plain has no attention to read alignments from (see 'attn experiment alignment --help')",
        Run.of("experiment", "alignment", "--model", "plain").usageError());
  }
}
