package org.attention4j.data.sword;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A versification: the books in canonical order, the chapters of each book and the
 * verses of each chapter, and from that the layout of a zText verse index.
 *
 * <p>Only the KJV versification ({@link #kjv()}) ships: 66 books, 1,189 chapters,
 * 31,102 verses, read from the resource {@code kjv.versification} beside this class
 * (factual counts, checked against the Debian KJV and RV1909 modules).
 *
 * <p>Verse-index layout per testament: entry 0 empty, entry 1 testament heading, then
 * for each book a book-heading entry, then for each chapter a chapter-heading entry
 * followed by one entry per verse. So Gen.1.1 is OT entry 4 (0, 1, Gen heading, Gen 1
 * heading, Gen.1.1) and Matt.1.1 is NT entry 4.
 */
public final class Versification {

  private static final String KJV_RESOURCE = "kjv.versification";
  private static volatile Versification kjv;

  private final String name;
  private final List<String> books;
  private final Map<String, Integer> bookIndex;
  private final int[][] versesPerChapter; // [book][chapter - 1]
  private final Testament[] testaments; // [book]
  private final int[][] chapterStartEntry; // [book][chapter - 1]: .bzv entry of the chapter heading
  private final int[][] chapterFirstOrdinal; // [book][chapter - 1]: ordinal of verse 1
  private final int[] entryCount = new int[Testament.values().length];
  private final int totalVerses;

  private Versification(String name, List<String> books, List<Testament> testaments,
      List<int[]> versesPerChapter) {
    this.name = name;
    this.books = List.copyOf(books);
    this.testaments = testaments.toArray(new Testament[0]);
    this.versesPerChapter = versesPerChapter.toArray(new int[0][]);
    Map<String, Integer> index = new HashMap<>();
    for (int b = 0; b < books.size(); b++) {
      index.put(books.get(b), b);
    }
    this.bookIndex = Collections.unmodifiableMap(index);
    this.chapterStartEntry = new int[books.size()][];
    this.chapterFirstOrdinal = new int[books.size()][];
    int[] next = {2, 2}; // entries 0 (empty) and 1 (testament heading) come first
    int ordinal = 0;
    for (int b = 0; b < books.size(); b++) {
      int t = this.testaments[b].ordinal();
      next[t]++; // book heading
      int[] counts = this.versesPerChapter[b];
      chapterStartEntry[b] = new int[counts.length];
      chapterFirstOrdinal[b] = new int[counts.length];
      for (int c = 0; c < counts.length; c++) {
        chapterStartEntry[b][c] = next[t];
        chapterFirstOrdinal[b][c] = ordinal;
        next[t] += 1 + counts[c];
        ordinal += counts[c];
      }
    }
    for (Testament t : Testament.values()) {
      // a testament without books has no index at all
      entryCount[t.ordinal()] = next[t.ordinal()] == 2 ? 0 : next[t.ordinal()];
    }
    this.totalVerses = ordinal;
  }

  /** The KJV versification (SWORD's {@code Versification=KJV}), loaded once. */
  public static Versification kjv() {
    Versification v = kjv;
    if (v == null) {
      synchronized (Versification.class) {
        v = kjv;
        if (v == null) {
          v = loadResource("KJV", KJV_RESOURCE);
          kjv = v;
        }
      }
    }
    return v;
  }

  private static Versification loadResource(String name, String resource) {
    try (InputStream in = Versification.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Versification: resource " + resource
            + " is missing from the classpath (org/attention4j/data/sword/)");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      return parse(name, r.lines().toList(), resource);
    } catch (IOException e) {
      throw new UncheckedIOException("Versification: cannot read resource " + resource, e);
    }
  }

  /**
   * Parses a versification table: lines {@code OT|NT bookId versesInChapter1 ...};
   * blank lines and lines starting with {@code #} are skipped.
   *
   * @param source the name used in error messages
   * @throws IllegalArgumentException on a malformed line, naming source and line number
   */
  static Versification parse(String name, List<String> lines, String source) {
    List<String> books = new ArrayList<>();
    List<Testament> testaments = new ArrayList<>();
    List<int[]> chapters = new ArrayList<>();
    int lineNo = 0;
    for (String raw : lines) {
      lineNo++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = source + ": line " + lineNo + ": ";
      String[] f = line.split("\\s+");
      if (f.length < 3) {
        throw new IllegalArgumentException(
            where + "expected 'OT|NT book verses...', found '" + line + "'");
      }
      Testament t = switch (f[0]) {
        case "OT" -> Testament.OT;
        case "NT" -> Testament.NT;
        default -> throw new IllegalArgumentException(
            where + "testament must be OT or NT, found '" + f[0] + "'");
      };
      if (!testaments.isEmpty() && t.ordinal() < testaments.getLast().ordinal()) {
        throw new IllegalArgumentException(where + "OT book " + f[1] + " after an NT book");
      }
      if (books.contains(f[1])) {
        throw new IllegalArgumentException(where + "book " + f[1] + " listed twice");
      }
      int[] counts = new int[f.length - 2];
      for (int c = 0; c < counts.length; c++) {
        try {
          counts[c] = Integer.parseInt(f[c + 2]);
        } catch (NumberFormatException e) {
          counts[c] = -1;
        }
        if (counts[c] < 1) {
          throw new IllegalArgumentException(where + f[1] + " chapter " + (c + 1)
              + ": verse count must be a positive number, found '" + f[c + 2] + "'");
        }
      }
      books.add(f[1]);
      testaments.add(t);
      chapters.add(counts);
    }
    if (books.isEmpty()) {
      throw new IllegalArgumentException(source + ": no books");
    }
    return new Versification(name, books, testaments, chapters);
  }

  /** The SWORD name of this versification, e.g. {@code "KJV"}. */
  public String name() {
    return name;
  }

  /** OSIS book ids in canonical order. */
  public List<String> books() {
    return books;
  }

  /** Index of an OSIS book id in {@link #books()}, or -1 if this versification lacks it. */
  public int bookIndex(String book) {
    return bookIndex.getOrDefault(book, -1);
  }

  /** The testament a book belongs to. */
  public Testament testament(int book) {
    return testaments[book];
  }

  /** Number of chapters of a book. */
  public int chapterCount(int book) {
    return versesPerChapter[book].length;
  }

  /** Number of verses of a chapter (chapter from 1). */
  public int verseCount(int book, int chapter) {
    return versesPerChapter[book][chapter - 1];
  }

  /** All verses of all books: 31,102 for KJV. */
  public int totalVerses() {
    return totalVerses;
  }

  /**
   * The number of entries a testament's {@code .bzv} must have: 2 + books + chapters +
   * verses of that testament, or 0 if the versification has no book in it.
   */
  public int entryCount(Testament t) {
    return entryCount[t.ordinal()];
  }

  /** The {@code .bzv} entry of a book's heading in its testament. */
  public int bookHeadingEntry(int book) {
    return chapterStartEntry[book][0] - 1;
  }

  /** The {@code .bzv} entry of a chapter's heading (chapter from 1) in its testament. */
  public int chapterHeadingEntry(int book, int chapter) {
    return chapterStartEntry[book][chapter - 1];
  }

  /**
   * The {@code .bzv} entry of a verse in its testament's index.
   *
   * @throws IllegalArgumentException if the verse is not in this versification
   */
  public int entryIndex(VerseRef ref) {
    int b = checkedBook(ref);
    return chapterStartEntry[b][ref.chapter() - 1] + ref.verse();
  }

  /**
   * The position of a verse in canonical order, 0 for Gen.1.1 and
   * {@code totalVerses() - 1} for Rev.22.21.
   *
   * @throws IllegalArgumentException if the verse is not in this versification
   */
  public int ordinal(VerseRef ref) {
    int b = checkedBook(ref);
    return chapterFirstOrdinal[b][ref.chapter() - 1] + ref.verse() - 1;
  }

  /** Whether the verse exists in this versification. */
  public boolean contains(VerseRef ref) {
    int b = bookIndex(ref.book());
    return b >= 0 && ref.chapter() <= chapterCount(b)
        && ref.verse() <= verseCount(b, ref.chapter());
  }

  /**
   * Names a {@code .bzv} entry for messages: {@code "Gen.1.1"}, {@code "Gen 1 heading"},
   * {@code "Gen heading"}, {@code "OT heading"} or {@code "empty entry 0"}; an index past
   * the end gives {@code "past the end"}.
   */
  public String entryLabel(Testament t, int entry) {
    if (entry == 0) {
      return "empty entry 0";
    }
    if (entry == 1) {
      return t + " heading";
    }
    for (int b = 0; b < books.size(); b++) {
      if (testaments[b] != t) {
        continue;
      }
      if (entry == bookHeadingEntry(b)) {
        return books.get(b) + " heading";
      }
      for (int c = chapterCount(b); c >= 1; c--) {
        int start = chapterStartEntry[b][c - 1];
        if (entry == start) {
          return books.get(b) + " " + c + " heading";
        }
        if (entry > start && entry <= start + verseCount(b, c)) {
          return books.get(b) + "." + c + "." + (entry - start);
        }
      }
    }
    return "past the end";
  }

  /** All verses in canonical order (a new list each call). */
  public List<VerseRef> verses() {
    List<VerseRef> out = new ArrayList<>(totalVerses);
    for (int b = 0; b < books.size(); b++) {
      for (int c = 1; c <= chapterCount(b); c++) {
        for (int v = 1; v <= verseCount(b, c); v++) {
          out.add(new VerseRef(books.get(b), c, v));
        }
      }
    }
    return out;
  }

  private int checkedBook(VerseRef ref) {
    int b = bookIndex(ref.book());
    if (b < 0) {
      throw new IllegalArgumentException(
          "Versification " + name + ": no book '" + ref.book() + "' in " + ref);
    }
    if (ref.chapter() > chapterCount(b)) {
      throw new IllegalArgumentException("Versification " + name + ": no chapter " + ref.book() + "." + ref.chapter()
          + " (" + ref.book() + " has " + chapterCount(b) + " chapters)");
    }
    if (ref.verse() > verseCount(b, ref.chapter())) {
      throw new IllegalArgumentException("Versification " + name + ": no verse " + ref + " ("
          + ref.book() + " " + ref.chapter() + " has " + verseCount(b, ref.chapter())
          + " verses)");
    }
    return b;
  }

  @Override
  public String toString() {
    return "Versification[" + name + ", " + books.size() + " books, " + totalVerses + " verses]";
  }
}
