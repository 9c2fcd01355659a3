package org.attention4j.data.bible;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import org.attention4j.data.sword.VerseRef;

/**
 * Finds verse pairs that are out of step although both modules claim the same
 * versification. A module converted from a Bible with different chapter or verse
 * divisions can put a verse's text under a neighbouring reference: the Debian RV1909
 * numbers Num 13, Job 39–40, Jonah 2 and others as the Hebrew/Spanish tradition does,
 * so its "Jonah.2.1" holds the KJV's Jonah 1:17.
 *
 * <p>The evidence is the Strong's numbers that both modules attach to their words:
 * a verse and its translation tag mostly the same Hebrew/Greek lemmas. Similarity is
 * the Dice coefficient of the two lemma sets with each lemma weighted by its inverse
 * document frequency over all verses of both modules ({@code ln(2N / df)}), so that
 * frequent lemmas ("LORD", "and") count little. For verse i, {@code own} is the
 * similarity of source i with target i and {@code best} the highest similarity of
 * source i with target j or source j with target i, for j within {@value #WINDOW}
 * verses in the same book. Then:
 * <ol>
 *   <li>verse i is <em>displaced</em> if {@code best - own >= }{@value #MARGIN} (a
 *       neighbour fits clearly better);</li>
 *   <li>it is <em>misaligned</em> if displaced and either {@code own < }{@value #LOW} or a
 *       verse next to it in the same chapter is displaced too (one displaced verse with
 *       a good own match is usually a repeated formula, as in Ps 67:3 and 67:5);</li>
 *   <li>verses between two misaligned verses of the same book, at most {@value #GAP}
 *       apart, are misaligned too (a shifted run that a coincidental match interrupts),
 *       and so are the at most {@value #GAP} verses between a run of at least two
 *       misaligned verses and the start or end of its chapter (the merged verse that ends
 *       a shifted chapter).</li>
 * </ol>
 * Pairs where either side has no Strong's numbers are not judged. On the Debian
 * KJV/RV1909 pair this flags about 190 of 31,084 non-empty pairs, all in the runs listed
 * above or single verses split differently, and spares repeated formulas.
 *
 * <p>{@link #absorbs} tells a merged verse from a moved one: when verse i+1 is empty on
 * one side, that side's verse i either holds both verses (2 Sam 20:25 in the RV1909
 * ends with the KJV's 20:26) or the text of i+1 went to the next chapter (Jonah 1:17).
 */
final class AlignmentCheck {

  static final int WINDOW = 5;
  static final double MARGIN = 0.15;
  static final double LOW = 0.5;
  static final int GAP = 2;
  static final double ABSORBED = 0.5;

  private final List<VerseRef> refs;
  private final int n;
  private final int[][] s; // sorted lemma ids of source verse i
  private final int[][] t; // sorted lemma ids of target verse i
  private final double[] idf;
  private final double[] sWeight;
  private final double[] tWeight;

  /**
   * Indexes the lemmas of both sides.
   *
   * @param refs verses in canonical order
   * @param source Strong's numbers of source verse i
   * @param target Strong's numbers of target verse i
   */
  AlignmentCheck(List<VerseRef> refs, List<SortedSet<String>> source,
      List<SortedSet<String>> target) {
    this.refs = refs;
    this.n = refs.size();
    if (source.size() != n || target.size() != n) {
      throw new IllegalArgumentException("AlignmentCheck: sizes differ: refs " + n
          + ", source " + source.size() + ", target " + target.size());
    }
    // Lemma ids and document frequencies over both sides.
    Map<String, Integer> ids = new HashMap<>();
    s = new int[n][];
    t = new int[n][];
    for (int i = 0; i < n; i++) {
      s[i] = encode(source.get(i), ids);
      t[i] = encode(target.get(i), ids);
    }
    int[] df = new int[ids.size()];
    for (int i = 0; i < n; i++) {
      for (int id : s[i]) {
        df[id]++;
      }
      for (int id : t[i]) {
        df[id]++;
      }
    }
    idf = new double[df.length];
    for (int id = 0; id < df.length; id++) {
      idf[id] = Math.log(2.0 * n / df[id]);
    }
    sWeight = new double[n];
    tWeight = new double[n];
    for (int i = 0; i < n; i++) {
      sWeight[i] = weight(s[i], idf);
      tWeight[i] = weight(t[i], idf);
    }
  }

  /**
   * Whether one side's verse i holds the text of verse i+1 too: at least
   * {@value #ABSORBED} of the IDF weight of the other side's lemmas that are new in
   * verse i+1 (not already in its verse i) appear in verse i. Without lemmas to judge by
   * the answer is yes (the cautious one: the caller drops the pair).
   *
   * @param i a verse with a next verse in canonical order
   * @param targetAbsorbs true to ask whether the target's verse i absorbed verse i+1
   *     (the target's i+1 is empty), false for the source
   */
  boolean absorbs(int i, boolean targetAbsorbs) {
    int[] otherThis = targetAbsorbs ? s[i] : t[i];
    int[] otherNext = targetAbsorbs ? s[i + 1] : t[i + 1];
    int[] candidate = targetAbsorbs ? t[i] : s[i];
    double newWeight = 0;
    double covered = 0;
    for (int id : otherNext) {
      if (java.util.Arrays.binarySearch(otherThis, id) >= 0) {
        continue;
      }
      newWeight += idf[id];
      if (java.util.Arrays.binarySearch(candidate, id) >= 0) {
        covered += idf[id];
      }
    }
    return newWeight == 0 || candidate.length == 0 || covered >= ABSORBED * newWeight;
  }

  /**
   * Flags misaligned pairs.
   *
   * @param usable whether pair i is a candidate (both texts non-empty)
   * @return flags, true where pair i is misaligned; false where not usable or not judged
   */
  boolean[] misaligned(boolean[] usable) {
    if (usable.length != n) {
      throw new IllegalArgumentException(
          "AlignmentCheck.misaligned: usable has " + usable.length + " flags for " + n + " verses");
    }
    boolean[] judged = new boolean[n];
    double[] own = new double[n];
    boolean[] displaced = new boolean[n];
    for (int i = 0; i < n; i++) {
      judged[i] = usable[i] && s[i].length > 0 && t[i].length > 0;
      if (!judged[i]) {
        continue;
      }
      own[i] = dice(s[i], sWeight[i], t[i], tWeight[i], idf);
      double best = 0;
      for (int d = -WINDOW; d <= WINDOW; d++) {
        int j = i + d;
        if (d == 0 || j < 0 || j >= n || !refs.get(j).book().equals(refs.get(i).book())) {
          continue;
        }
        best = Math.max(best, dice(s[i], sWeight[i], t[j], tWeight[j], idf));
        best = Math.max(best, dice(s[j], sWeight[j], t[i], tWeight[i], idf));
      }
      displaced[i] = best - own[i] >= MARGIN;
    }

    boolean[] flag = new boolean[n];
    for (int i = 0; i < n; i++) {
      if (displaced[i]) {
        boolean neighbour = i > 0 && displaced[i - 1] && sameChapter(refs, i - 1, i)
            || i + 1 < n && displaced[i + 1] && sameChapter(refs, i, i + 1);
        flag[i] = own[i] < LOW || neighbour;
      }
    }
    boolean[] out = flag.clone();
    int last = -1;
    for (int i = 0; i < n; i++) {
      if (!flag[i]) {
        continue;
      }
      if (last >= 0 && i - last - 1 <= GAP && refs.get(last).book().equals(refs.get(i).book())) {
        for (int j = last + 1; j < i; j++) {
          out[j] = usable[j];
        }
      }
      last = i;
      // From a run of at least two to the chapter's edges.
      boolean runGoesOn = i + 1 < n && flag[i + 1] && sameChapter(refs, i, i + 1);
      boolean runCameFrom = i > 0 && flag[i - 1] && sameChapter(refs, i - 1, i);
      for (int j = i - 1; runGoesOn && j >= 0 && i - j <= GAP + 1 && sameChapter(refs, j, i);
          j--) {
        if (refs.get(j).verse() == 1 && i - j <= GAP) {
          for (int k = j; k < i; k++) {
            out[k] = usable[k];
          }
        }
      }
      for (int j = i + 1; runCameFrom && j < n && j - i <= GAP + 1 && sameChapter(refs, i, j);
          j++) {
        boolean chapterEnd = j + 1 >= n || !sameChapter(refs, j, j + 1);
        if (chapterEnd && j - i <= GAP) {
          for (int k = i + 1; k <= j; k++) {
            out[k] = usable[k];
          }
        }
      }
    }
    return out;
  }

  /** Whether verse i has Strong's numbers on both sides. */
  boolean judgeable(int i) {
    return s[i].length > 0 && t[i].length > 0;
  }

  private static boolean sameChapter(List<VerseRef> refs, int a, int b) {
    VerseRef x = refs.get(a);
    VerseRef y = refs.get(b);
    return x.chapter() == y.chapter() && x.book().equals(y.book());
  }

  private static int[] encode(SortedSet<String> lemmas, Map<String, Integer> ids) {
    int[] out = new int[lemmas.size()];
    int k = 0;
    for (String l : lemmas) {
      out[k++] = ids.computeIfAbsent(l, x -> ids.size());
    }
    java.util.Arrays.sort(out);
    return out;
  }

  private static double weight(int[] set, double[] idf) {
    double w = 0;
    for (int id : set) {
      w += idf[id];
    }
    return w;
  }

  /** IDF-weighted Dice coefficient of two sorted id sets. */
  static double dice(int[] a, double wa, int[] b, double wb, double[] idf) {
    if (a.length == 0 || b.length == 0) {
      return 0;
    }
    double common = 0;
    int i = 0;
    int j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] == b[j]) {
        common += idf[a[i]];
        i++;
        j++;
      } else if (a[i] < b[j]) {
        i++;
      } else {
        j++;
      }
    }
    return 2 * common / (wa + wb);
  }
}
