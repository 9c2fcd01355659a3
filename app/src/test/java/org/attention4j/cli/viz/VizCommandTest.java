package org.attention4j.cli.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.attention4j.cli.CliRun;
import org.attention4j.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code attn viz} on tiny trained models: explorer pages, PNG and SVG heatmaps, and its argument checks. */
@Timeout(120)
class VizCommandTest {
  @TempDir Path tmp;

  static Map<String, Object> embedded(Path page) throws Exception {
    String html = Files.readString(page, StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("<script type=\"application/json\" id=\"attn-data\">(.*?)</script>", Pattern.DOTALL).matcher(html);
    assertTrue(m.find(), "the page embeds its data");
    return Json.parseObject(m.group(1), page.toString());
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> examples(Map<String, Object> data) {
    return (List<Map<String, Object>>) data.get("examples");
  }

  private static CliRun ok(String... args) {
    CliRun r = CliRun.of(args);
    assertEquals(0, r.exitCode(), "stderr: " + r.err());
    assertEquals("", r.err());
    return r;
  }

  @Test
  void sentence_toExplorerPage_translatedGreedily() throws Exception {
    Path run = TinyTranslation.trained("bahdanau");
    Path page = tmp.resolve("sub/page.html");
    CliRun r = ok("viz", "--model", run.toString(), "--input", "the dog watched a cat", "--out", page.toString());
    List<String> lines = r.out().lines().toList();
    assertEquals("model: bahdanau (" + run.resolve("last") + ", step 300)", lines.get(0));
    assertEquals("input: the dog watched a cat", lines.get(1));
    assertTrue(lines.get(2).startsWith("  -> ") && lines.get(2).endsWith("(greedy translation)"), lines.get(2));
    assertEquals("wrote " + page + " (explorer, opens on cross layer 1, every head)", lines.get(3));

    Map<String, Object> data = embedded(page);
    Map<String, Object> view = examples(data).getFirst();
    assertEquals(List.of("the", "dog", "watched", "a", "cat"), view.get("source"));
    @SuppressWarnings("unchecked")
    List<String> target = (List<String>) view.get("target");
    assertEquals("</s>", target.getLast());
    String translation = lines.get(2).substring(5, lines.get(2).indexOf("   (greedy"));
    assertEquals(translation, String.join(" ", target.subList(0, target.size() - 1)), "rows are the predicted tokens");
    assertEquals(Map.of("kind", "cross", "layer", 0L, "heads", List.of(0L)), data.get("initial"));
    String html = Files.readString(page);
    assertTrue(html.contains("window.attnExplorer = api") && html.contains("<title>attention explorer · bahdanau · the dog"));
  }

  @Test
  void target_isTeacherForced_andJsonOutput() throws Exception {
    Path run = TinyTranslation.trained("transformer");
    Path page = tmp.resolve("tf.html");
    CliRun r = ok("viz", "--model", run.toString(), "--input", "the dog watched a cat", "--target",
        "keti-ba darupa-bo bapo ra", "--out", page.toString(), "--kind", "encoder", "--layer", "1", "--head", "2", "--json");
    Map<String, Object> j = Json.parseObject(r.out().strip(), "stdout");
    assertEquals("transformer", j.get("model"));
    assertEquals(List.of(page.toString()), j.get("files"));
    assertEquals("encoder", j.get("kind"));
    assertEquals(1L, j.get("layer"));
    assertEquals(2L, j.get("head"));
    @SuppressWarnings("unchecked")
    Map<String, Object> s = ((List<Map<String, Object>>) j.get("sentences")).getFirst();
    assertEquals("keti-ba darupa-bo bapo ra", s.get("translation"));
    assertEquals(false, s.get("decoded"));

    Map<String, Object> data = embedded(page);
    Map<String, Object> view = examples(data).getFirst();
    assertEquals(List.of("keti-ba", "darupa-bo", "bapo", "ra", "</s>"), view.get("target"));
    assertEquals(Map.of("kind", "encoder", "layer", 0L, "heads", List.of(1L)), data.get("initial"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> matrices = (List<Map<String, Object>>) view.get("matrices");
    assertEquals(12, matrices.size(), "2 layers x 2 heads of cross, encoder and decoder attention");
  }

  @Test
  void png_oneHead_andPerHeadGrid() throws Exception {
    Path run = TinyTranslation.trained("transformer");
    Path one = tmp.resolve("one.png");
    Path grid = tmp.resolve("grid.png");
    String sentence = "a small cat watched the old dog behind a house";
    ok("viz", "--model", run.toString(), "--input", sentence, "--out", one.toString(), "--head", "1");
    CliRun r = ok("viz", "--model", run.toString(), "--input", sentence, "--out", grid.toString());
    assertTrue(r.out().contains("wrote " + grid + " (cross layer 2, every head)"), r.out());
    BufferedImage a = ImageIO.read(one.toFile());
    BufferedImage b = ImageIO.read(grid.toFile());
    assertNotNull(a);
    assertNotNull(b);
    assertTrue(b.getWidth() > 1.6 * a.getWidth(), "two panels side by side: " + a.getWidth() + " vs " + b.getWidth());
    Path keep = Files.createDirectories(Path.of("target", "viz-test")); // for a look after the run
    Files.copy(grid, keep.resolve("attn-viz-transformer-grid.png"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void file_ofSeveralSentences_numberedSvgs_andOnePageWithGold() throws Exception {
    Path run = TinyTranslation.trained("bahdanau");
    Path tsv = TinyTranslation.testTsv(tmp, 3);
    Path svg = tmp.resolve("heat.svg");
    CliRun r = ok("viz", "--model", run.toString(), "--input", tsv.toString(), "--out", svg.toString());
    for (int i = 1; i <= 3; i++) {
      Path f = tmp.resolve("heat-" + i + ".svg");
      assertTrue(r.out().contains("wrote " + f), r.out());
      String text = Files.readString(f);
      assertTrue(text.startsWith("<?xml") || text.startsWith("<svg"), text.substring(0, 40));
      assertTrue(text.contains("bahdanau · line " + i + " · cross layer 1"), "figure title");
    }
    Path page = tmp.resolve("all.html");
    ok("viz", "--model", run.toString(), "--input", tsv.toString(), "--out", page.toString());
    Map<String, Object> data = embedded(page);
    assertEquals(3, examples(data).size());
    @SuppressWarnings("unchecked")
    List<String> labels = (List<String>) data.get("labels");
    assertTrue(labels.getFirst().startsWith("line 1: "), labels.toString());
    for (Map<String, Object> v : examples(data)) {
      assertNotNull(v.get("gold"), "the third TSV column gives gold links");
      assertEquals("reference (teacher-forced)", ((Map<?, ?>) v.get("metadata")).get("target"));
    }
  }

  @Test
  void badArguments_areUsageErrors_namingTheRule() throws Exception {
    Path bahdanau = TinyTranslation.trained("bahdanau");
    Path transformer = TinyTranslation.trained("transformer");
    String m = bahdanau.toString(), t = transformer.toString(), out = tmp.resolve("x.html").toString();
    assertUsage("attn: --out must end in .html, .png or .svg, got " + tmp.resolve("x.txt") + " (see 'attn viz --help')",
        "viz", "--model", m, "--input", "a cat", "--out", tmp.resolve("x.txt").toString());
    assertUsage("attn: --kind: attention kind: expected one of cross, encoder, decoder, got \"self\" (see 'attn viz --help')",
        "viz", "--model", m, "--input", "a cat", "--out", out, "--kind", "self");
    assertUsage("attn: --kind encoder: the bahdanau model has no encoder attention (it has: cross) (see 'attn viz --help')",
        "viz", "--model", m, "--input", "a cat", "--out", out, "--kind", "encoder");
    assertUsage("attn: --layer 3: the model has 2 cross layers (1..2) (see 'attn viz --help')",
        "viz", "--model", t, "--input", "a cat", "--out", out, "--layer", "3");
    assertUsage("attn: --head 3: cross layer 2 has 2 heads (1..2) (see 'attn viz --help')",
        "viz", "--model", t, "--input", "a cat", "--out", out, "--head", "3");
    assertUsage("attn: --layer must be >= 1, got 0 (see 'attn viz --help')",
        "viz", "--model", t, "--input", "a cat", "--out", out, "--layer", "0");
    Path tsv = TinyTranslation.testTsv(tmp, 2);
    assertUsage("attn: --target goes with a sentence, not with a file (" + tsv + "): put the targets in the file as"
        + " source<TAB>target lines (see 'attn viz --help')", "viz", "--model", m, "--input", tsv.toString(), "--target", "x", "--out", out);

    CliRun r = CliRun.of("viz", "--model", m, "--input", "zzz", "--target", "  ", "--out", out);
    assertEquals(0, r.exitCode(), "an unknown word is <unk>, still a token: " + r.err());
    r = CliRun.of("viz", "--model", tmp.resolve("none").toString(), "--input", "a cat", "--out", out);
    assertEquals(1, r.exitCode());
    assertEquals("attn: " + tmp.resolve("none") + ": no such model directory", r.err().strip());
  }

  private static void assertUsage(String message, String... args) {
    CliRun r = CliRun.of(args);
    assertEquals(2, r.exitCode(), r.err());
    assertEquals(message, r.err().strip());
    assertEquals("", r.out());
  }
}
