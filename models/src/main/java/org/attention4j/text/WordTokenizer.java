package org.attention4j.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * A word-level tokenizer for translation: Moses-style segmentation (Koehn et al. 2007) that knows
 * Unicode, with a vocabulary built from a corpus. {@link #segment} splits text into
 *
 * <ul>
 *   <li>printf placeholders, whole: {@code %s %d %1$s %.*s %-10s %lu %%} and {@code %(name)s}
 *       (gettext catalogs must carry them over unchanged);</li>
 *   <li>single CJK characters (Han, Hiragana, Katakana, Hangul syllables);</li>
 *   <li>numbers with inner separators ({@code 1,000.50}, {@code 3.14});</li>
 *   <li>words of letters (accents and combining marks included), digits and underscores, with inner
 *       hyphens and apostrophes ({@code well-known}, {@code O'Brien}, {@code l'homme}); English
 *       clitics are split off Penn-Treebank style ({@code don't} → {@code do n't}, {@code it's}
 *       → {@code it 's}, {@code we'll} → {@code we 'll}, also with {@code ’});</li>
 *   <li>an ellipsis {@code ...}, and every other character as its own token (punctuation,
 *       symbols; an emoji with its modifiers stays one grapheme).</li>
 * </ul>
 *
 * Whitespace separates tokens and is dropped. {@link #decode} joins the tokens with natural
 * spacing (no space before {@code .,;:!?)}, after {@code (¿¡}, or between CJK characters).
 *
 * <pre>{@code
 * WordTokenizer.segment("Copied %d files (%.1f%%) — don't panic!");
 * // [Copied, %d, files, (, %.1f, %%, ), —, do, n't, panic, !]
 * WordTokenizer.segment("我爱 NLP。");  // [我, 爱, NLP, 。]
 * }</pre>
 *
 * <p>{@link #tokens} gives the segments, unknown words with their own spelling.
 */
public final class WordTokenizer implements Tokenizer {
  private final Vocabulary vocabulary;

  private WordTokenizer(Vocabulary vocabulary) {
    this.vocabulary = vocabulary;
  }

  /**
   * The words of {@code corpus} that occur at least {@code minFrequency} times, most frequent first
   * (ties by code points), at most {@code maxSize} ids with the four specials.
   *
   * @throws IllegalArgumentException if {@code minFrequency < 1} or {@code maxSize < 4}
   */
  public static WordTokenizer build(Iterable<String> corpus, int minFrequency, int maxSize) {
    Map<String, Long> counts = new HashMap<>();
    for (String text : corpus) {
      for (String token : pieces(text)) counts.merge(token, 1L, Long::sum);
    }
    return new WordTokenizer(Vocabulary.build(counts, minFrequency, maxSize));
  }

  /** A tokenizer over this vocabulary. */
  public static WordTokenizer of(Vocabulary vocabulary) {
    return new WordTokenizer(vocabulary);
  }

  /** The tokens of {@code text} by the rules in the class documentation. */
  public static List<String> segment(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = TextPatterns.WORD_PATTERN.matcher(text);
    while (m.find()) out.add(m.group());
    return out;
  }

  /** Joins tokens into text with natural spacing (see {@link #decode}). */
  public static String detokenize(List<String> tokens) {
    return Detokenizer.detokenize(tokens);
  }

  /** The segments of {@code text}, with literal special tokens ({@code <s>}...) kept whole. */
  private static List<String> pieces(String text) {
    List<String> out = new ArrayList<>();
    TextPatterns.forEachSegment(text, segment -> out.addAll(segment(segment)), out::add);
    return out;
  }

  @Override
  public int[] encode(String text) {
    return pieces(text).stream().mapToInt(vocabulary::id).toArray();
  }

  /**
   * The text of {@code ids}, joined by {@link #detokenize}: one space between tokens, except
   * none before closing punctuation ({@code . , ; : ! ? ) ] } % …}, closing quotes, clitics),
   * none after opening ones ({@code ( [ { ¿ ¡ $}, opening quotes), none between CJK characters;
   * straight quotes alternate between opening and closing.
   */
  @Override
  public String decode(int[] ids) {
    vocabulary.checkIds("WordTokenizer.decode", ids);
    List<String> tokens = new ArrayList<>(ids.length);
    for (int id : ids) {
      if (id == vocabulary.padId() || id == vocabulary.bosId() || id == vocabulary.eosId()) continue;
      tokens.add(vocabulary.token(id));
    }
    return detokenize(tokens);
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
    return "WordTokenizer[" + vocabulary.size() + " ids]";
  }
}
