package org.attention4j.cli.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.attention4j.eval.Link;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the viz commands' sentences come from: a sentence, a file of lines, the defaults. */
class InputsTest {
  @TempDir Path tmp;

  @Test
  void file_sourceTargetAndGold_skippingBlankAndCommentLines() throws Exception {
    Path f = tmp.resolve("in.tsv");
    Files.writeString(f, "\uFEFFthe dog\n\n# a comment\na cat\tkat-ba ra\t0-0 1?0 1-1\nthree\tfour\t\n");
    List<Example> ex = Inputs.fromInput(f.toString(), null);
    assertEquals(3, ex.size());
    assertEquals(new Example("line 1", "the dog", null, null), ex.get(0));
    assertEquals("line 4", ex.get(1).id());
    assertEquals("kat-ba ra", ex.get(1).target());
    assertEquals(List.of(new Link(0, 0), new Link(1, 1)), List.copyOf(ex.get(1).gold().sure()));
    assertEquals(3, ex.get(1).gold().possible().size());
    assertNull(ex.get(2).gold());
  }

  @Test
  void text_isOneExample_withItsTarget() throws Exception {
    assertEquals(List.of(new Example("input", "the dog", "x y", null)), Inputs.fromInput("  the dog ", " x y"));
    assertEquals(16, Inputs.defaults().size());
  }

  @Test
  void malformedFiles_nameTheFileAndLine() throws Exception {
    Path f = tmp.resolve("bad.tsv");
    Files.writeString(f, "ok\n\tmissing source\n");
    assertEquals(f + ":2: the source (first field) is empty",
        assertThrows(IllegalArgumentException.class, () -> Inputs.read(f)).getMessage());
    Files.writeString(f, "a b\tc d\t0-x\n");
    assertEquals(f + ":1: links: ", assertThrows(IllegalArgumentException.class, () -> Inputs.read(f)).getMessage()
        .substring(0, (f + ":1: links: ").length()));
    Files.writeString(f, "# nothing\n\n");
    assertEquals(f + " has no sentences (blank lines and # comments only)",
        assertThrows(IllegalArgumentException.class, () -> Inputs.read(f)).getMessage());
    assertEquals("--input is empty", assertThrows(IllegalArgumentException.class, () -> Inputs.fromInput("  ", null)).getMessage());
  }
}
