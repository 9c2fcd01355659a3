package org.attention4j.data.bible;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.attention4j.data.sword.VerseRef;
import org.junit.jupiter.api.Test;

class DropCapsTest {

  /** Verses Gen.c.1 and Gen.c.2 for c = 1..n, texts given pairwise. */
  private static List<VerseRef> refs(int chapters) {
    List<VerseRef> refs = new ArrayList<>();
    for (int c = 1; c <= chapters; c++) {
      refs.add(new VerseRef("Gen", c, 1));
      refs.add(new VerseRef("Gen", c, 2));
    }
    return refs;
  }

  @Test
  void apply_dropCappedModule_fixesChapterFirstVerses() {
    String[] texts = {
        "EN el principio crió Dios los cielos.", "Y la tierra estaba desordenada; Jehová dijo.",
        "Y DESPUÉS movió el pueblo.", "Y después de esto, Jehová habló.",
        "Salmo de David. JEHOVÁ es mi pastor.", "Jehová es mi luz; después cantaré.",
        "¡OH Jehová, cuánto se han multiplicado!", "Y dijo: oh Dios, oh Señor.",
        "ALEPH. BIENAVENTURADOS los perfectos.", "En el principio, Bienaventurados los.",
    };
    assertEquals(5, DropCaps.apply(refs(5), texts));
    assertArrayEquals(new String[] {
        "En el principio crió Dios los cielos.", "Y la tierra estaba desordenada; Jehová dijo.",
        "Y después movió el pueblo.", "Y después de esto, Jehová habló.",
        "Salmo de David. Jehová es mi pastor.", "Jehová es mi luz; después cantaré.",
        "¡Oh Jehová, cuánto se han multiplicado!", "Y dijo: oh Dios, oh Señor.",
        "ALEPH. Bienaventurados los perfectos.", "En el principio, Bienaventurados los.",
    }, texts);
  }

  @Test
  void apply_capitalsEverywhere_leavesModuleAlone() {
    // KJV-like: "LORD" in capitals in most verses, not a drop cap.
    String[] texts = {
        "The LORD is my shepherd.", "The LORD said unto Moses.",
        "LORD, who shall abide?", "And the LORD spake.",
    };
    String[] before = texts.clone();
    assertEquals(0, DropCaps.apply(refs(2), texts));
    assertArrayEquals(before, texts);
  }

  @Test
  void apply_noRunInMostFirstVerses_leavesModuleAlone() {
    String[] texts = {"EN el principio.", "a b.", "Y dijo.", "c d.", "Y fue.", "e f."};
    assertEquals(0, DropCaps.apply(refs(3), texts));
    assertEquals("EN el principio.", texts[0]);
  }

  @Test
  void findRun_rules() {
    assertArrayEquals(new int[] {0, 1}, DropCaps.findRun("Y DESPUÉS movió".split(" ")));
    assertArrayEquals(new int[] {1, 1}, DropCaps.findRun("ALEPH. BIENAVENTURADOS los".split(" ")));
    assertArrayEquals(new int[] {0, 0}, DropCaps.findRun("PABLO, apóstol".split(" ")));
    assertNull(DropCaps.findRun("Y la tierra".split(" "))); // one letter is not a drop cap
    assertNull(DropCaps.findRun("MENE, MENE, TEKEL".split(" "))); // no lower-case word after
    assertEquals("OH", DropCaps.core("¡OH,"));
  }
}
