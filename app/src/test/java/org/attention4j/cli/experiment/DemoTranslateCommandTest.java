package org.attention4j.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.attention4j.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTranslateCommandTest {
  @Test
  void tinyRun_printsSamplesAndTheTable_andWritesOneExplorerPageWithEverySample(@TempDir Path tmp) throws Exception {
    Path corpus = Run.tinyCorpus(tmp.resolve("corpus"));
    Path out = tmp.resolve("demo");
    Run run = Run.of("demo", "translate", "--corpus", corpus.toString(), "--steps", "2", "--samples", "3", "--hidden",
        "16", "--embed", "8", "--vocab", "200", "--batch-tokens", "300", "--out", out.toString()).ok();
    String o = run.out();
    assertTrue(o.contains("sample translations of test verses"), o);
    assertEquals(3, o.lines().filter(l -> l.startsWith("    reference:    ")).count(), o);
    assertEquals(3, o.lines().filter(l -> l.startsWith("    no attention: ")).count(), o);
    assertTrue(o.contains("BLEU by source length"), o);
    assertTrue(o.contains("attention explorer with the alignment of each sample: " + out.resolve("demo.html").toAbsolutePath()), o);

    String html = Files.readString(out.resolve("demo.html"), StandardCharsets.UTF_8);
    assertTrue(html.contains("<meta name=\"generator\" content=\"attention4j explorer\">"), "the explorer page");
    assertTrue(html.contains("window.attnExplorer"), "the explorer's script");
    String data = html.substring(html.indexOf("<script type=\"application/json\" id=\"attn-data\">"));
    data = data.substring(data.indexOf('>') + 1, data.indexOf("</script>"));
    Map<String, Object> page = Json.parseObject(data, "attn-data");
    List<?> examples = (List<?>) page.get("examples");
    assertEquals(3, examples.size());
    assertEquals(3, ((List<?>) page.get("labels")).size());
    Map<?, ?> first = (Map<?, ?>) examples.getFirst();
    assertEquals("bahdanau", ((Map<?, ?>) first.get("metadata")).get("model"));
    assertEquals("cross", ((Map<?, ?>) ((List<?>) first.get("matrices")).getFirst()).get("kind"));

    Map<String, Object> results = Json.parseObject(Files.readString(out.resolve("results.json")), "results.json");
    assertEquals("demo translate", results.get("experiment"));
    assertEquals(3, ((List<?>) results.get("samples")).size());
    assertTrue(Files.isRegularFile(out.resolve("bahdanau").resolve("config.json")));
  }

  @Test
  void noBaseline_trainsOnlyTheAttentionModel(@TempDir Path tmp) throws Exception {
    Path corpus = Run.tinyCorpus(tmp.resolve("corpus"));
    Run run = Run.of("demo", "translate", "--no-baseline", "--corpus", corpus.toString(), "--steps", "1", "--samples",
        "1", "--hidden", "8", "--embed", "4", "--vocab", "100", "--batch-tokens", "300", "--out",
        tmp.resolve("demo").toString()).ok();
    assertTrue(!run.out().contains("no attention:") && !run.out().contains("BLEU by source length"), run.out());
  }

  @Test
  void demoHelp_namesTranslateAsTheDefault() {
    Run run = Run.of("demo", "--help").ok();
    assertTrue(run.out().contains("runs the default demo (translate)"), run.out());
    assertTrue(run.out().contains("translate") && run.out().contains("lm"), run.out());
  }

  @Test
  void zeroSamples_isAUsageError() {
    assertEquals("attn: --samples must be >= 1, got 0 (see 'attn demo translate --help')",
        Run.of("demo", "translate", "--samples", "0").usageError());
  }

  @Test
  void pickSamples_spreadsOverTheLengths() throws Exception {
    var corpus = org.attention4j.data.corpus.ParallelCorpusFiles.read(Run.tinyCorpus(
        Files.createTempDirectory("pick")));
    var setup = TranslationSetup.prepare("tiny", corpus, TranslationSetup.TokenizerKind.WORD, 100, 0);
    List<Integer> picked = DemoTranslateCommand.pickSamples(setup, 3);
    List<Integer> words = setup.testSourceWords();
    assertEquals(3, picked.size());
    assertTrue(words.get(picked.get(0)) <= words.get(picked.get(1)) && words.get(picked.get(1)) <= words.get(picked.get(2)),
        picked + " " + words);
  }
}
