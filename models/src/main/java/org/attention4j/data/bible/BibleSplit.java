package org.attention4j.data.bible;

import java.util.List;
import java.util.Locale;

/**
 * The fixed, documented split of a Bible corpus by book. Whole books go to one split,
 * so that no chapter is shared between training and evaluation.
 *
 * <ul>
 *   <li><b>test</b> ({@link #TEST_BOOKS}, 1,129 KJV verses, 3.6%): Ruth, Ecclesiastes,
 *       Lamentations, Jonah, Philippians, Hebrews, James, 1 John — short narrative
 *       (Ruth, Jonah), wisdom and poetry (Ecclesiastes, Lamentations) and letters of
 *       very different sentence lengths (Hebrews' long periods, James' short sayings),
 *       books with few near-verbatim parallels elsewhere in the Bible (unlike the
 *       synoptic gospels or Samuel/Kings/Chronicles);</li>
 *   <li><b>dev</b> ({@link #DEV_BOOKS}, 498 KJV verses, 1.6%): Esther, Joel, Habakkuk,
 *       Colossians, Titus, 2 Peter;</li>
 *   <li><b>train</b>: the other 52 books.</li>
 * </ul>
 */
public enum BibleSplit {
  TRAIN,
  DEV,
  TEST;

  /** OSIS ids of the test books, in canonical order. */
  public static final List<String> TEST_BOOKS =
      List.of("Ruth", "Eccl", "Lam", "Jonah", "Phil", "Heb", "Jas", "1John");

  /** OSIS ids of the dev books, in canonical order. */
  public static final List<String> DEV_BOOKS =
      List.of("Esth", "Joel", "Hab", "Col", "Titus", "2Pet");

  /** The split a book belongs to (every book not in test or dev is train). */
  public static BibleSplit of(String book) {
    if (TEST_BOOKS.contains(book)) {
      return TEST;
    }
    if (DEV_BOOKS.contains(book)) {
      return DEV;
    }
    return TRAIN;
  }

  /** The name used in files: {@code train}, {@code dev}, {@code test}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The split with the given file label.
   *
   * @throws IllegalArgumentException if the label is not train, dev or test
   */
  public static BibleSplit fromLabel(String label) {
    for (BibleSplit s : values()) {
      if (s.label().equals(label)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "BibleSplit: unknown split '" + label + "' (expected train, dev or test)");
  }
}
