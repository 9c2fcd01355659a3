package org.attention4j.data.sword;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A synthetic zText module written byte by byte, read back, then broken in every way. */
class SwordModuleTest {

  /** OT: Gen with 3 and 2 verses (10 entries); NT: John with 2 verses (6 entries). */
  private static final Versification TINY =
      Versification.parse("TINY", List.of("OT Gen 3 2", "NT John 2"), "tiny");

  private static final String[] OT = {
      "", // 0: empty
      "<milestone type=\"x-importer\"/>", // 1: testament heading
      "<div osisID=\"Gen\" sID=\"b1\" type=\"book\"/>", // 2: Gen heading
      "<chapter osisID=\"Gen.1\" sID=\"Gen.1\"/>", // 3: Gen 1 heading
      "In the <w lemma=\"strong:H7225\">beginning</w> God created.", // 4: Gen.1.1
      "", // 5: Gen.1.2, empty
      "Caf\u00e9 &amp; \u00e9t\u00e9.", // 6: Gen.1.3
      "<chapter osisID=\"Gen.2\" sID=\"Gen.2\"/>", // 7: Gen 2 heading
      "Thus the heavens.", // 8: Gen.2.1
      "And on the seventh day.<note>a note</note>", // 9: Gen.2.2
  };
  private static final String[] NT = {
      "", "<milestone/>", "<div osisID=\"John\" type=\"book\"/>", "<chapter osisID=\"John.1\"/>",
      "In the beginning was the Word.", "The same was in the beginning."};

  @TempDir Path root;
  private Path dir;
  private SwordConf conf;

  @BeforeEach
  void writeModule() throws Exception {
    dir = ZTextFixture.dataDir(root, "tiny");
    ZTextFixture.writeTestament(dir, Testament.OT, OT, 4);
    ZTextFixture.writeTestament(dir, Testament.NT, NT, 100);
    conf = SwordConf.parse(ZTextFixture.writeConf(root, "tiny", ZTextFixture.conf("tiny")));
  }

  private SwordModule open() throws Exception {
    return SwordModule.open(conf, dir, TINY);
  }

  private String error() {
    return assertThrows(SwordFormatException.class, this::open).getMessage();
  }

  private Path file(String name) {
    return dir.resolve(name);
  }

  @Test
  void open_tinyModule_readsEveryEntryBack() throws Exception {
    SwordModule m = open();
    for (int e = 0; e < OT.length; e++) {
      assertEquals(OT[e], m.entry(Testament.OT, e), "OT entry " + e);
    }
    for (int e = 0; e < NT.length; e++) {
      assertEquals(NT[e], m.entry(Testament.NT, e), "NT entry " + e);
    }
    assertEquals("In the <w lemma=\"strong:H7225\">beginning</w> God created.",
        m.osis(VerseRef.parse("Gen.1.1")));
    assertEquals("In the beginning God created.", m.text(VerseRef.parse("Gen.1.1")));
    assertEquals("", m.osis(VerseRef.parse("Gen.1.2")));
    assertEquals("Caf\u00e9 & \u00e9t\u00e9.", m.text(VerseRef.parse("Gen.1.3")));
    assertEquals("And on the seventh day.", m.text(VerseRef.parse("Gen.2.2")));
    assertEquals("The same was in the beginning.", m.text(VerseRef.parse("John.1.2")));
    assertEquals(10, m.entryCount(Testament.OT));
    assertEquals("tiny", m.name());
  }

  @Test
  void open_byName_findsConfAndKjvShapedData() throws Exception {
    Versification kjv = Versification.kjv();
    String[] ot = new String[kjv.entryCount(Testament.OT)];
    String[] nt = new String[kjv.entryCount(Testament.NT)];
    Arrays.fill(ot, "");
    Arrays.fill(nt, "");
    ot[kjv.entryIndex(VerseRef.parse("Gen.1.1"))] = "In the beginning.";
    ot[kjv.entryIndex(VerseRef.parse("Mal.4.6"))] = "Lest I come.";
    nt[kjv.entryIndex(VerseRef.parse("Rev.22.21"))] = "Amen.";
    Path data = ZTextFixture.dataDir(root, "Big");
    ZTextFixture.writeTestament(data, Testament.OT, ot, 1000);
    ZTextFixture.writeTestament(data, Testament.NT, nt, 1000);
    // The file name differs from the section name: found by scanning mods.d.
    ZTextFixture.writeConf(root, "zz-other-name", ZTextFixture.conf("Big"));

    SwordModule m = SwordModule.open(root, "big");
    assertEquals("Big", m.name());
    assertEquals("In the beginning.", m.text(VerseRef.parse("Gen.1.1")));
    assertEquals("Lest I come.", m.text(VerseRef.parse("Mal.4.6")));
    assertEquals("Amen.", m.text(VerseRef.parse("Rev.22.21")));
    assertEquals("", m.text(VerseRef.parse("John.3.16")));
    assertEquals(List.of("Big", "tiny"), SwordModule.installedModules(root));
  }

  @Test
  void open_unknownModule_listsInstalled() {
    NoSuchFileException e = assertThrows(NoSuchFileException.class,
        () -> SwordModule.open(root, "nope"));
    assertEquals(root.resolve("mods.d") + ": no module 'nope' (installed: tiny); install it with"
        + " scripts/data/install-sword.sh", e.getMessage());
  }

  @Test
  void open_notASwordRoot_fails() {
    NoSuchFileException e = assertThrows(NoSuchFileException.class,
        () -> SwordModule.open(root.resolve("elsewhere"), "tiny"));
    assertEquals(root.resolve("elsewhere/mods.d") + ": not a SWORD library (no mods.d directory);"
        + " install modules with scripts/data/install-sword.sh", e.getMessage());
  }

  @Test
  void open_withoutOldTestament_readsOtAsEmpty() throws Exception {
    for (String f : new String[] {"ot.bzs", "ot.bzv", "ot.bzz"}) {
      java.nio.file.Files.delete(file(f));
    }
    SwordModule m = open();
    assertFalse(m.hasTestament(Testament.OT));
    assertTrue(m.hasTestament(Testament.NT));
    assertEquals("", m.osis(VerseRef.parse("Gen.1.1")));
    assertEquals("In the beginning was the Word.", m.text(VerseRef.parse("John.1.1")));
  }

  @Test
  void open_missingOneFile_fails() throws Exception {
    java.nio.file.Files.delete(file("nt.bzz"));
    assertEquals(file("nt.bzz") + ": missing (a zText testament needs nt.bzs, nt.bzv and nt.bzz)",
        error());
  }

  @Test
  void open_bzvCutMidEntry_fails() throws Exception {
    ZTextFixture.truncate(file("ot.bzv"), 95);
    assertEquals(file("ot.bzv") + ": size 95 is not a multiple of 10 (one verse entry = u32"
        + " block, u32 offset, u16 size); the file is truncated or corrupt", error());
  }

  @Test
  void open_bzvMissingEntries_fails() throws Exception {
    ZTextFixture.truncate(file("ot.bzv"), 90);
    assertEquals(file("ot.bzv") + ": 9 entries, but the TINY versification needs 10 for the OT"
        + " (2 + one per book + one per chapter + one per verse)", error());
  }

  @Test
  void open_bzsCutMidEntry_fails() throws Exception {
    ZTextFixture.truncate(file("ot.bzs"), 13);
    assertEquals(file("ot.bzs") + ": size 13 is not a multiple of 12 (one block entry = u32"
        + " offset, u32 compressed size, u32 size); the file is truncated or corrupt", error());
  }

  @Test
  void open_entryPointsPastLastBlock_fails() throws Exception {
    ZTextFixture.patchU32(file("ot.bzv"), 4 * 10, 7); // Gen.1.1's block number
    assertEquals(file("ot.bzv") + ": entry 4 (Gen.1.1) points at block 7, but " + file("ot.bzs")
        + " has 3 blocks", error());
  }

  @Test
  void open_entryPastEndOfBlock_fails() throws Exception {
    ZTextFixture.patchU32(file("ot.bzv"), 4 * 10 + 4, 500); // Gen.1.1's offset
    int size = OT[4].getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    String message = error();
    assertTrue(message.startsWith(file("ot.bzv") + ": entry 4 (Gen.1.1) spans bytes [500, "
        + (500 + size) + ") of block 1, but " + file("ot.bzs") + " says block 1 inflates to "),
        message);
  }

  @Test
  void open_blockPastEndOfBzz_fails() throws Exception {
    long bzzSize = java.nio.file.Files.size(file("ot.bzz"));
    ZTextFixture.patchU32(file("ot.bzs"), 12 + 4, bzzSize); // block 1's compressed size
    String message = error();
    assertTrue(message.startsWith(file("ot.bzs") + ": block 1 spans bytes ["), message);
    assertTrue(message.endsWith("), but " + file("ot.bzz") + " has " + bzzSize + " bytes"),
        message);
  }

  @Test
  void open_impossibleBlockSize_fails() throws Exception {
    ZTextFixture.patchU32(file("ot.bzs"), 8, 4_000_000_000L); // block 0's size
    String message = error();
    assertTrue(message.startsWith(file("ot.bzs") + ": block 0 claims 4000000000 uncompressed"
        + " bytes from "), message);
    assertTrue(message.endsWith(" compressed bytes, more than zlib can produce"), message);
  }

  @Test
  void open_garbageInsteadOfZlib_fails() throws Exception {
    ZTextFixture.patch(file("ot.bzz"), 0, new byte[] {0x12, 0x34, 0x56, 0x78});
    String message = error();
    assertTrue(message.startsWith(file("ot.bzz") + ": block 0 (bytes [0, "), message);
    assertTrue(message.endsWith(")) is not a valid zlib stream: incorrect header check"),
        message);
  }

  @Test
  void open_truncatedZlibStream_fails() throws Exception {
    ZTextFixture.patchU32(file("ot.bzs"), 4, 10); // block 0 keeps only 10 compressed bytes
    String message = error();
    assertTrue(message.startsWith(file("ot.bzz") + ": block 0 (bytes [0, 10)) ends before its"
        + " zlib stream does after "), message);
  }

  @Test
  void open_blockShorterThanRecorded_fails() throws Exception {
    long size = rawSizeOfBlock(0);
    ZTextFixture.patchU32(file("ot.bzs"), 8, size + 5);
    String message = error();
    assertTrue(message.endsWith(" inflates to " + size + " bytes, but " + file("ot.bzs")
        + " says " + (size + 5)), message);
  }

  @Test
  void open_blockLongerThanRecorded_fails() throws Exception {
    ZTextFixture.patchU32(file("nt.bzs"), 8, 20); // NT block 0 holds more than 20 bytes
    for (int e = 2; e < NT.length; e++) { // keep only entry 1 (12 bytes) so entries fit
      ZTextFixture.patch(file("nt.bzv"), e * 10, ZTextFixture.le(0, 0, 0));
    }
    String message = error();
    assertTrue(message.endsWith(" inflates to more than 20 bytes, but " + file("nt.bzs")
        + " says 20"), message);
  }

  @Test
  void open_invalidUtf8_fails() throws Exception {
    String[] ot = OT.clone();
    ot[8] = "x"; // Gen.2.1: one byte, replaced with 0xFF below
    ZTextFixture.writeTestament(dir, Testament.OT, ot, 100); // everything in block 0
    int offset = String.join("", Arrays.copyOfRange(ot, 0, 8))
        .getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    byte[] block = String.join("", ot).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    block[offset] = (byte) 0xFF;
    byte[] z = ZTextFixture.zlib(block);
    java.nio.file.Files.write(file("ot.bzz"), z);
    ZTextFixture.patchU32(file("ot.bzs"), 4, z.length);
    assertEquals(file("ot.bzv") + ": entry 8 (Gen.2.1) in block 0 is not valid UTF-8", error());
  }

  @Test
  void entry_outOfRange_fails() throws Exception {
    SwordModule m = open();
    assertEquals("SwordModule.entry: OT entry 10 out of range [0, 10) in module tiny",
        assertThrows(IllegalArgumentException.class, () -> m.entry(Testament.OT, 10))
            .getMessage());
  }

  private long rawSizeOfBlock(int block) throws Exception {
    byte[] bzs = java.nio.file.Files.readAllBytes(file("ot.bzs"));
    return java.nio.ByteBuffer.wrap(bzs).order(java.nio.ByteOrder.LITTLE_ENDIAN)
        .getInt(block * 12 + 8);
  }
}
