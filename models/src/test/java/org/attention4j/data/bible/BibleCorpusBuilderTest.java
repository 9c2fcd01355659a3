package org.attention4j.data.bible;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.attention4j.data.sword.SwordModule;
import org.attention4j.data.sword.Testament;
import org.attention4j.data.sword.VerseRef;
import org.attention4j.data.sword.Versification;
import org.attention4j.data.sword.ZTextFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end on two synthetic KJV-shaped modules written in a temporary SWORD root. */
class BibleCorpusBuilderTest {

  @TempDir Path root;

  private static void module(Path root, String name, String abbreviation,
      Map<String, String> verses) throws Exception {
    Versification kjv = Versification.kjv();
    String[] ot = new String[kjv.entryCount(Testament.OT)];
    String[] nt = new String[kjv.entryCount(Testament.NT)];
    Arrays.fill(ot, "");
    Arrays.fill(nt, "");
    for (Map.Entry<String, String> e : verses.entrySet()) {
      VerseRef ref = VerseRef.parse(e.getKey());
      boolean isOt = kjv.testament(kjv.bookIndex(ref.book())) == Testament.OT;
      (isOt ? ot : nt)[kjv.entryIndex(ref)] = e.getValue();
    }
    Path data = ZTextFixture.dataDir(root, name);
    ZTextFixture.writeTestament(data, Testament.OT, ot, 500);
    ZTextFixture.writeTestament(data, Testament.NT, nt, 500);
    ZTextFixture.writeConf(root, name, ZTextFixture.conf(name, "Abbreviation=" + abbreviation,
        "Lang=xx", "DistributionLicense=Public Domain"));
  }

  private static String w(String lemma, String word) {
    return "<w lemma=\"strong:" + lemma + "\">" + word + "</w>";
  }

  @BeforeEach
  void writeModules() throws Exception {
    module(root, "src", "SRC", Map.ofEntries(
        Map.entry("Gen.1.1", w("H1", "In") + " the beginning."),
        Map.entry("Gen.1.2", w("H2", "And") + " the earth."), // empty in target, not merged
        Map.entry("Gen.1.4", w("H4", "Light") + " was good."),
        Map.entry("Gen.1.5", w("H5", "Day") + " and night."), // merged into target Gen.1.4
        Map.entry("Gen.2.1", "Same words."),
        Map.entry("Gen.2.2", "Same words."), // duplicate pair in train
        Map.entry("Exod.1.1", "Now it came to pass."), // equals the Ruth (test) pair
        Map.entry("Ruth.1.1", "Now it came to pass."),
        Map.entry("Esth.1.1", "Now in the days of Ahasuerus."),
        Map.entry("Matt.1.1", "The book of the generation.")));
    module(root, "tgt", "TGT", Map.ofEntries(
        Map.entry("Gen.1.1", w("H1", "En") + " el principio."),
        Map.entry("Gen.1.3", "Sea la luz."), // empty in source
        Map.entry("Gen.1.4", w("H4", "La luz") + " era buena, " + w("H5", "el día") + "."),
        Map.entry("Gen.2.1", "Mismas palabras."),
        Map.entry("Gen.2.2", "Mismas palabras."),
        Map.entry("Exod.1.1", "Y aconteció."),
        Map.entry("Ruth.1.1", "Y aconteció."),
        Map.entry("Esth.1.1", "Y aconteció en los días de Asuero."),
        Map.entry("Matt.1.1", "Libro de la generación.")));
  }

  @Test
  void build_syntheticModules_writesExpectedCorpus() throws Exception {
    Path out = root.resolve("out/src-tgt.tsv.gz");
    BuildStats stats = BibleCorpusBuilder.build(root, "src", "tgt", out);
    BibleCorpus corpus = BibleCorpusFile.read(out);

    assertEquals(List.of("Gen.1.1", "Gen.2.1", "Ruth.1.1", "Esth.1.1", "Matt.1.1"),
        corpus.pairs().stream().map(VersePair::ref).toList());
    assertEquals(List.of("Ruth.1.1"), corpus.test().stream().map(VersePair::ref).toList());
    assertEquals(List.of("Esth.1.1"), corpus.dev().stream().map(VersePair::ref).toList());
    assertEquals("In the beginning.", corpus.pairs().getFirst().source());
    assertEquals("En el principio.", corpus.pairs().getFirst().target());

    assertEquals(3, stats.train());
    assertEquals(1, stats.dev());
    assertEquals(1, stats.test());
    assertEquals(1, stats.trainDuplicates());
    assertEquals(1, stats.trainInDevTest());
    assertEquals(List.of("Gen.1.4"), stats.merged());
    assertEquals(List.of(), stats.misaligned());
    assertEquals(31102, stats.verses());
    assertEquals(31102 - 10, stats.emptyInSource().size());
    assertTrue(stats.emptyInSource().contains("Gen.1.3"));
    assertTrue(stats.emptyInTarget().containsAll(List.of("Gen.1.2", "Gen.1.5")));
    assertEquals(6, stats.unjudged());

    assertEquals("attention4j verse-aligned parallel Bible corpus: src -> tgt",
        corpus.header().getFirst());
    assertTrue(corpus.header().contains("source: src \"src\", SWORD module Version=1.0,"
        + " SwordVersionDate=unknown"), corpus.header().toString());
    assertTrue(corpus.header().contains("pairs: train 3 (after dropping 1 repeated pairs and 1"
        + " pairs also in dev/test), dev 1, test 1"), corpus.header().toString());
  }

  @Test
  void build_twice_sameBytes() throws Exception {
    Path a = root.resolve("a.tsv.gz");
    Path b = root.resolve("b.tsv.gz");
    BibleCorpusBuilder.build(root, "src", "tgt", a);
    BibleCorpusBuilder.build(root, "src", "tgt", b);
    assertTrue(Arrays.equals(java.nio.file.Files.readAllBytes(a),
        java.nio.file.Files.readAllBytes(b)));
  }

  @Test
  void build_missingModule_fails() {
    assertThrows(NoSuchFileException.class,
        () -> BibleCorpusBuilder.build(root, "src", "nope", root.resolve("x.tsv.gz")));
  }

  @Test
  void defaultFileName_fromAbbreviations() throws Exception {
    assertEquals("src-tgt.tsv.gz", BibleCorpusBuilder.defaultFileName(
        SwordModule.open(root, "src").conf(), SwordModule.open(root, "tgt").conf()));
  }
}
