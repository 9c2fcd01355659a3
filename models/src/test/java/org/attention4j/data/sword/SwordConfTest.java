package org.attention4j.data.sword;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SwordConfTest {

  private static final Path FILE = Path.of("/sword/mods.d/test.conf");

  private static SwordConf parse(String text) throws SwordFormatException {
    return SwordConf.parse(FILE, text);
  }

  private static String error(String text) {
    return assertThrows(SwordFormatException.class, () -> parse(text)).getMessage();
  }

  @Test
  void parse_debianStyleConf_readsFields() throws Exception {
    SwordConf c = parse("""
        ## Sword module configuration file
        [engKJV2006eb]
        # comment
        Abbreviation=KJV
        Description=King James Version
        DataPath=./modules/texts/ztext/engKJV2006eb/
        ModDrv=zText
        SourceType=OSIS
        Encoding=UTF-8
        CompressType=ZIP
        BlockType=BOOK
        Versification=KJV
        GlobalOptionFilter=OSISStrongs
        GlobalOptionFilter=OSISFootnotes
        About=first line\\
        second line
        Version=14.3
        Lang=en
        """);
    assertEquals("engKJV2006eb", c.moduleName());
    assertEquals("KJV", c.abbreviation());
    assertEquals("King James Version", c.description());
    assertEquals("14.3", c.version());
    assertEquals("BOOK", c.blockType());
    assertEquals("KJV", c.versification());
    assertEquals(SwordConf.TextEncoding.UTF_8, c.textEncoding());
    assertEquals(List.of("OSISStrongs", "OSISFootnotes"), c.getAll("GlobalOptionFilter"));
    assertEquals("first line\nsecond line", c.get("About").orElseThrow());
    assertEquals(Path.of("/usr/share/sword/modules/texts/ztext/engKJV2006eb"),
        c.dataDirectory(Path.of("/usr/share/sword")));
  }

  @Test
  void parse_defaults_areSwordDefaults() throws Exception {
    SwordConf c = parse("[m]\nDataPath=./x/\nModDrv=zText\nSourceType=OSIS\nCompressType=ZIP\n");
    assertEquals("KJV", c.versification());
    assertEquals("CHAPTER", c.blockType());
    assertEquals(SwordConf.TextEncoding.LATIN_1, c.textEncoding());
    assertEquals("unknown", c.version());
    assertEquals("m", c.abbreviation());
  }

  @Test
  void parse_fieldBeforeSection_fails() {
    assertEquals(FILE + ": line 1: field before the [ModuleName] section header",
        error("DataPath=./x/\n[m]\n"));
  }

  @Test
  void parse_noSection_fails() {
    assertEquals(FILE + ": no [ModuleName] section header", error("# only a comment\n"));
  }

  @Test
  void parse_lineWithoutEquals_fails() {
    assertEquals(FILE + ": line 3: expected Key=Value, found 'junk'",
        error("[m]\nDataPath=./x/\njunk\n"));
  }

  @Test
  void parse_secondSection_fails() {
    assertEquals(FILE + ": line 3: second section [b] after [a]; a .conf file describes one module",
        error("[a]\nDataPath=./x/\n[b]\n"));
  }

  @Test
  void parse_continuationAtEnd_fails() {
    assertEquals(FILE + ": line 2: field About ends with a continuation backslash at the end of"
        + " the file", error("[m]\nAbout=x\\"));
  }

  @Test
  void parse_missingDataPath_fails() {
    assertEquals(FILE + ": missing required field DataPath",
        error(ZTextFixture.conf("m").replace("DataPath=./modules/texts/ztext/m/\n", "")));
  }

  @Test
  void parse_missingModDrv_fails() {
    assertEquals(FILE + ": missing required field ModDrv (expected ModDrv=zText)",
        error(ZTextFixture.conf("m").replace("ModDrv=zText\n", "")));
  }

  @Test
  void parse_rawTextDriver_fails() {
    assertEquals(FILE + ": ModDrv=RawText is not supported (expected ModDrv=zText)",
        error(ZTextFixture.conf("m").replace("ModDrv=zText", "ModDrv=RawText")));
  }

  @Test
  void parse_lzssCompression_fails() {
    assertEquals(FILE + ": CompressType=LZSS is not supported (expected CompressType=ZIP)",
        error(ZTextFixture.conf("m").replace("CompressType=ZIP", "CompressType=LZSS")));
  }

  @Test
  void parse_missingCompressType_failsBecauseSwordDefaultIsLzss() {
    assertEquals(FILE + ": missing CompressType; SWORD's default is LZSS, but only"
        + " CompressType=ZIP is supported",
        error(ZTextFixture.conf("m").replace("CompressType=ZIP\n", "")));
  }

  @Test
  void parse_otherVersification_fails() {
    assertEquals(FILE + ": Versification=NRSVA is not supported (expected Versification=KJV)",
        error(ZTextFixture.conf("m").replace("Versification=KJV", "Versification=NRSVA")));
  }

  @Test
  void parse_thmlSource_fails() {
    assertEquals(FILE + ": SourceType=ThML is not supported (expected SourceType=OSIS)",
        error(ZTextFixture.conf("m").replace("SourceType=OSIS", "SourceType=ThML")));
  }

  @Test
  void parse_missingSourceType_failsBecauseSwordDefaultIsPlaintext() {
    assertEquals(FILE + ": missing SourceType; SWORD's default is Plaintext, but only"
        + " SourceType=OSIS is supported",
        error(ZTextFixture.conf("m").replace("SourceType=OSIS\n", "")));
  }

  @Test
  void parse_unsupportedEncoding_fails() {
    assertEquals(FILE + ": Encoding=UTF-16 is not supported (expected UTF-8 or Latin-1)",
        error(ZTextFixture.conf("m").replace("Encoding=UTF-8", "Encoding=UTF-16")));
  }

  @Test
  void parse_unknownBlockType_fails() {
    assertEquals(FILE + ": BlockType=PAGE is not a SWORD block type (expected BOOK, CHAPTER or"
        + " VERSE)", error(ZTextFixture.conf("m").replace("BlockType=BOOK", "BlockType=PAGE")));
  }
}
