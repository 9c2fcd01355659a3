package org.attention4j.text;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A character-level vocabulary: one id per Unicode code point seen in a corpus, after the
 * special tokens {@code <pad>} (0) and {@code <unk>} (1). Code points are sorted, so the same
 * corpus always gives the same ids.
 */
public final class CharVocabulary {
  /** Id of the padding token. */
  public static final int PAD = 0;
  /** Id of the unknown-character token. */
  public static final int UNK = 1;
  private static final int SPECIALS = 2;

  private final int[] codePoints; // id - SPECIALS -> code point
  private final Map<Integer, Integer> ids;

  private CharVocabulary(int[] codePoints) {
    this.codePoints = codePoints;
    Map<Integer, Integer> m = new HashMap<>();
    for (int i = 0; i < codePoints.length; i++) m.put(codePoints[i], i + SPECIALS);
    this.ids = Collections.unmodifiableMap(m);
  }

  /**
   * The vocabulary of every code point in {@code texts}.
   *
   * @throws IllegalArgumentException if the texts hold no characters
   */
  public static CharVocabulary build(Collection<String> texts) {
    TreeSet<Integer> seen = new TreeSet<>();
    for (String t : texts) t.codePoints().forEach(seen::add);
    if (seen.isEmpty()) throw new IllegalArgumentException("CharVocabulary.build: the corpus holds no characters");
    return new CharVocabulary(seen.stream().mapToInt(Integer::intValue).toArray());
  }

  /** A vocabulary over exactly these code points, in this order (as saved by {@link #codePoints()}). */
  public static CharVocabulary of(int[] codePoints) {
    java.util.Set<Integer> unique = new java.util.HashSet<>();
    for (int cp : codePoints) {
      if (!unique.add(cp)) throw new IllegalArgumentException("CharVocabulary.of: code point U+" + Integer.toHexString(cp) + " repeats");
    }
    return new CharVocabulary(codePoints.clone());
  }

  /** Number of ids, special tokens included. */
  public int size() {
    return codePoints.length + SPECIALS;
  }

  /** The code points of ids {@code 2..size-1}, in id order. */
  public int[] codePoints() {
    return codePoints.clone();
  }

  /** The id of one code point ({@link #UNK} if unseen). */
  public int id(int codePoint) {
    return ids.getOrDefault(codePoint, UNK);
  }

  /** Ids of every code point of {@code text}. */
  public int[] encode(String text) {
    return text.codePoints().map(this::id).toArray();
  }

  /** The text of {@code ids}; padding is skipped and unknowns become U+FFFD. */
  public String decode(int[] ids) {
    StringBuilder sb = new StringBuilder();
    for (int id : ids) {
      if (id == PAD) continue;
      if (id == UNK || id < 0 || id >= size()) sb.append('\uFFFD');
      else sb.appendCodePoint(codePoints[id - SPECIALS]);
    }
    return sb.toString();
  }

  /** The tokens as strings, by id, for display. */
  public List<String> tokens() {
    List<String> out = new ArrayList<>(List.of("<pad>", "<unk>"));
    for (int cp : codePoints) out.add(Character.toString(cp));
    return out;
  }
}
