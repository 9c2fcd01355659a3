package org.attention4j.data.gettext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.attention4j.data.CorpusFormatException;
import org.attention4j.data.corpus.ParallelCorpus;
import org.attention4j.data.corpus.ParallelCorpusFiles;
import org.attention4j.data.corpus.SentencePair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads the zh_CN catalogs installed on this machine (scripts/data/install-gettext.sh);
 * skipped where there are fewer than ten.
 */
class RealGettextCatalogsTest {

  private static final Path ZH = Path.of("/usr/share/locale/zh_CN/LC_MESSAGES");

  private static List<Path> catalogs() throws Exception {
    if (!Files.isDirectory(ZH)) {
      return List.of();
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(ZH, "*.mo")) {
      return java.util.stream.StreamSupport.stream(ds.spliterator(), false).sorted().toList();
    }
  }

  @Test
  void read_everyInstalledZhCatalog_parsesOrNamesItsCharset() throws Exception {
    List<Path> files = catalogs();
    assumeTrue(files.size() >= 10, "fewer than 10 zh_CN catalogs installed");
    int entries = 0;
    for (Path f : files) {
      try {
        MoCatalog c = MoFile.read(f);
        entries += c.entries().size();
        assertTrue(c.entries().stream().filter(MoEntry::isHeader).count() <= 1, f.toString());
      } catch (CorpusFormatException e) {
        assertTrue(e.getMessage().contains("header declares charset="), e.getMessage());
      }
    }
    assertTrue(entries > 10_000, "entries: " + entries);
  }

  @Test
  void build_zhCN_givesTensOfThousandsOfCleanPairs(@TempDir Path out) throws Exception {
    assumeTrue(catalogs().size() >= 10, "fewer than 10 zh_CN catalogs installed");
    GettextImporter.Stats stats = GettextImporter.build(
        GettextImporter.Options.of(Path.of("/usr/share/locale"), "zh_CN"), out);
    ParallelCorpus c = ParallelCorpusFiles.read(out);
    assertEquals(stats.cleaning().kept(), c.size());
    assertTrue(c.size() > 10_000, stats.summary());
    assertTrue(c.test().size() > 50 && c.dev().size() > 50, stats.summary());
    for (SentencePair p : c.all()) {
      assertEquals(p.source().strip(), p.source());
      assertTrue(!p.source().equals(p.target()), p.toString());
    }
  }
}
