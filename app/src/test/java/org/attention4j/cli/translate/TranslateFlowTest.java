package org.attention4j.cli.translate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.attention4j.cli.viz.AttentionOverTraining;
import org.attention4j.data.corpus.ParallelCorpus;
import org.attention4j.data.corpus.ParallelCorpusFiles;
import org.attention4j.data.corpus.SentencePair;
import org.attention4j.io.Checkpoint;
import org.attention4j.io.Json;
import org.attention4j.tensor.Tensor;
import org.attention4j.viz.AttentionKind;
import org.attention4j.viz.AttentionView;
import org.attention4j.viz.AttentionViewJson;
import org.attention4j.viz.Snapshot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole flow on the synthetic task, in process: import, train (and train-interrupt-resume,
 * and the attention-over-training page), translate, eval, align. One tiny Bahdanau model (hidden
 * 32, 60 steps) serves every test.
 */
class TranslateFlowTest {
  private static final Pattern PHARAOH = Pattern.compile("(\\d+-\\d+( \\d+-\\d+)*)?");

  @TempDir static Path tmp;
  static Path corpus;
  static Path run;
  static Map<String, Object> report;
  static ParallelCorpus pairs;
  static Path src;
  static Path tgt;

  static String[] trainArgs(Path out, String... more) {
    List<String> a = new ArrayList<>(List.of("train", "translate", "--corpus", corpus.toString(), "--model", "bahdanau",
        "--hidden", "32", "--dropout", "0.2", "--batch-tokens", "1024", "--epochs", "100", "--seed", "7", "--out", out.toString()));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  @BeforeAll
  static void trainOnce() throws IOException {
    corpus = tmp.resolve("syn");
    Cli.run("data", "import", "synthetic", "--pairs", "300", "--seed", "1", "--out", corpus.toString()).assertOk();
    pairs = ParallelCorpusFiles.read(corpus);
    run = tmp.resolve("run");
    report = Cli.run(trainArgs(run, "--max-steps", "60", "--json")).assertJsonLine();
    src = tmp.resolve("test.src");
    tgt = tmp.resolve("test.tgt");
    Files.write(src, pairs.test().stream().map(SentencePair::source).toList(), StandardCharsets.UTF_8);
    Files.write(tgt, pairs.test().stream().map(SentencePair::target).toList(), StandardCharsets.UTF_8);
  }

  @Test
  void train_json_reportsTheRun() {
    assertEquals("max_steps", report.get("stop"));
    assertEquals(60L, report.get("steps"));
    assertEquals(0L, report.get("firstStep"));
    assertEquals("bahdanau", report.get("model"));
    assertEquals((long) pairs.train().size(), report.get("trainPairs"));
    assertTrue(report.get("finalLoss") instanceof Double loss && loss > 0, report.toString());
    assertTrue(((String) report.get("summary")).startsWith("max steps after 60 steps ("), report.toString());
    List<?> history = (List<?>) report.get("history");
    assertFalse(history.isEmpty());
    assertTrue(((Map<?, ?>) history.getFirst()).containsKey("devBleu"));
    assertEquals(run.resolve("last").toString(), report.get("last"));
    assertTrue(Files.isRegularFile(run.resolve("last/model.safetensors")));
    assertTrue(Files.isRegularFile(run.resolve("best/config.json")));
    assertTrue(Files.isRegularFile(run.resolve("run.json")));
  }

  @Test
  void train_text_printsEpochLinesAndSummary() {
    Cli r = Cli.run(trainArgs(tmp.resolve("text"), "--max-steps", "12")).assertOk();
    List<String> lines = r.outLines();
    assertTrue(lines.getFirst().startsWith("corpus " + corpus + " (x-svo -> x-sov): train " + pairs.train().size() + " pairs"),
        r.out());
    assertTrue(lines.get(1).startsWith("tokenizers: bpe, "), r.out());
    assertTrue(lines.get(2).startsWith("model: bahdanau, "), r.out());
    assertTrue(lines.stream().anyMatch(l -> l.matches("epoch 1  step \\d+  train loss \\d+\\.\\d{3}  dev loss \\d+\\.\\d{3}"
        + "  dev BLEU \\d+\\.\\d\\d \\(best\\)  \\d+\\.\\d s")), r.out());
    assertTrue(r.out().contains("max steps after 12 steps (1 epochs)"), r.out());
    assertTrue(r.out().contains("(continue with: attn train translate --out " + tmp.resolve("text") + " --resume)"), r.out());
  }

  @Test
  void train_attentionEvery_writesTheSliderPage_withASnapshotEveryNSteps() throws IOException {
    Path out = tmp.resolve("watched");
    Map<String, Object> j = Cli.run(trainArgs(out, "--max-steps", "30", "--attention-every", "10",
        "--attention-examples", "2", "--json")).assertJsonLine();
    assertEquals(30L, j.get("steps"));
    Path page = out.resolve(AttentionOverTraining.FILE);
    assertTrue(Files.isRegularFile(page), "written with the last checkpoint into OUT");
    String html = Files.readString(page, StandardCharsets.UTF_8);
    assertTrue(html.contains("<title>attention over training · bahdanau · steps 0–30</title>"), html.substring(0, 400));
    Matcher data = Pattern.compile("<script type=\"application/json\" id=\"attn-data\">(.*?)</script>", Pattern.DOTALL)
        .matcher(html);
    assertTrue(data.find(), "the page embeds its data");
    List<?> examples = (List<?>) Json.parseObject(data.group(1), page.toString()).get("examples");
    assertEquals(2, examples.size(), "--attention-examples 2");
    for (Object e : examples) {
      AttentionView v = AttentionViewJson.read(Json.write(e, false), page.toString());
      assertEquals(List.of(0L, 10L, 20L), v.snapshots().stream().map(Snapshot::step).toList(),
          "the slider: the initialisation, then every 10 steps");
      assertEquals("step 0 · before training", v.snapshots().getFirst().label());
      assertTrue(v.metadata().get("weights").startsWith("step 30 "), "the final weights: " + v.metadata());
      assertEquals(List.of(AttentionKind.CROSS), v.kinds());
    }
  }

  @Test
  void resume_afterAStepLimit_continuesBitForBit() throws IOException {
    Path out = tmp.resolve("resumed");
    Map<String, Object> first = Cli.run(trainArgs(out, "--max-steps", "30", "--json")).assertJsonLine();
    assertEquals(30L, first.get("steps"));
    Map<String, Object> second = Cli.run("train", "translate", "--out", out.toString(), "--resume", "--max-steps", "60",
        "--json").assertJsonLine();
    assertEquals(30L, second.get("firstStep"));
    assertEquals(60L, second.get("steps"));
    assertEquals(report.get("finalLoss"), second.get("finalLoss"), "the loss of step 60, bit for bit");
    assertEquals(report.get("history"), second.get("history"), "every epoch's losses and dev BLEU");
    Map<String, Tensor> a = Checkpoint.load(run.resolve("last")).model();
    Map<String, Tensor> b = Checkpoint.load(out.resolve("last")).model();
    assertEquals(a.keySet(), b.keySet());
    for (String k : a.keySet()) assertArrayEquals(a.get(k).toArray(), b.get(k).toArray(), k);
  }

  @Test
  void translate_onePerLine_blankStaysBlank() throws IOException {
    Path in = tmp.resolve("in.txt");
    Files.write(in, List.of(pairs.test().get(0).source(), "", pairs.test().get(1).source()), StandardCharsets.UTF_8);
    Cli r = Cli.run("translate", "--model", run.toString(), "--input", in.toString()).assertOk();
    List<String> lines = r.outLines();
    assertEquals(3, lines.size(), r.out());
    assertEquals("", lines.get(1));
    assertFalse(lines.get(0).isBlank());

    Path outFile = tmp.resolve("out.txt");
    Cli toFile = Cli.run("translate", "--model", run.toString(), "--input", in.toString(), "--output", outFile.toString(),
        "--beam", "1").assertOk();
    assertEquals("", toFile.out());
    assertEquals(3, Files.readAllLines(outFile).size());
  }

  @Test
  void translate_nbest_isMosesFormat() throws IOException {
    Path in = tmp.resolve("nbest.txt");
    Files.write(in, List.of(pairs.test().get(0).source(), pairs.test().get(1).source()), StandardCharsets.UTF_8);
    Cli r = Cli.run("translate", "--model", run.resolve("last").toString(), "--input", in.toString(), "--beam", "4",
        "--nbest", "3").assertOk();
    List<String> lines = r.outLines();
    assertEquals(6, lines.size(), r.out());
    for (int k = 0; k < 6; k++) {
      assertTrue(lines.get(k).matches((k / 3) + " \\|\\|\\| .* \\|\\|\\| -\\d+\\.\\d{4}"), lines.get(k));
    }
  }

  @Test
  void translate_showAttention_printsAlignmentAndHeatmap() throws IOException {
    Path in = tmp.resolve("att.txt");
    String sentence = pairs.test().get(0).source();
    Files.write(in, List.of(sentence), StandardCharsets.UTF_8);
    Cli r = Cli.run("translate", "--model", run.toString(), "--input", in.toString(), "--show-attention").assertOk();
    List<String> lines = r.outLines();
    assertTrue(lines.get(1).startsWith("  alignment: "), r.out());
    assertTrue(PHARAOH.matcher(lines.get(1).substring("  alignment: ".length())).matches(), lines.get(1));
    assertTrue(lines.get(2).startsWith("  source: 0 the | 1 "), r.out()); // the synthetic sources start with a/the
    assertTrue(lines.stream().anyMatch(l -> l.matches("  \\S.*  <- \\S+ \\d\\.\\d\\d")), r.out());
  }

  @Test
  void translate_json_oneObjectPerSentence() throws IOException {
    Path in = tmp.resolve("json.txt");
    Files.write(in, List.of(pairs.test().get(0).source(), pairs.test().get(1).source()), StandardCharsets.UTF_8);
    Cli r = Cli.run("translate", "--model", run.toString(), "--input", in.toString(), "--json", "--nbest", "2",
        "--show-attention").assertOk();
    List<String> lines = r.outLines();
    assertEquals(2, lines.size(), r.out());
    Map<String, Object> j = Json.parseObject(lines.get(1), "line 2");
    assertEquals(2L, j.get("line"));
    assertEquals(pairs.test().get(1).source(), j.get("source"));
    for (String key : List.of("translation", "score", "logProb", "finished", "nbest", "alignment", "sourceTokens",
        "targetTokens", "attention")) {
      assertTrue(j.containsKey(key), key + " in " + j.keySet());
    }
    assertEquals(2, ((List<?>) j.get("nbest")).size());
    assertEquals(((List<?>) j.get("targetTokens")).size(), ((List<?>) j.get("attention")).size());
  }

  @Test
  void eval_json_scoresTheTestSplit() throws IOException {
    Path hyp = tmp.resolve("hyp.txt");
    Map<String, Object> j = Cli.run("eval", "translate", "--model", run.toString(), "--corpus", corpus.toString(),
        "--json", "--beam", "2", "--hyp", hyp.toString()).assertJsonLine();
    assertEquals((long) pairs.test().size(), j.get("pairs"));
    assertEquals("test", j.get("split"));
    assertEquals("x-sov", j.get("targetLang"));
    assertTrue(j.get("bleu") instanceof Double b && b >= 0 && b <= 100, j.toString());
    assertTrue(j.get("chrf") instanceof Double c && c >= 0 && c <= 100, j.toString());
    assertTrue(((String) j.get("bleuText")).startsWith("BLEU = "));
    assertTrue(((String) j.get("bleuSignature")).contains("tok:13a"));
    List<?> buckets = (List<?>) j.get("buckets");
    assertEquals(7, buckets.size());
    assertEquals("0-10", ((Map<?, ?>) buckets.getFirst()).get("label"));
    long inBuckets = buckets.stream().mapToLong(b -> (Long) ((Map<?, ?>) b).get("sentences")).sum();
    assertEquals(pairs.test().size(), inBuckets);
    assertEquals(pairs.test().size(), Files.readAllLines(hyp).size());
  }

  @Test
  void eval_text_showsScoresAndBuckets() {
    Cli r = Cli.run("eval", "translate", "--model", run.toString(), "--corpus", corpus.toString(), "--split", "dev",
        "--limit", "5", "--beam", "1").assertOk();
    List<String> lines = r.outLines();
    assertTrue(lines.getFirst().startsWith("corpus " + corpus + " dev split (x-svo -> x-sov): 5 pairs, greedy, bahdanau"),
        r.out());
    assertTrue(lines.get(1).startsWith("BLEU = ") && lines.get(1).endsWith("[nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp]"),
        r.out());
    assertTrue(lines.get(2).startsWith("chrF2 = "), r.out());
    assertTrue(r.out().contains("source words  sentences    BLEU"), r.out());
  }

  @Test
  void align_withGold_writesPharaohOverWords_andPrintsAer() throws IOException {
    Path out = tmp.resolve("align.txt");
    Cli r = Cli.run("align", "--model", run.toString(), "--src", src.toString(), "--tgt", tgt.toString(),
        "--gold", corpus.resolve("test.sure.txt").toString(), "--possible", corpus.resolve("test.possible.txt").toString(),
        "--out", out.toString()).assertOk();
    assertTrue(r.out().matches("AER \\d\\.\\d{4}  precision \\d\\.\\d{4}  recall \\d\\.\\d{4}  \\(\\d+ predicted links, \\d+"
        + " sure, " + pairs.test().size() + " pairs; argmax\\)\\R"), r.out());
    List<String> lines = Files.readAllLines(out);
    assertEquals(pairs.test().size(), lines.size());
    for (int k = 0; k < lines.size(); k++) {
      assertTrue(PHARAOH.matcher(lines.get(k)).matches(), lines.get(k));
      int sourceWords = pairs.test().get(k).source().split(" ").length;
      int targetWords = pairs.test().get(k).target().split(" ").length;
      for (String link : lines.get(k).split(" ")) {
        if (link.isEmpty()) continue;
        String[] ij = link.split("-");
        assertTrue(Integer.parseInt(ij[0]) < sourceWords && Integer.parseInt(ij[1]) < targetWords, link);
      }
      assertFalse(lines.get(k).isEmpty(), "argmax links every target token: line " + (k + 1));
    }

    Map<String, Object> j = Cli.run("align", "--model", run.toString(), "--src", src.toString(), "--tgt", tgt.toString(),
        "--gold", corpus.resolve("test.sure.txt").toString(), "--out", out.toString(), "--method", "threshold",
        "--threshold", "0.2", "--json").assertJsonLine();
    for (String key : List.of("aer", "precision", "recall", "predicted", "sure")) assertNotNull(j.get(key), key);
    assertEquals("threshold", j.get("method"));
  }

  @Test
  void align_toStdout_keepsStdoutPharaoh_andAerOnStderr() {
    Cli r = Cli.run("align", "--model", run.toString(), "--src", src.toString(), "--tgt", tgt.toString(),
        "--gold", corpus.resolve("test.sure.txt").toString()).assertOk();
    assertEquals(pairs.test().size(), r.outLines().size());
    assertTrue(r.outLines().stream().allMatch(l -> PHARAOH.matcher(l).matches()), r.out());
    assertTrue(r.err().lines().anyMatch(l -> l.startsWith("AER ")), r.err());
  }
}
