package org.attention4j.data.bible;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.attention4j.data.sword.VerseRef;
import org.junit.jupiter.api.Test;

class AlignmentCheckTest {

  private static SortedSet<String> lemmas(String... ids) {
    return new TreeSet<>(Arrays.asList(ids));
  }

  /** Verse i of chapter 1 tags H(10 i), H(10 i + 1), H(10 i + 2) and a common H1. */
  private static SortedSet<String> verseLemmas(int i) {
    return lemmas("H1", "H" + (10 * i), "H" + (10 * i + 1), "H" + (10 * i + 2));
  }

  private static List<VerseRef> refs(int n) {
    List<VerseRef> refs = new ArrayList<>();
    for (int v = 1; v <= n; v++) {
      refs.add(new VerseRef("Num", 1, v));
    }
    return refs;
  }

  private static boolean[] all(int n) {
    boolean[] b = new boolean[n];
    Arrays.fill(b, true);
    return b;
  }

  @Test
  void misaligned_alignedVerses_noneFlagged() {
    int n = 20;
    List<SortedSet<String>> src = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      src.add(verseLemmas(i + 1));
    }
    boolean[] flags = new AlignmentCheck(refs(n), src, src).misaligned(all(n));
    assertArrayEquals(new boolean[n], flags);
  }

  @Test
  void misaligned_targetShiftedByOneFromVerse8_flagsTheRun() {
    int n = 20;
    List<SortedSet<String>> src = new ArrayList<>();
    List<SortedSet<String>> tgt = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      src.add(verseLemmas(i + 1));
      // from index 7 on, target verse i holds source verse i - 1
      tgt.add(i < 7 ? verseLemmas(i + 1) : verseLemmas(i));
    }
    boolean[] flags = new AlignmentCheck(refs(n), src, tgt).misaligned(all(n));
    for (int i = 0; i < n; i++) {
      assertEquals(i >= 7, flags[i], "verse " + (i + 1));
    }
  }

  /**
   * Target verse 3 also matches source verse 5 clearly better than its own source verse,
   * as a repeated formula does; {@code ownShared} lemmas of source 3 are in target 3.
   */
  private static boolean[] formulaCase(boolean goodOwnMatch) {
    int n = 10;
    List<SortedSet<String>> src = new ArrayList<>();
    List<SortedSet<String>> tgt = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      src.add(verseLemmas(i + 1));
      tgt.add(verseLemmas(i + 1));
    }
    SortedSet<String> formula = lemmas("H1", "H31", "H32", "H500", "H501", "H502", "H503");
    src.set(4, formula);
    tgt.set(4, formula);
    tgt.set(2, goodOwnMatch
        ? lemmas("H1", "H30", "H31", "H32", "H500", "H501", "H502", "H503")
        : lemmas("H1", "H31", "H500", "H501", "H502", "H503", "H504", "H505", "H506"));
    return new AlignmentCheck(refs(n), src, tgt).misaligned(all(n));
  }

  @Test
  void misaligned_singleDisplacedVerseWithGoodOwnMatch_notFlagged() {
    assertArrayEquals(new boolean[10], formulaCase(true));
  }

  @Test
  void misaligned_singleDisplacedVerseWithPoorOwnMatch_flagged() {
    boolean[] expected = new boolean[10];
    expected[2] = true;
    assertArrayEquals(expected, formulaCase(false));
  }

  @Test
  void misaligned_withoutLemmas_notJudged() {
    List<SortedSet<String>> empty = List.of(lemmas(), lemmas(), lemmas());
    assertArrayEquals(new boolean[3],
        new AlignmentCheck(refs(3), empty, empty).misaligned(all(3)));
  }

  @Test
  void absorbs_targetHoldsNextVerse() {
    List<SortedSet<String>> src = List.of(lemmas("H1", "H10"), lemmas("H20", "H21"));
    List<SortedSet<String>> merged = List.of(lemmas("H1", "H10", "H20", "H21"), lemmas());
    List<SortedSet<String>> moved = List.of(lemmas("H1", "H10"), lemmas());
    assertTrue(new AlignmentCheck(refs(2), src, merged).absorbs(0, true));
    assertFalse(new AlignmentCheck(refs(2), src, moved).absorbs(0, true));
  }
}
