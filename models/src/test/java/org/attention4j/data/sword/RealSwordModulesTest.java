package org.attention4j.data.sword;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks against the Debian modules in /usr/share/sword (scripts/data/install-sword.sh);
 * skipped where they are not installed.
 */
class RealSwordModulesTest {

  static final Path SWORD = Path.of("/usr/share/sword");
  private static SwordModule kjv;
  private static SwordModule rv;

  static boolean installed(String module) {
    return Files.isRegularFile(SWORD.resolve("mods.d/" + module + ".conf"));
  }

  @BeforeAll
  static void open() throws Exception {
    if (installed("engKJV2006eb") && installed("spaRV1909eb")) {
      kjv = SwordModule.open(SWORD, "engKJV2006eb");
      rv = SwordModule.open(SWORD, "spaRV1909eb");
    }
  }

  private static void assumeModules() {
    assumeTrue(kjv != null, "Debian sword-text-kjv / sword-text-sparv not installed");
  }

  private static String kjvText(String ref) {
    return kjv.text(VerseRef.parse(ref));
  }

  private static String rvText(String ref) {
    return rv.text(VerseRef.parse(ref));
  }

  @Test
  void kjv_knownVerses() {
    assumeModules();
    assertEquals("In the beginning God created the heaven and the earth.", kjvText("Gen.1.1"));
    assertEquals("For God so loved the world, that he gave his only begotten Son, that whosoever"
        + " believeth in him should not perish, but have everlasting life.", kjvText("John.3.16"));
    assertEquals("A Psalm of David. The LORD is my shepherd; I shall not want.",
        kjvText("Ps.23.1"));
    assertEquals("And the LORD repented of the evil which he thought to do unto his people.",
        kjvText("Exod.32.14")); // had a stray "\nd" marker
    assertEquals("The grace of our Lord Jesus Christ be with your spirit. Amen. Written from Rome"
        + " to Philemon, by Onesimus, a servant.", kjvText("Phlm.1.25"));
    assertEquals("The grace of our Lord Jesus Christ be with you all. Amen.", kjvText("Rev.22.21"));
  }

  @Test
  void rv1909_knownVerses() {
    assumeModules();
    assertEquals("EN el principio cri\u00f3 Dios los cielos y la tierra.", rvText("Gen.1.1"));
    assertEquals("Porque de tal manera am\u00f3 Dios al mundo, que ha dado \u00e1 su Hijo"
        + " unig\u00e9nito, para que todo aquel que en \u00e9l cree, no se pierda, mas tenga vida"
        + " eterna.", rvText("John.3.16"));
    assertEquals("Salmo de David. JEHOV\u00c1 es mi pastor; nada me faltar\u00e1.",
        rvText("Ps.23.1"));
    assertEquals("Y el oro de aquella tierra es bueno: hay all\u00ed tambi\u00e9n bdelio y piedra"
        + " cornerina.", rvText("Gen.2.12")); // words glued in the module's markup
  }

  @Test
  void modules_haveKjvVersificationEntryCounts() {
    assumeModules();
    for (SwordModule m : List.of(kjv, rv)) {
      assertEquals(24115, m.entryCount(Testament.OT), m.name());
      assertEquals(8246, m.entryCount(Testament.NT), m.name());
      assertEquals("KJV", m.conf().versification());
    }
    assertEquals(31102, kjv.versification().verses().size());
  }

  /** The versification table agrees with each module's own book and chapter markup. */
  @Test
  void modules_bookAndChapterMarkupMatchVersification() {
    assumeModules();
    Versification v = Versification.kjv();
    Pattern book = Pattern.compile("<div[^>]*type=\"book\"[^>]*>");
    Pattern osisId = Pattern.compile("osisID=\"([^\"]+)\"");
    Pattern chapter = Pattern.compile("<chapter[^>]*osisID=\"([^\"]+)\"[^>]*sID=");
    for (SwordModule m : List.of(kjv, rv)) {
      for (int b = 0; b < v.books().size(); b++) {
        Testament t = v.testament(b);
        String heading = m.entry(t, v.bookHeadingEntry(b));
        Matcher bm = book.matcher(heading);
        assertTrue(bm.find(), m.name() + " " + v.books().get(b) + " heading: " + heading);
        Matcher id = osisId.matcher(bm.group());
        assertTrue(id.find());
        assertEquals(v.books().get(b), id.group(1), m.name());
        for (int c = 1; c <= v.chapterCount(b); c++) {
          String ch = m.entry(t, v.chapterHeadingEntry(b, c));
          Matcher cm = chapter.matcher(ch);
          assertTrue(cm.find(), m.name() + " " + v.books().get(b) + " " + c + ": " + ch);
          assertEquals(v.books().get(b) + "." + c, cm.group(1), m.name());
        }
      }
    }
  }

  @Test
  void modules_emptyVerses() {
    assumeModules();
    List<String> emptyKjv = new ArrayList<>();
    List<String> emptyRv = new ArrayList<>();
    for (VerseRef r : kjv.versification().verses()) {
      if (kjv.text(r).isEmpty()) {
        emptyKjv.add(r.toString());
      }
      if (rv.text(r).isEmpty()) {
        emptyRv.add(r.toString());
      }
    }
    assertEquals(List.of(), emptyKjv);
    // The RV1909 follows the Hebrew/Spanish chapter and verse division in these places
    // and leaves the KJV slots it does not use empty.
    assertEquals(List.of("Num.12.16", "Num.29.40", "1Sam.23.29", "2Sam.20.26", "2Chr.33.25",
        "Job.35.16", "Job.38.39", "Job.38.40", "Job.38.41", "Job.40.20", "Job.40.21",
        "Job.40.22", "Job.40.23", "Job.40.24", "Hos.11.12", "Jonah.1.17", "Acts.19.41",
        "2Cor.13.14"), emptyRv);
  }

  @Test
  void web_usesNrsvaVersification_rejected() {
    assumeTrue(installed("engWEB2015eb"), "Debian sword-text-web not installed");
    SwordFormatException e = assertThrows(SwordFormatException.class,
        () -> SwordModule.open(SWORD, "engWEB2015eb"));
    assertEquals(SWORD.resolve("mods.d/engWEB2015eb.conf")
        + ": Versification=NRSVA is not supported (expected Versification=KJV)", e.getMessage());
  }
}
