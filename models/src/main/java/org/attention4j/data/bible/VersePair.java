package org.attention4j.data.bible;

import org.attention4j.data.sword.VerseRef;

/**
 * One verse in two translations.
 *
 * @param ref OSIS reference, {@code "Gen.1.1"}
 * @param book OSIS book id, {@code "Gen"}
 * @param chapter chapter, from 1
 * @param verse verse, from 1
 * @param split the split of the verse's book ({@link BibleSplit#of})
 * @param source the verse in the source translation (plain text, NFC)
 * @param target the verse in the target translation (plain text, NFC)
 */
public record VersePair(String ref, String book, int chapter, int verse, BibleSplit split,
    String source, String target) {

  public VersePair {
    String expected = book + "." + chapter + "." + verse;
    if (!expected.equals(ref)) {
      throw new IllegalArgumentException(
          "VersePair: ref '" + ref + "' does not match book/chapter/verse " + expected);
    }
    if (source.isEmpty() || target.isEmpty()) {
      throw new IllegalArgumentException("VersePair " + ref + ": source and target must be "
          + "non-empty (source " + source.length() + " chars, target " + target.length() + ")");
    }
  }

  /** A pair for a verse reference. */
  public static VersePair of(VerseRef ref, BibleSplit split, String source, String target) {
    return new VersePair(ref.toString(), ref.book(), ref.chapter(), ref.verse(), split, source,
        target);
  }

  /** The reference as a {@link VerseRef}. */
  public VerseRef verseRef() {
    return new VerseRef(book, chapter, verse);
  }
}
