package org.attention4j.data.corpus;

import java.text.Normalizer;

/**
 * The text rules that every importer applies before a pair enters a corpus.
 *
 * <ul>
 *   <li>{@link #normalize}: Unicode NFC, then every run of whitespace ({@link
 *       Character#isWhitespace}: space, tab, CR, LF, form feed, the Unicode space and line
 *       separators) becomes one ASCII space, and the ends are trimmed. No-break spaces (U+00A0,
 *       U+2007, U+202F) are <em>not</em> whitespace for this rule and stay as they are: French
 *       typography puts them before {@code :} and {@code ?}, and they never split a line.
 *       Nothing else changes: quotes, dashes, printf placeholders ({@code %s}, {@code %1$s},
 *       {@code %.*s}, {@code %lu}, {@code %%}) and backslashes are kept byte for byte.</li>
 *   <li>{@link #tokens}: a script-aware length in tokens, for the length limits: each Han,
 *       Hiragana or Katakana character counts as one token (Chinese and Japanese do not
 *       separate words with spaces), and every other maximal run of
 *       non-space characters counts as one token. So {@code "Open the file"} is 3 tokens and
 *       {@code "打开文件"} is 4.</li>
 * </ul>
 */
public final class TextCleaning {

  private TextCleaning() {}

  /** NFC, whitespace runs to one space, trimmed (see the class comment). */
  public static String normalize(String s) {
    String nfc = Normalizer.normalize(s, Normalizer.Form.NFC);
    StringBuilder out = new StringBuilder(nfc.length());
    boolean pendingSpace = false;
    for (int i = 0; i < nfc.length(); ) {
      int cp = nfc.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isWhitespace(cp)) {
        pendingSpace = !out.isEmpty();
        continue;
      }
      if (pendingSpace) {
        out.append(' ');
        pendingSpace = false;
      }
      out.appendCodePoint(cp);
    }
    return out.toString();
  }

  /** The length of {@code s} in tokens (see the class comment). */
  public static int tokens(String s) {
    int n = 0;
    boolean inRun = false;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isWhitespace(cp)) {
        inRun = false;
      } else if (isCharToken(cp)) {
        n++;
        inRun = false;
      } else if (!inRun) {
        n++;
        inRun = true;
      }
    }
    return n;
  }

  /** The length of {@code s} in Unicode code points. */
  public static int chars(String s) {
    return s.codePointCount(0, s.length());
  }

  /**
   * The first control character (Unicode category Cc, e.g. NUL, U+0004) or unpaired surrogate
   * in {@code s}, as {@code U+0004}; {@code null} when there is none. Run after
   * {@link #normalize}, which has already turned tabs and line breaks into spaces.
   */
  public static String firstControl(String s) {
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      boolean unpaired = cp <= 0xFFFF && Character.isSurrogate((char) cp);
      if (unpaired || Character.getType(cp) == Character.CONTROL) {
        return String.format("U+%04X", cp);
      }
    }
    return null;
  }

  private static boolean isCharToken(int cp) {
    Character.UnicodeScript script = Character.UnicodeScript.of(cp);
    return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
        || script == Character.UnicodeScript.KATAKANA;
  }
}
