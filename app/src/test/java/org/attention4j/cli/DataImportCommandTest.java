package org.attention4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.attention4j.data.corpus.ParallelCorpus;
import org.attention4j.data.corpus.ParallelCorpusFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataImportCommandTest {
  private static void assertContains(String actual, String expected) {
    assertTrue(actual.contains(expected), () -> "expected <" + expected + "> in: " + actual);
  }

  @Test
  void synthetic_writesCorpusAndAlignments_andRecordsTheCommand(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("syn");
    CliRun run = CliRun.of("data", "import", "synthetic", "--seed", "3", "--pairs", "200", "--max-clauses", "1",
        "--out", out.toString());
    assertEquals(Main.EXIT_OK, run.exitCode(), run.err());
    assertTrue(run.out().startsWith("synthetic: 200 pairs (train "), run.out());
    assertTrue(run.out().contains("corpus x-svo -> x-sov written to " + out), run.out());
    ParallelCorpus c = ParallelCorpusFiles.read(out);
    assertEquals(200, c.size());
    assertEquals("attn data import synthetic --seed 3 --pairs 200 --max-clauses 1 --out " + out, c.info().command());
    assertTrue(Files.isRegularFile(out.resolve("train.sure.txt")));
    assertTrue(Files.isRegularFile(out.resolve("dev.possible.txt")));
  }

  @Test
  void synthetic_json_isOneLineWithCounts(@TempDir Path tmp) {
    Path out = tmp.resolve("syn");
    Map<String, Object> j = CliRun.of("data", "import", "synthetic", "--pairs", "50", "--out", out.toString(), "--json")
        .assertOneJsonLine();
    assertEquals("synthetic", j.get("source"));
    assertEquals(out.toString(), j.get("out"));
    @SuppressWarnings("unchecked")
    Map<String, Object> counts = (Map<String, Object>) j.get("counts");
    assertEquals(50L, (Long) counts.get("train") + (Long) counts.get("dev") + (Long) counts.get("test"));
    assertEquals(42L, ((Map<?, ?>) j.get("stats")).get("seed"));
  }

  @Test
  void tsv_cleaningOptionsApply_andTheCommandIsQuoted(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("my pairs.tsv");
    StringBuilder sb = new StringBuilder("en\tde\n");
    for (int i = 0; i < 40; i++) sb.append("house number ").append(i).append("\tHaus Nummer ").append(i).append('\n');
    sb.append("one two three four five six seven\teins zwei drei vier fünf sechs sieben\n");
    sb.append("same\tsame\n");
    Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    Path out = tmp.resolve("tsv");
    CliRun run = CliRun.of("data", "import", "tsv", file.toString(), "--source-lang", "en", "--target-lang", "de",
        "--skip-header", "--max-tokens", "5", "--drop-identical", "--out", out.toString());
    assertEquals(Main.EXIT_OK, run.exitCode(), run.err());
    ParallelCorpus c = ParallelCorpusFiles.read(out);
    assertEquals(40, c.size());
    assertTrue(run.out().contains("1 too long, 0 by length ratio, 1 identical"), run.out());
    assertEquals("attn data import tsv '" + file + "' --source-lang en --target-lang de --skip-header --max-tokens 5"
        + " --drop-identical --out " + out, c.info().command());
  }

  @Test
  void tsv_missingFile_failsWithOneLine(@TempDir Path tmp) {
    Path missing = tmp.resolve("none.tsv");
    CliRun run = CliRun.of("data", "import", "tsv", missing.toString(), "--source-lang", "en", "--target-lang", "de",
        "--out", tmp.resolve("o").toString());
    assertEquals(Main.EXIT_FAILURE, run.exitCode());
    assertEquals("attn: " + missing + ": no such file", run.assertOneErrorLine());
  }

  @Test
  void badOptions_areUsageErrors(@TempDir Path tmp) {
    String out = tmp.resolve("o").toString();
    assertContains(CliRun.of("data", "import", "synthetic", "--pairs", "0", "--out", out).assertUsageError(), "pairs must be >= 1, got 0");
    assertContains(CliRun.of("data", "import", "tsv", "x.tsv", "--source-lang", "en", "--target-lang", "de",
        "--max-ratio", "0.5", "--out", out).assertUsageError(), "maxLengthRatio must be >= 1.0, got 0.5");
    assertContains(CliRun.of("data", "import", "bible", "--source", "engKJV2006eb", "--out", out).assertUsageError(), "--sword-dir, --source and --target go together");
    assertContains(CliRun.of("data", "import", "synthetic", "--max-tokens", "5", "--out", out).assertUsageError(), "Unknown options: '--max-tokens', '5'");
    assertContains(CliRun.of("data", "import", "gettext", "--out", out).assertUsageError(), "Missing required option: '--lang=LANG'");
    assertContains(CliRun.of("data", "import").assertUsageError(), "missing source; one of: bible, gettext, tsv, synthetic");
    assertContains(CliRun.of("data", "import", "synthetic").assertUsageError(), "--out");
  }

  @Test
  void gettext_missingLocaleDir_failsWithOneLine(@TempDir Path tmp) {
    Path missing = tmp.resolve("locale");
    CliRun run = CliRun.of("data", "import", "gettext", "--lang", "de", "--locale-dir", missing.toString(), "--out",
        tmp.resolve("o").toString());
    assertEquals(Main.EXIT_FAILURE, run.exitCode());
    assertEquals("attn: " + missing + ": no such locale directory", run.assertOneErrorLine());
  }

  @Test
  void bible_bundled_withCleaning(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("bible");
    CliRun run = CliRun.of("data", "import", "bible", "--max-tokens", "40", "--out", out.toString());
    assertEquals(Main.EXIT_OK, run.exitCode(), run.err());
    assertTrue(run.out().startsWith("bible: "), run.out());
    assertTrue(run.out().contains("cleaning: "), run.out());
    ParallelCorpus c = ParallelCorpusFiles.read(out);
    assertTrue(c.train().size() > 10_000, c.info().toString());
    assertEquals("en", c.info().sourceLang());
  }

  @Test
  void bible_missingSwordDir_failsWithOneLine(@TempDir Path tmp) {
    Path missing = tmp.resolve("sword");
    CliRun run = CliRun.of("data", "import", "bible", "--sword-dir", missing.toString(), "--source", "engKJV2006eb",
        "--target", "spaRV1909eb", "--out", tmp.resolve("o").toString());
    assertEquals(Main.EXIT_FAILURE, run.exitCode());
    assertEquals("attn: " + missing + ": no such SWORD directory", run.assertOneErrorLine());
  }

  @Test
  void bible_installedSwordModules(@TempDir Path tmp) throws Exception {
    Path sword = Path.of("/usr/share/sword");
    assumeTrue(Files.isDirectory(sword.resolve("modules/texts/ztext/engkjv2006eb"))
        || Files.isDirectory(sword.resolve("modules/texts/ztext/engKJV2006eb")), "KJV SWORD module not installed");
    Path out = tmp.resolve("bible");
    CliRun run = CliRun.of("data", "import", "bible", "--sword-dir", sword.toString(), "--source", "engKJV2006eb",
        "--target", "spaRV1909eb", "--out", out.toString(), "--json");
    Map<String, Object> j = run.assertOneJsonLine();
    assertEquals("bible", j.get("source"));
    assertTrue(ParallelCorpusFiles.read(out).size() > 30_000);
  }

  @Test
  void gettext_installedCatalogs(@TempDir Path tmp) throws Exception {
    Path locale = Path.of("/usr/share/locale");
    assumeTrue(Files.isDirectory(locale.resolve("de/LC_MESSAGES")), "no German catalogs installed");
    Path out = tmp.resolve("de");
    CliRun run = CliRun.of("data", "import", "gettext", "--lang", "de", "--locale-dir", locale.toString(),
        "--exclude-domains", "gcc,cpplib", "--max-tokens", "50", "--out", out.toString());
    assertEquals(Main.EXIT_OK, run.exitCode(), run.err());
    assertTrue(run.out().startsWith("gettext en -> de: "), run.out());
    ParallelCorpus c = ParallelCorpusFiles.read(out);
    assertEquals("de", c.info().targetLang());
    assertTrue(c.size() > 100, "pairs: " + c.size());
  }
}
