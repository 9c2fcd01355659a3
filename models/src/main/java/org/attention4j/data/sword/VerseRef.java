package org.attention4j.data.sword;

/**
 * A verse reference in OSIS notation: book id, chapter, verse, written
 * {@code "Gen.1.1"}. Whether the verse exists is a question for a
 * {@link Versification}; this record only checks the shape.
 *
 * @param book OSIS book id, e.g. {@code "Gen"}, {@code "1John"}
 * @param chapter chapter number, from 1
 * @param verse verse number, from 1
 */
public record VerseRef(String book, int chapter, int verse) {

  public VerseRef {
    if (book == null || book.isEmpty() || !book.chars().allMatch(Character::isLetterOrDigit)) {
      throw new IllegalArgumentException(
          "VerseRef: book must be a non-empty OSIS id of letters and digits, got '" + book + "'");
    }
    if (chapter < 1 || verse < 1) {
      throw new IllegalArgumentException(
          "VerseRef: chapter and verse start at 1, got " + book + "." + chapter + "." + verse);
    }
  }

  /**
   * Parses {@code "Book.chapter.verse"}.
   *
   * @throws IllegalArgumentException if the text is not of that shape
   */
  public static VerseRef parse(String osisRef) {
    String[] parts = osisRef.split("\\.", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException(
          "VerseRef.parse: expected Book.chapter.verse, got '" + osisRef + "'");
    }
    if (!isNumber(parts[1]) || !isNumber(parts[2])) {
      throw new IllegalArgumentException(
          "VerseRef.parse: chapter and verse must be numbers from 1 without leading zeros in '"
              + osisRef + "'");
    }
    return new VerseRef(parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
  }

  private static boolean isNumber(String s) {
    return s.length() >= 1 && s.length() <= 4 && s.charAt(0) != '0'
        && s.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  /** The OSIS form, {@code "Gen.1.1"}. */
  @Override
  public String toString() {
    return book + "." + chapter + "." + verse;
  }
}
