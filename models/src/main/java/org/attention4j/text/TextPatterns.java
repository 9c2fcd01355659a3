package org.attention4j.text;

import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The regular expressions that split text into pieces, written once so that Java's {@link
 * Pattern} and the Oniguruma engine of the Hugging Face {@code tokenizers} library read them the
 * same way: whitespace and CJK are explicit code-point classes (no {@code \s}, no script names,
 * whose spelling and meaning differ between the engines), and the patterns are saved verbatim in
 * {@code tokenizer.json} as a {@code Split} pre-tokenizer.
 */
final class TextPatterns {
  private TextPatterns() {}

  /** Unicode White_Space, the set that Rust's {@code char::is_whitespace} also uses. */
  static final String WHITESPACE =
      "\\t-\\r \\x{85}\\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}";

  /**
   * Characters the word tokenizer splits one by one: Han (radicals, ideographs and their
   * extensions, compatibility ideographs, iteration marks), Hiragana, Katakana (with half-width
   * forms and the prolonged sound mark) and Hangul syllables.
   */
  static final String CJK = "\\x{2E80}-\\x{2FDF}\\x{3005}\\x{3007}\\x{3021}-\\x{3029}"
      + "\\x{3038}-\\x{303B}\\x{3041}-\\x{309F}\\x{30A0}-\\x{30FF}\\x{31F0}-\\x{31FF}"
      + "\\x{3400}-\\x{4DBF}\\x{4E00}-\\x{9FFF}\\x{AC00}-\\x{D7A3}\\x{F900}-\\x{FAFF}"
      + "\\x{FF66}-\\x{FF9F}\\x{20000}-\\x{2FA1F}\\x{30000}-\\x{323AF}";

  /**
   * A printf-style placeholder as gettext catalogs use them: {@code %%}, Python's named
   * {@code %(name)s}, and C's {@code %[pos$][flags][width][.precision][length]conversion} with
   * {@code *} widths ({@code %s %d %1$s %.*s %-10s %lu %5.2f %zu}). The space and apostrophe
   * flags are left out so that ordinary text such as {@code "50% de"} is not a placeholder.
   */
  static final String PLACEHOLDER = "%(?:%"
      + "|\\([A-Za-z_][A-Za-z0-9_]*\\)[-+#0]*[0-9]*(?:\\.[0-9]+)?[diouxXeEfFgGcrsa]"
      + "|(?:[1-9][0-9]*\\$)?[-+#0]*(?:[0-9]+|\\*(?:[1-9][0-9]*\\$)?)?"
      + "(?:\\.(?:[0-9]+|\\*(?:[1-9][0-9]*\\$)?))?(?:hh|h|ll|l|L|q|j|z|Z|t)?[diouxXeEfFgGaAcCsSpnm])";

  private static final String WORD_CHAR = "[\\p{L}\\p{M}\\p{N}_&&[^" + CJK + "]]";
  private static final String CLITIC = "(?:['\u2019](?i:s|re|ve|m|ll|d)|(?i:n)['\u2019](?i:t))";

  /**
   * The word tokenizer's pieces, tried in this order at each position (whitespace between them
   * is dropped): a placeholder; one CJK character; a number with inner separators
   * ({@code 1,000.50}); a word before an English clitic ({@code do|n't}, {@code it|'s},
   * {@code we|'ll}); the clitic itself; a word of letters, marks, digits and underscores with
   * inner hyphens and apostrophes ({@code well-known}, {@code O'Brien}); an ellipsis of two or
   * more periods; any other grapheme cluster (punctuation and symbols, one each; an emoji with
   * its modifiers and joiners stays whole).
   */
  static final String WORD = PLACEHOLDER
      + "|[" + CJK + "]"
      + "|\\p{Nd}+(?:[.,]\\p{Nd}+)+"
      + "|" + WORD_CHAR + "+(?:-" + WORD_CHAR + "+)*(?=" + CLITIC + "(?!" + WORD_CHAR + "))"
      + "|" + CLITIC + "(?!" + WORD_CHAR + ")"
      + "|" + WORD_CHAR + "+(?:['\u2019\\-]" + WORD_CHAR + "+)*"
      + "|\\.{2,}"
      + "|(?![" + WHITESPACE + "])\\X";

  /**
   * The byte-level BPE pre-tokenizer: GPT-2's pattern (Radford et al. 2019) with placeholders
   * kept whole; so that a run of punctuation cannot swallow the start of a placeholder
   * ({@code "(%.1f"}), {@code %} may only begin such a run. A piece carries the space before it
   * ({@code " world"}), so pieces concatenate back to the text exactly.
   */
  static final String BYTE_LEVEL = " ?" + PLACEHOLDER
      + "|'s|'t|'re|'ve|'m|'ll|'d"
      + "| ?\\p{L}+| ?\\p{N}+"
      + "| ?(?:%|[^" + WHITESPACE + "\\p{L}\\p{N}%])[^" + WHITESPACE + "\\p{L}\\p{N}%]*"
      + "|[" + WHITESPACE + "]+(?![^" + WHITESPACE + "])"
      + "|[" + WHITESPACE + "]+";

  /** One code point, any code point: the character tokenizer's pieces. */
  static final String CHAR = "[\\x{0}-\\x{10FFFF}]";

  static final Pattern WORD_PATTERN = Pattern.compile(WORD);
  static final Pattern BYTE_LEVEL_PATTERN = Pattern.compile(BYTE_LEVEL);
  static final Pattern WHITESPACE_PATTERN = Pattern.compile("[" + WHITESPACE + "]+");

  /** Whether a code point is one of {@link #CJK}. */
  static boolean isCjk(int cp) {
    return (cp >= 0x2E80 && cp <= 0x2FDF) || cp == 0x3005 || cp == 0x3007
        || (cp >= 0x3021 && cp <= 0x3029) || (cp >= 0x3038 && cp <= 0x303B)
        || (cp >= 0x3041 && cp <= 0x30FF) || (cp >= 0x31F0 && cp <= 0x31FF)
        || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF)
        || (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF)
        || (cp >= 0xFF66 && cp <= 0xFF9F) || (cp >= 0x20000 && cp <= 0x2FA1F)
        || (cp >= 0x30000 && cp <= 0x323AF);
  }

  /**
   * Whether a code point is written without spaces next to CJK text: {@link #isCjk} plus CJK
   * punctuation (U+3000–U+303F), vertical and small forms, and full-width forms.
   */
  static boolean isCjkLike(int cp) {
    return isCjk(cp) || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFE30 && cp <= 0xFE4F)
        || (cp >= 0xFF00 && cp <= 0xFFEF);
  }

  /**
   * Cuts {@code text} at the literal special tokens (leftmost first, the longest where two start
   * at the same place, as Hugging Face's added-token matcher does) and hands over the plain
   * segments between them and the specials, in order.
   */
  static void forEachSegment(String text, Consumer<String> plain, Consumer<String> special) {
    if (text.indexOf('<') < 0) {
      if (!text.isEmpty()) plain.accept(text);
      return;
    }
    int pos = 0;
    while (true) {
      int at = -1;
      String found = null;
      for (String s : Tokenizer.SPECIALS) {
        int i = text.indexOf(s, pos);
        if (i >= 0 && (at < 0 || i < at || (i == at && s.length() > found.length()))) {
          at = i;
          found = s;
        }
      }
      int end = at < 0 ? text.length() : at;
      if (end > pos) plain.accept(text.substring(pos, end));
      if (found == null) return;
      special.accept(found);
      pos = at + found.length();
    }
  }
}
