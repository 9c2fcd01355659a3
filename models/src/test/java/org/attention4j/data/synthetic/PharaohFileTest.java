package org.attention4j.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.attention4j.data.CorpusFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PharaohFileTest {

  @Test
  void format_thenParse_roundTrips() throws Exception {
    List<Link> links = List.of(new Link(0, 0), new Link(1, 2), new Link(12, 3));
    assertEquals("0-0 1-2 12-3", PharaohFile.format(links));
    assertEquals(links, PharaohFile.parse("0-0 1-2 12-3", "x"));
    assertEquals(List.of(), PharaohFile.parse("", "x"));
  }

  @Test
  void parse_badItem_fails() {
    assertEquals("f: line 3: bad link '1--2' (expected i-j with 0-based word positions,"
        + " separated by single spaces)", assertThrows(CorpusFormatException.class,
        () -> PharaohFile.parse("0-0 1--2", "f: line 3")).getMessage());
    assertEquals("f: line 1: bad link '' (expected i-j with 0-based word positions, separated"
        + " by single spaces)", assertThrows(CorpusFormatException.class,
        () -> PharaohFile.parse("0-0  1-2", "f: line 1")).getMessage());
    assertEquals("f: line 1: link '99999999999-1' is out of range",
        assertThrows(CorpusFormatException.class,
            () -> PharaohFile.parse("99999999999-1", "f: line 1")).getMessage());
  }

  @Test
  void write_thenRead_roundTrips(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("a.txt");
    List<List<Link>> a = List.of(List.of(new Link(0, 1)), List.of(), List.of(new Link(2, 2)));
    PharaohFile.write(f, a);
    assertEquals("0-1\n\n2-2\n", Files.readString(f));
    assertEquals(a, PharaohFile.read(f));
  }

  @Test
  void read_truncated_fails(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("a.txt");
    Files.writeString(f, "0-1\n1-1");
    assertEquals(f + ": line 2: the last line has no line break; the file is truncated",
        assertThrows(CorpusFormatException.class, () -> PharaohFile.read(f)).getMessage());
  }

  @Test
  void link_negative_fails() {
    assertEquals("Link: positions must be >= 0, got -1-0",
        assertThrows(IllegalArgumentException.class, () -> new Link(-1, 0)).getMessage());
  }
}
