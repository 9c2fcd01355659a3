package org.attention4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlignmentTest {

  @Test
  void pharaoh_parseSureAndPossible() {
    Alignment a = Pharaoh.parse(" 2-1 0-0 1?2  3p3 ");
    assertEquals(List.of(new Link(0, 0), new Link(2, 1)), List.copyOf(a.sure()));
    assertEquals(List.of(new Link(0, 0), new Link(1, 2), new Link(2, 1), new Link(3, 3)),
        List.copyOf(a.possible()));
    assertEquals("0-0 1?2 2-1 3?3", Pharaoh.format(a));
    assertEquals(a, Pharaoh.parse(a.toString()));
    assertEquals(Alignment.empty(), Pharaoh.parse(""));
  }

  @Test
  void pharaoh_twoFileConvention() {
    Alignment a = Pharaoh.parse("0-0", "1-1 0-1");
    assertEquals(List.of(new Link(0, 0)), List.copyOf(a.sure()));
    assertEquals(List.of(new Link(0, 0), new Link(0, 1), new Link(1, 1)), List.copyOf(a.possible()));
  }

  @Test
  void pharaoh_readWrite(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("a.txt");
    List<Alignment> as = List.of(Pharaoh.parse("0-0 1-1"), Alignment.empty(), Pharaoh.parse("0?1"));
    Pharaoh.write(f, as);
    assertEquals(List.of("0-0 1-1", "", "0?1"), Files.readAllLines(f));
    assertEquals(as, Pharaoh.read(f));
    Files.writeString(f, "0-0\n1-x\n");
    var e = assertThrows(IllegalArgumentException.class, () -> Pharaoh.read(f));
    assertEquals(f + ": line 2: token \"1-x\" is not i-j (sure) or i?j / ipj (possible) with 0-based "
        + "word positions", e.getMessage());
  }

  @Test
  void pharaoh_badTokens_throw() {
    for (String bad : List.of("1", "-1-2", "1-", "a-b", "1:2", "1-2-3", "١-٢")) {
      var e = assertThrows(IllegalArgumentException.class, () -> Pharaoh.parse(bad), bad);
      assertEquals("Pharaoh: token \"" + bad + "\" is not i-j (sure) or i?j / ipj (possible) with "
          + "0-based word positions", e.getMessage());
    }
  }

  @Test
  void link_negative_throws() {
    var e = assertThrows(IllegalArgumentException.class, () -> new Link(-1, 2));
    assertEquals("Link: positions must be >= 0, got -1-2", e.getMessage());
  }

  @Test
  void attention_argmaxAndThreshold() {
    float[][] w = {
        {0.7f, 0.2f, 0.1f},   // target 0 -> source 0
        {0.1f, 0.45f, 0.45f}, // target 1: tie -> first (source 1)
        {0f, 0f, 0f},         // padded step: no link
        {0.05f, 0.15f, 0.8f}};
    assertEquals("0-0 1-1 2-3", AttentionAlignment.argmax(w).toString());
    assertEquals("0-0 1-1 2-1 2-3", AttentionAlignment.threshold(w, 0.4).toString());
  }

  @Test
  void attention_toWords() {
    // Subwords: source [New, York, </s>] -> words [0, 0, -1]; target [Nueva, Yo, rk] -> [0, 1, 1].
    Alignment sub = Pharaoh.parse("0-0 1-1 1-2 2-2 0?1");
    Alignment words = AttentionAlignment.toWords(sub, new int[] {0, 0, -1}, new int[] {0, 1, 1});
    assertEquals("0-0 0-1", words.toString());
    var e = assertThrows(IllegalArgumentException.class,
        () -> AttentionAlignment.toWords(sub, new int[] {0}, new int[] {0, 1, 1}));
    assertEquals("AttentionAlignment.toWords: link 1-1 is outside the maps (1 source, 3 target positions)",
        e.getMessage());
  }

  @Test
  void attention_badInput_throws() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> AttentionAlignment.argmax(new float[][] {{1f, 0f}, {1f}}));
    assertEquals("AttentionAlignment.argmax: row 1 has 1 weights, row 0 has 2", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> AttentionAlignment.threshold(new float[][] {{Float.NaN}}, 0.5));
    assertEquals("AttentionAlignment.threshold: weight [0][0] is NaN", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> AttentionAlignment.threshold(new float[][] {{1f}}, 0));
    assertEquals("AttentionAlignment.threshold: threshold must be > 0, got 0.0", e.getMessage());
  }
}
