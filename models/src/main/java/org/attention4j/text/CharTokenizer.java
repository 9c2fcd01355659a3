package org.attention4j.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One token per Unicode code point (astral characters such as emoji are one token, not two UTF-16
 * units); whitespace is a token like any other, so {@code decode(encode(s))} gives back {@code s}
 * when every code point is in the vocabulary. Unknown code points map to {@code <unk>}.
 *
 * <pre>{@code
 * CharTokenizer t = CharTokenizer.build(List.of("abc", "cab"), 1, 100);
 * t.encode("ba");  // [5, 4]: ids 0-3 are <pad> <unk> <s> </s>, then a b c (all seen twice)
 * }</pre>
 *
 * <p>{@link #tokens} gives each code point as a string, unknown ones included.
 */
public final class CharTokenizer implements Tokenizer {
  private final Vocabulary vocabulary;

  private CharTokenizer(Vocabulary vocabulary) {
    this.vocabulary = vocabulary;
  }

  /**
   * The code points of {@code corpus} that occur at least {@code minFrequency} times, most frequent
   * first (ties by code point), at most {@code maxSize} ids with the four specials.
   *
   * @throws IllegalArgumentException if {@code minFrequency < 1} or {@code maxSize < 4}
   */
  public static CharTokenizer build(Iterable<String> corpus, int minFrequency, int maxSize) {
    Map<String, Long> counts = new HashMap<>();
    for (String text : corpus) {
      for (String token : pieces(text)) counts.merge(token, 1L, Long::sum);
    }
    return new CharTokenizer(Vocabulary.build(counts, minFrequency, maxSize));
  }

  /**
   * A tokenizer over this vocabulary.
   *
   * @throws IllegalArgumentException if a token other than the specials is not exactly one code
   *     point: {@code CharTokenizer: token 7 "ab" is not a single code point}
   */
  public static CharTokenizer of(Vocabulary vocabulary) {
    for (int id = 0; id < vocabulary.size(); id++) {
      String t = vocabulary.token(id);
      if (!vocabulary.isSpecial(id) && t.codePointCount(0, t.length()) != 1) {
        throw new IllegalArgumentException("CharTokenizer: token " + id + " " + Vocabulary.quote(t)
            + " is not a single code point");
      }
    }
    return new CharTokenizer(vocabulary);
  }

  /** The code points of {@code text} as strings, literal special tokens ({@code <s>}...) whole. */
  private static List<String> pieces(String text) {
    List<String> out = new ArrayList<>();
    TextPatterns.forEachSegment(text,
        segment -> segment.codePoints().forEach(cp -> out.add(Character.toString(cp))), out::add);
    return out;
  }

  @Override
  public int[] encode(String text) {
    return pieces(text).stream().mapToInt(vocabulary::id).toArray();
  }

  @Override
  public String decode(int[] ids) {
    vocabulary.checkIds("CharTokenizer.decode", ids);
    StringBuilder sb = new StringBuilder();
    for (int id : ids) {
      if (id == vocabulary.padId() || id == vocabulary.bosId() || id == vocabulary.eosId()) continue;
      sb.append(vocabulary.token(id));
    }
    return sb.toString();
  }

  @Override
  public List<String> tokens(String text) {
    return pieces(text);
  }

  @Override
  public Vocabulary vocabulary() {
    return vocabulary;
  }

  @Override
  public String toString() {
    return "CharTokenizer[" + vocabulary.size() + " ids]";
  }
}
