package org.attention4j.data.bible;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BundledBibleTest {

  private static List<String> books(List<VersePair> pairs) {
    Set<String> books = new LinkedHashSet<>();
    pairs.forEach(p -> books.add(p.book()));
    return List.copyOf(books);
  }

  @Test
  void load_hasExpectedSplitSizes() {
    BibleCorpus bible = BundledBible.load();
    assertEquals(29095, bible.train().size());
    assertEquals(498, bible.dev().size());
    assertEquals(1118, bible.test().size());
    assertEquals(30711, bible.pairs().size());
  }

  @Test
  void load_testAndDevSplitsAreExactlyTheDocumentedBooks() {
    BibleCorpus bible = BundledBible.load();
    assertEquals(BibleSplit.TEST_BOOKS, books(bible.test()));
    assertEquals(BibleSplit.DEV_BOOKS, books(bible.dev()));
    List<String> train = books(bible.train());
    assertEquals(52, train.size());
    for (String b : train) {
      assertEquals(BibleSplit.TRAIN, BibleSplit.of(b), b);
    }
  }

  @Test
  void load_knownPairs() {
    BibleCorpus bible = BundledBible.load();
    VersePair first = bible.pairs().getFirst();
    assertEquals("Gen.1.1", first.ref());
    assertEquals("In the beginning God created the heaven and the earth.", first.source());
    assertEquals("En el principio cri\u00f3 Dios los cielos y la tierra.", first.target());
    VersePair ps23 = bible.train().stream().filter(p -> p.ref().equals("Ps.23.1")).findFirst()
        .orElseThrow();
    assertEquals("A Psalm of David. The LORD is my shepherd; I shall not want.", ps23.source());
    assertEquals("Salmo de David. Jehov\u00e1 es mi pastor; nada me faltar\u00e1.", ps23.target());
    assertEquals("Ruth.1.1", bible.test().getFirst().ref());
  }

  @Test
  void load_headerNamesModulesVersionsAndLicense() {
    List<String> header = BundledBible.load().header();
    assertTrue(header.contains("source: engKJV2006eb \"King James Version\", SWORD module"
        + " Version=14.3, SwordVersionDate=2022-12-21"), header.toString());
    assertTrue(header.contains("target: spaRV1909eb \"Reina Valera 1909\", SWORD module"
        + " Version=2.60, SwordVersionDate=2022-12-23"), header.toString());
    assertTrue(header.stream().anyMatch(h -> h.startsWith("license: engKJV2006eb Public Domain")));
    assertTrue(header.stream().anyMatch(h -> h.startsWith("build: attn data import bible")));
  }

  @Test
  void load_textsAreCleanPlainText() {
    for (VersePair p : BundledBible.load().pairs()) {
      for (String s : List.of(p.source(), p.target())) {
        assertFalse(s.isBlank(), p.ref());
        assertFalse(s.contains("<") || s.contains(">") || s.contains("\\") || s.contains("\u00b6")
            || s.contains("  ") || !s.strip().equals(s), p.ref() + ": " + s);
        assertTrue(java.text.Normalizer.isNormalized(s, java.text.Normalizer.Form.NFC), p.ref());
      }
    }
  }

  @Test
  void load_missingResource_fails() {
    String message = assertThrows(IllegalStateException.class,
        () -> BundledBible.load("/data/bible/missing.tsv.gz")).getMessage();
    assertTrue(message.startsWith("BundledBible: classpath resource /data/bible/missing.tsv.gz is"
        + " missing; rebuild it with: java -cp models/target/classes"), message);
  }

  @Test
  void load_notGzip_fails() {
    String message = assertThrows(IllegalStateException.class,
        () -> BundledBible.load("/data/bible/not-gzip.tsv.gz")).getMessage();
    assertTrue(message.startsWith("BundledBible: /data/bible/not-gzip.tsv.gz: not a valid gzip"
        + " file: Not in GZIP format; rebuild it with: "), message);
  }

  @Test
  void load_brokenLine_namesLine() {
    String message = assertThrows(IllegalStateException.class,
        () -> BundledBible.load("/data/bible/three-fields.tsv.gz")).getMessage();
    assertTrue(message.startsWith("BundledBible: /data/bible/three-fields.tsv.gz: line 3:"
        + " expected 4 tab-separated fields (ref, split, source, target), found 3;"), message);
  }
}
