package org.attention4j.data.gettext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.attention4j.data.CorpusFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MoFileTest {

  private static MoBuilder sample(ByteOrder order) {
    return new MoBuilder().order(order).hashSize(7).utf8Header(2)
        .add("Open %s", "Ouvrir %s")
        .addContext("menu", "File", "Fichier")
        .addPlural("%d file", "%d files", "%d fichier", "%d fichiers")
        .add("Untranslated", "");
  }

  private static String error(byte[] mo) {
    return assertThrows(CorpusFormatException.class, () -> MoFile.parse(mo, "x.mo")).getMessage();
  }

  /** One entry, "a" -> "b", no header, no hash table: 48 bytes, strings at 44 and 46. */
  private static byte[] tiny() {
    return new MoBuilder().add("a", "b").build();
  }

  private static byte[] withInt(byte[] mo, int offset, int value) {
    byte[] copy = mo.clone();
    ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putInt(offset, value);
    return copy;
  }

  @ParameterizedTest
  @ValueSource(strings = {"LITTLE_ENDIAN", "BIG_ENDIAN"})
  void parse_eitherByteOrder_readsEveryEntry(String orderName) throws Exception {
    ByteOrder order = orderName.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN
        : ByteOrder.LITTLE_ENDIAN;
    MoCatalog c = MoFile.parse(sample(order).build(), "fr.mo");
    assertEquals(order, c.byteOrder());
    assertEquals("UTF-8", c.charset());
    assertEquals(2, c.nplurals());
    assertEquals("test 1.0", c.headerField("Project-Id-Version").orElseThrow());
    assertEquals(5, c.entries().size());
    assertTrue(c.entries().get(0).isHeader());
    assertEquals(new MoEntry(1, null, "Open %s", null, List.of("Ouvrir %s"), false),
        c.entries().get(1));
    assertEquals(new MoEntry(2, "menu", "File", null, List.of("Fichier"), false),
        c.entries().get(2));
    MoEntry plural = c.entries().get(3);
    assertEquals("%d files", plural.msgidPlural());
    assertEquals(List.of("%d fichier", "%d fichiers"), plural.msgstr());
    assertTrue(plural.isPlural());
    assertTrue(c.entries().get(4).isUntranslated());
    assertFalse(c.entries().get(2).isHeader());
  }

  @Test
  void parse_bothByteOrders_giveTheSameEntries() throws Exception {
    assertEquals(MoFile.parse(sample(ByteOrder.LITTLE_ENDIAN).build(), "a").entries(),
        MoFile.parse(sample(ByteOrder.BIG_ENDIAN).build(), "a").entries());
  }

  @Test
  void parse_keepsStringsRaw() throws Exception {
    String raw = "Usage: %s [OPTION]...\n  -a, --all\tdo not ignore \\entries\n%1$s %.*s %lu %%";
    MoCatalog c = MoFile.parse(new MoBuilder().add(raw, "用法：" + raw).build(), "x.mo");
    assertEquals(raw, c.entries().getFirst().msgid());
    assertEquals("用法：" + raw, c.entries().getFirst().msgstr().getFirst());
  }

  @Test
  void parse_withoutHeader_readsUtf8() throws Exception {
    MoCatalog c = MoFile.parse(new MoBuilder().add("Yes", "是").build(), "x.mo");
    assertEquals(Map.of(), c.header());
    assertEquals("UTF-8", c.charset());
    assertEquals(0, c.nplurals());
    assertEquals("是", c.entries().getFirst().msgstr().getFirst());
  }

  @Test
  void parse_systemDependentStrings_rebuiltAsMsgunfmtWritesThem() throws Exception {
    byte[] mo = new MoBuilder().utf8Header(1).segments("PRIuMAX", "I")
        .addSysdep(List.of("%", 0, " bytes"), List.of("%", 0, " 字节"))
        .addSysdep(List.of("line %", 1, "d"), List.of("第 %", 1, "d 行"))
        .build();
    MoCatalog c = MoFile.parse(mo, "x.mo");
    assertEquals(1, c.revision());
    assertEquals(2, c.systemDependentCount());
    assertEquals(new MoEntry(1, null, "%<PRIuMAX> bytes", null, List.of("%<PRIuMAX> 字节"), true),
        c.entries().get(1));
    assertEquals("第 %Id 行", c.entries().get(2).msgstr().getFirst());
  }

  @Test
  void parse_otherCharsetWhenAsked_decodesIt() throws Exception {
    byte[] mo = new MoBuilder().encoding(StandardCharsets.ISO_8859_1)
        .header("Content-Type: text/plain; charset=ISO-8859-1").add("File", "Fichier créé")
        .build();
    assertEquals("Fichier créé",
        MoFile.parse(mo, "x.mo", true).entries().get(1).msgstr().getFirst());
    assertEquals("ISO-8859-1", MoFile.parse(mo, "x.mo", true).charset());
  }

  @Test
  void read_file_namesItInErrors(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("git.mo");
    Files.write(f, new byte[] {1, 2, 3});
    assertEquals(f + ": file is 3 bytes, shorter than the 28-byte .mo header; the file is"
        + " truncated or not a .mo file",
        assertThrows(CorpusFormatException.class, () -> MoFile.read(f)).getMessage());
    Files.write(f, tiny());
    assertEquals("b", MoFile.read(f).entries().getFirst().msgstr().getFirst());
  }

  // ------------------------------------------------------------------ corruption

  @Test
  void parse_emptyFile_fails() {
    assertEquals("x.mo: file is empty; the file is truncated or not a .mo file",
        error(new byte[0]));
  }

  @Test
  void parse_badMagic_fails() {
    byte[] mo = tiny();
    mo[0] = 'G';
    mo[1] = 'I';
    mo[2] = 'F';
    mo[3] = '8';
    assertEquals("x.mo: bad magic number 0x47494638 (expected 0x950412de in either byte"
        + " order); not a GNU .mo file", error(mo));
  }

  @Test
  void parse_unknownRevision_fails() {
    assertEquals("x.mo: unsupported format revision 2.0 (major and minor revision 0 or 1"
        + " expected)", error(withInt(tiny(), 4, 2 << 16)));
  }

  @Test
  void parse_revision01ShorterThanItsHeader_fails() {
    assertEquals("x.mo: file is 28 bytes, shorter than the 48-byte header of revision 0.1;"
        + " the file is truncated", error(withInt(new MoBuilder().build(), 4, 1)));
  }

  @Test
  void parse_tableBeyondEnd_fails() {
    assertEquals("x.mo: originals table (offset 28, 100 entries of 8 bytes) runs past the end"
        + " of the file (48 bytes); the file is truncated", error(withInt(tiny(), 8, 100)));
    assertEquals("x.mo: hash table (offset 44, 2 entries of 4 bytes) runs past the end of the"
        + " file (48 bytes); the file is truncated", error(withInt(tiny(), 20, 2)));
  }

  @Test
  void parse_truncatedString_fails() {
    assertEquals("x.mo: string 0 (translation): bytes 46..47 and the NUL after them run past"
        + " the end of the file (47 bytes)", error(Arrays.copyOf(tiny(), 47)));
  }

  @Test
  void parse_offsetBeyondEnd_fails() {
    assertEquals("x.mo: string 0 (original): bytes 4000000000..4000000001 and the NUL after"
        + " them run past the end of the file (48 bytes)",
        error(withInt(tiny(), 32, (int) 4_000_000_000L)));
  }

  @Test
  void parse_stringNotNulTerminated_fails() {
    byte[] mo = tiny();
    mo[45] = 'X';
    assertEquals("x.mo: string 0 (original) is not NUL-terminated (byte at offset 45 is 0x58)",
        error(mo));
  }

  @Test
  void parse_hashSlotOutOfRange_fails() {
    byte[] mo = new MoBuilder().hashSize(3).add("a", "b").build(); // slots at 44, 48, 52
    assertEquals("x.mo: hash table slot 1 points to string 4, but the catalog has only 1"
        + " strings", error(withInt(mo, 48, 5)));
  }

  @Test
  void parse_originalWithThreeParts_fails() {
    byte[] mo = new MoBuilder().raw("a\0b\0c".getBytes(StandardCharsets.UTF_8),
        "x".getBytes(StandardCharsets.UTF_8)).build();
    assertEquals("x.mo: string 0 (original) has 3 NUL-separated parts; at most 2 expected"
        + " (msgid and msgid_plural)", error(mo));
  }

  @Test
  void parse_pluralFormsWithoutMsgidPlural_fails() {
    byte[] mo = new MoBuilder().raw("a".getBytes(StandardCharsets.UTF_8),
        "x\0y".getBytes(StandardCharsets.UTF_8)).build();
    assertEquals("x.mo: string 0: the translation has 2 NUL-separated plural forms, but the"
        + " original has no msgid_plural", error(mo));
  }

  @Test
  void parse_invalidUtf8_fails() {
    byte[] mo = new MoBuilder().utf8Header(2).raw("a".getBytes(StandardCharsets.UTF_8),
        new byte[] {(byte) 0xC3, 0x28}).build();
    assertEquals("x.mo: string 1 (translation) is not valid UTF-8 (the header declares"
        + " charset=UTF-8)", error(mo));
    byte[] noHeader = new MoBuilder().raw(new byte[] {(byte) 0xFF}, new byte[] {'x'}).build();
    assertEquals("x.mo: string 0 (original) is not valid UTF-8 (no charset declared; read as"
        + " UTF-8)", error(noHeader));
  }

  @Test
  void parse_nonAsciiInAsciiCatalog_fails() {
    byte[] mo = new MoBuilder().header("Content-Type: text/plain; charset=ASCII")
        .add("a", "é").build();
    assertEquals("x.mo: string 1 (translation) is not valid ASCII (the header declares"
        + " charset=ASCII)", error(mo));
  }

  @Test
  void parse_legacyCharset_failsWithConversionHint() {
    byte[] mo = new MoBuilder().header("Content-Type: text/plain; charset=EUC-JP")
        .add("a", "b").build();
    assertEquals("x.mo: header declares charset=EUC-JP; only UTF-8 (or ASCII) catalogs are"
        + " read: convert it first, e.g. msgunfmt FILE.mo | msgconv --to-code=UTF-8 | msgfmt"
        + " -o FILE-utf8.mo -", error(mo));
  }

  @Test
  void parse_unknownCharsetWhenOthersAllowed_fails() {
    byte[] mo = new MoBuilder().header("Content-Type: text/plain; charset=KLINGON-1")
        .add("a", "b").build();
    assertEquals("x.mo: header declares charset=KLINGON-1, which this JDK cannot decode",
        assertThrows(CorpusFormatException.class, () -> MoFile.parse(mo, "x.mo", true))
            .getMessage());
  }

  @Test
  void parse_sysdepSegmentOutOfRange_fails() {
    byte[] mo = new MoBuilder().segments("PRIuMAX")
        .addSysdep(List.of("%", 3, " bytes"), List.of("x")).build();
    assertEquals("x.mo: string 0 (system-dependent original): refers to segment 3, but there"
        + " are only 1", error(mo));
  }

  @Test
  void entry_headerIsEmptyMsgidWithoutContext() {
    assertTrue(new MoEntry(0, null, "", null, List.of("h"), false).isHeader());
    assertFalse(new MoEntry(0, "ctx", "", null, List.of("h"), false).isHeader());
    assertNull(new MoEntry(0, null, "a", null, List.of("b"), false).msgidPlural());
  }
}
