package org.attention4j.data.sword;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class OsisTextTest {

  private static String text(String osis) {
    return OsisText.toPlainText(osis);
  }

  @Test
  void toPlainText_wordElements_keepWordsDropLemmas() {
    assertEquals("In the beginning God created the heaven and the earth.",
        text("In the <w lemma=\"strong:H7225\">beginning</w> <w lemma=\"strong:H0430\">God</w>"
            + " <w lemma=\"strong:H1254\">created</w> the <w lemma=\"strong:H8064\">heaven</w>"
            + " <w lemma=\"strong:H0853\">and</w> the <w lemma=\"strong:H0776\">earth</w>.  "));
  }

  @Test
  void toPlainText_note_droppedWithContent() {
    assertEquals("and God divided the light from the darkness.",
        text("and God divided the light from the darkness.<note placement=\"foot\"><reference"
            + " type=\"annotateRef\">1.4 </reference>the light from\u2026: Heb. between the"
            + " light and <seg type=\"x-nested\"><divineName>LORD</divineName></seg></note> "));
  }

  @Test
  void toPlainText_heading_dropped() {
    assertEquals("Wherewithal shall a young man cleanse his way?",
        text("<div type=\"x-milestone\" subType=\"x-preverse\" sID=\"pv1\"/><title><foreign>"
            + "\u05d1 BETH.</foreign></title> <lg sID=\"g1\"/> <l level=\"1\" sID=\"g2\"/>"
            + " <div type=\"x-milestone\" subType=\"x-preverse\" eID=\"pv1\"/>Wherewithal shall"
            + " a young <w lemma=\"strong:H5288\">man</w> cleanse his way? <l eID=\"g2\"/>"));
  }

  @Test
  void toPlainText_canonicalPsalmTitle_kept() {
    assertEquals("A Psalm of David. The LORD is my shepherd; I shall not want.",
        text("<title canonical=\"true\" type=\"psalm\">A <w lemma=\"strong:H4210\">Psalm</w> of"
            + " David.</title> <lg sID=\"a\"/><l level=\"1\" sID=\"b\"/>The <divineName><w"
            + " lemma=\"strong:H3068\">LORD</w></divineName> <transChange type=\"added\">is"
            + "</transChange> my shepherd; I shall not want. <l eID=\"b\" level=\"1\"/>"));
  }

  @Test
  void toPlainText_subscriptionAfterChapterEnd_kept() {
    assertEquals("Amen. Written from Rome unto the Ephesians by Tychicus.",
        text("Amen. <div eID=\"p\" type=\"x-p\"/> <chapter eID=\"Eph.6\"/> <title>Written from"
            + " Rome unto the Ephesians by Tychicus.</title> <div eID=\"b\" type=\"book\"/>"));
  }

  @Test
  void toPlainText_quotationMarkerAndMilestones_dropped() {
    assertEquals("For God so loved the world.",
        text("<div type=\"x-milestone\" subType=\"x-preverse\" sID=\"pv\"/><div sID=\"p\""
            + " type=\"x-p\"/><q marker=\"\u201c\" who=\"Jesus\">\u00b6 For God so loved the"
            + " world.</q>"));
  }

  @Test
  void toPlainText_lineBreak_becomesSpace() {
    assertEquals("chaff which the wind driveth away.",
        text("chaff<lb type=\"x-p\"/>which the wind driveth away."));
  }

  @Test
  void toPlainText_transChangeBetweenLetters_separatesWords() {
    assertEquals("hay all\u00ed tambi\u00e9n bdelio",
        text("<w lemma=\"strong:H8033\">hay all\u00ed</w><transChange type=\"added\">"
            + "tambi\u00e9n</transChange><w lemma=\"strong:H0916\">bdelio</w>"));
  }

  @Test
  void toPlainText_transChangeBeforePunctuation_addsNoSpace() {
    assertEquals("that it was good:",
        text("that <transChange type=\"added\">it was</transChange>"
            + " <w lemma=\"strong:H2896\">good</w>:"));
    assertEquals("thy father\u2019s house",
        text("thy <transChange>father</transChange>\u2019s house"));
  }

  @Test
  void toPlainText_entities_decoded() {
    assertEquals("A & B <c> \"d\" 'e' \u2019 \u2014 &unknown;",
        text("A &amp; B &lt;c&gt; &quot;d&quot; &apos;e&apos; &#8217; &#x2014; &unknown;"));
  }

  @Test
  void toPlainText_strayUsfmMarkers_removed() {
    assertEquals("Because the LORD hath sworn that the LORD will have war",
        text("Because the \\nd <w lemma=\"strong:H3050\">LORD</w></divineName> hath sworn that"
            + " the LORD\\+nd* will have war"));
  }

  @Test
  void toPlainText_whitespace_collapsedAndTrimmed() {
    assertEquals("a b c d", text("  a \t\n b\u00a0\u00a0c &nbsp; d\u200b "));
  }

  @Test
  void toPlainText_decomposedAccents_normalisedToNfc() {
    assertEquals("cri\u00f3 Dios", text("crio\u0301 Dios"));
  }

  @Test
  void toPlainText_commentAndProcessingInstruction_ignored() {
    assertEquals("word", text("<?xml version=\"1.0\"?><!-- c -->word"));
  }

  @Test
  void toPlainText_emptyMarkup_isEmpty() {
    assertEquals("", text(""));
    assertEquals("", text("<chapter eID=\"Gen.1\"/> <div eID=\"p\" type=\"x-p\"/>"));
  }

  @Test
  void toPlainText_unclosedTag_fails() {
    assertEquals("OsisText: tag at offset 5 is not closed: '<w lemma=\"strong:H1'",
        assertThrows(IllegalArgumentException.class,
            () -> text("word <w lemma=\"strong:H1")).getMessage());
  }

  @Test
  void strongsNumbers_normalisedSortedOutsideNotes() {
    assertEquals(List.of("G2424", "G5547", "H430", "H7225a"),
        List.copyOf(OsisText.strongsNumbers("<w lemma=\"strong:H7225a\">x</w>"
            + " <w lemma=\"strong:H0430 lemma.TR:theos\">y</w>"
            + " <w lemma='strong:G2424 strong:G5547'>z</w>"
            + "<note><w lemma=\"strong:H9999\">n</w></note>")));
  }

  @Test
  void attribute_scansQuotedAndBareValues() {
    assertEquals("true", OsisText.attribute(" canonical=\"true\" type='psalm'", "canonical"));
    assertEquals("psalm", OsisText.attribute(" canonical=\"true\" type='psalm'", "type"));
    assertEquals("x", OsisText.attribute(" checked a = x", "a"));
    assertEquals(null, OsisText.attribute(" canonical=\"true\"", "type"));
  }
}
