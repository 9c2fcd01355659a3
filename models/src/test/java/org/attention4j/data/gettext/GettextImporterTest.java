package org.attention4j.data.gettext;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.attention4j.data.CorpusFormatException;
import org.attention4j.data.corpus.CleaningOptions;
import org.attention4j.data.corpus.HashSplit;
import org.attention4j.data.corpus.ParallelCorpus;
import org.attention4j.data.corpus.ParallelCorpusFiles;
import org.attention4j.data.corpus.SentencePair;
import org.attention4j.data.corpus.Split;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GettextImporterTest {

  /** A locale root with two fr catalogs (alpha LE, beta BE) and one broken one. */
  private static Path root(Path dir) throws Exception {
    Path lc = Files.createDirectories(dir.resolve("fr/LC_MESSAGES"));
    Files.write(lc.resolve("alpha.mo"), new MoBuilder().utf8Header(2)
        .add("Open %s", "Ouvrir %s")
        .add("File", "Fichier")
        .addContext("verb", "Print", "Imprimer")
        .addPlural("%d file", "%d files", "%d fichier", "%d fichiers")
        .add("Untranslated", "")
        .add("--help", "--help")
        .add("_Cancel", "_Annuler")
        .add("|pinentry-label|_OK", "|pinentry-label|_Valider")
        .add("Usage: %s [OPTION]...\n  -a, --all   show all\n  -q          quiet\n",
            "Utilisation : %s [OPTION]...\n  -a, --all   tout afficher\n  -q          silencieux\n")
        .add("Two lines\nbecome one", "Deux lignes deviennent une")
        .build());
    Files.write(lc.resolve("beta.mo"), new MoBuilder().order(ByteOrder.BIG_ENDIAN).hashSize(5)
        .utf8Header(2)
        .add("File", "Dossier")
        .add("Open %s", "Ouvrir %s")
        .build());
    Files.write(lc.resolve("gamma.mo"), new MoBuilder()
        .header("Content-Type: text/plain; charset=ISO-8859-1").add("Yes", "Oui").build());
    Files.write(lc.resolve("notes.txt"), new byte[] {1});
    return dir;
  }

  private static Map<String, String> bySource(ParallelCorpus c) {
    return c.all().stream().collect(Collectors.toMap(SentencePair::source, SentencePair::target));
  }

  @Test
  void collect_turnsEntriesIntoPairs(@TempDir Path tmp) throws Exception {
    GettextImporter.Result r = GettextImporter.collect(GettextImporter.Options.of(root(tmp), "fr")
        .withCleaning(GettextImporter.DEFAULT_CLEANING.withRatio(100, 1)));
    Map<String, String> pairs = bySource(r.corpus());
    assertEquals(Map.ofEntries(
        Map.entry("Open %s", "Ouvrir %s"),
        Map.entry("File", "Dossier"), // tie 1:1 -> "Dossier" < "Fichier"
        Map.entry("Print", "Imprimer"),
        Map.entry("%d file", "%d fichier"),
        Map.entry("%d files", "%d fichiers"),
        Map.entry("Cancel", "Annuler"),
        Map.entry("OK", "Valider"),
        Map.entry("Usage: %s [OPTION]...", "Utilisation : %s [OPTION]..."),
        Map.entry("-a, --all show all", "-a, --all tout afficher"),
        Map.entry("-q quiet", "-q silencieux"),
        Map.entry("Two lines become one", "Deux lignes deviennent une")), pairs);

    GettextImporter.Stats s = r.stats();
    assertEquals(List.of("alpha", "beta"), s.catalogs().stream()
        .map(GettextImporter.CatalogStats::domain).toList());
    assertEquals(1, s.skipped().size());
    assertTrue(s.skipped().getFirst().endsWith("gamma.mo: header declares charset=ISO-8859-1;"
        + " only UTF-8 (or ASCII) catalogs are read: convert it first, e.g. msgunfmt FILE.mo |"
        + " msgconv --to-code=UTF-8 | msgfmt -o FILE-utf8.mo -"), s.skipped().getFirst());
    assertEquals(14, s.entries());
    assertEquals(2, s.headers());
    assertEquals(1, s.untranslated());
    assertEquals(1, s.withContext());
    assertEquals(1, s.pseudoContexts());
    assertEquals(1, s.plural());
    assertEquals(1, s.pluralPairs());
    assertEquals(2, s.acceleratorsStripped());
    assertEquals(1, s.linesSplit());
    assertEquals(1, s.cleaning().identical());
    assertEquals(1, s.cleaning().duplicates()); // Open %s twice
    assertEquals(1, s.cleaning().alternatives()); // File -> Fichier lost
    assertEquals("alpha:9#2", r.corpus().all().stream()
        .filter(p -> p.source().startsWith("-a")).findFirst().orElseThrow().id());
    assertEquals("en", r.corpus().info().sourceLang());
    assertEquals("fr", r.corpus().info().targetLang());
  }

  @Test
  void collect_splitsBySourceHash(@TempDir Path tmp) throws Exception {
    GettextImporter.Options o = new GettextImporter.Options(List.of(root(tmp)), "fr", Set.of(),
        Set.of(), true, true, false, null, new HashSplit(300, 300), null);
    ParallelCorpus c = GettextImporter.collect(o).corpus();
    for (Split s : Split.values()) {
      for (SentencePair p : c.split(s)) {
        assertEquals(s, new HashSplit(300, 300).ofSource(p.source()), p.toString());
      }
    }
  }

  @Test
  void collect_withoutLineSplittingOrStripping_keepsMessagesWhole(@TempDir Path tmp)
      throws Exception {
    GettextImporter.Options o = GettextImporter.Options.of(root(tmp), "fr")
        .withSplitLines(false).withStripAccelerators(false)
        .withCleaning(GettextImporter.DEFAULT_CLEANING.withRatio(100, 1));
    Map<String, String> pairs = bySource(GettextImporter.collect(o).corpus());
    assertEquals("Utilisation : %s [OPTION]... -a, --all tout afficher -q silencieux",
        pairs.get("Usage: %s [OPTION]... -a, --all show all -q quiet"));
    assertEquals("_Annuler", pairs.get("_Cancel"));
  }

  @Test
  void collect_otherCharsets_readsLegacyCatalog(@TempDir Path tmp) throws Exception {
    GettextImporter.Result r = GettextImporter.collect(GettextImporter.Options.of(root(tmp), "fr")
        .withOtherCharsets(true));
    assertEquals(List.of(), r.stats().skipped());
    assertEquals("Oui", bySource(r.corpus()).get("Yes"));
  }

  @Test
  void collect_domainFilters(@TempDir Path tmp) throws Exception {
    GettextImporter.Result r = GettextImporter.collect(GettextImporter.Options.of(root(tmp), "fr")
        .withDomains(Set.of("beta"), Set.of()));
    assertEquals(Map.of("File", "Dossier", "Open %s", "Ouvrir %s"), bySource(r.corpus()));
    GettextImporter.Result r2 = GettextImporter.collect(GettextImporter.Options.of(root(tmp),
        "fr").withDomains(Set.of(), Set.of("alpha", "gamma")));
    assertEquals(1, r2.stats().catalogs().size());
  }

  @Test
  void build_writesCorpusDeterministically(@TempDir Path tmp) throws Exception {
    Path root = root(tmp.resolve("locale"));
    GettextImporter.Stats s = GettextImporter.build(root, "fr", tmp.resolve("a"));
    GettextImporter.build(root, "fr", tmp.resolve("b"));
    for (String f : List.of("train.tsv.gz", "dev.tsv.gz", "test.tsv.gz", "corpus.json")) {
      assertArrayEquals(Files.readAllBytes(tmp.resolve("a").resolve(f)),
          Files.readAllBytes(tmp.resolve("b").resolve(f)), f);
    }
    ParallelCorpus back = ParallelCorpusFiles.read(tmp.resolve("a"));
    assertEquals(s.cleaning().kept(), back.size());
    assertEquals((long) s.cleaning().kept(), back.info().stats().get("cleaning.train")
        + back.info().stats().get("cleaning.dev") + back.info().stats().get("cleaning.test"));
    assertTrue(back.info().notes().stream().anyMatch(n -> n.startsWith("catalog ")
        && n.contains("alpha.mo (test 1.0)")), back.info().notes().toString());
  }

  @Test
  void build_noCatalogs_fails(@TempDir Path tmp) {
    NoSuchFileException e = assertThrows(NoSuchFileException.class,
        () -> GettextImporter.build(tmp, "zh_CN", tmp.resolve("out")));
    assertEquals(tmp.resolve("zh_CN/LC_MESSAGES") + ": no .mo catalogs for zh_CN; install some"
        + " with scripts/data/install-gettext.sh", e.getMessage());
  }

  @Test
  void build_nothingSurvivesCleaning_fails(@TempDir Path tmp) throws Exception {
    Path lc = Files.createDirectories(tmp.resolve("de/LC_MESSAGES"));
    Files.write(lc.resolve("x.mo"), new MoBuilder().utf8Header(2).add("--help", "--help").build());
    CorpusFormatException e = assertThrows(CorpusFormatException.class,
        () -> GettextImporter.build(tmp, "de", tmp.resolve("out")));
    assertTrue(e.getMessage().startsWith("gettext: empty corpus: none of the 1 pairs from 1"
        + " catalogs for de survived cleaning (cleaning: 1 candidate pairs -> 0 kept"),
        e.getMessage());
  }

  @Test
  void options_badLanguage_fails() {
    assertEquals("GettextImporter: target language 'zh CN' is not a locale directory name such"
        + " as zh_CN, fr, de, es, ja", assertThrows(IllegalArgumentException.class,
        () -> GettextImporter.Options.of(Path.of("/x"), "zh CN")).getMessage());
  }

  @Test
  void defaultCleaning_isMajorityAndDropsIdentical() {
    assertEquals(CleaningOptions.Dedup.MAJORITY_PER_SOURCE,
        GettextImporter.DEFAULT_CLEANING.dedup());
    assertTrue(GettextImporter.DEFAULT_CLEANING.dropIdentical());
  }
}
