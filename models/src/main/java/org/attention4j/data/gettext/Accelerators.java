package org.attention4j.data.gettext;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes keyboard accelerators (mnemonics) from a message and its translation: {@code _File}
 * and {@code E_xit} (GTK), {@code &Open} (Qt, KDE), and the parenthesised form that Chinese
 * and Japanese translations append, {@code 文件(_F)}, {@code 開く(&O)...}.
 *
 * <p>The same characters are everywhere in command-line messages ({@code pg_control}, {@code
 * GIT_DIR}, {@code a && b}), so markers are judged on the <em>pair</em>, and only when the two
 * sides agree:
 * <ol>
 *   <li>a {@code (_X)} or {@code (&X)} in the translation (X an ASCII letter or digit) is an
 *       accelerator: it is removed (with a space before it), and so is the source's marker,
 *       if it has exactly one;</li>
 *   <li>otherwise both sides must have exactly one marker of the same kind, the source must
 *       be a label of at most {@value #MAX_LABEL_TOKENS} words, and each marker must be
 *       credible: a {@code _} or {@code &} followed by a letter or digit that either starts a
 *       word ({@code _Name}, {@code &Open}) or sits inside a capitalised word ({@code
 *       Or_ientation}, {@code Fo_lder}) — never inside a lower-case run such as {@code
 *       new_owner} (a syntax placeholder, whose translation {@code nom_objet} is translated,
 *       not a mnemonic) or between two capitals ({@code LC_ALL}); and the identifier run
 *       around it (letters, digits, {@code _}) must not occur unchanged on the other side
 *       ({@code krb5_recvauth} copied into the translation). An {@code &} must also not begin
 *       an entity such as {@code &amp;}; doubled markers ({@code __}, {@code &&}) are literal.
 *       Mid-word mnemonics in lower-case words ({@code t_ilt}) are therefore left alone.</li>
 * </ol>
 * Printf placeholders are never touched: {@code %s_%d} has no letter after the {@code _}.
 */
public final class Accelerators {

  /** Sources with more words than this are not labels (rule 2). */
  public static final int MAX_LABEL_TOKENS = 5;

  private static final Pattern PARENTHESISED = Pattern.compile(" ?[(（][_&][A-Za-z0-9][)）]");
  private static final Pattern ENTITY = Pattern.compile("&#?[A-Za-z0-9]+;");

  /** A message and its translation after stripping. */
  public record Pair(String source, String target) {}

  private Accelerators() {}

  /** The pair without accelerator markers, or the pair as it was (see the class comment). */
  public static Pair strip(String source, String target) {
    Matcher m = PARENTHESISED.matcher(target);
    if (m.find()) {
      String t = m.replaceAll("");
      int s = marker(source, '_');
      char kind = '_';
      if (s < 0) {
        s = marker(source, '&');
        kind = '&';
      }
      return new Pair(s < 0 ? source : remove(source, s, kind), t);
    }
    if (source.strip().split("\\s+").length > MAX_LABEL_TOKENS) {
      return new Pair(source, target);
    }
    for (char kind : new char[] {'_', '&'}) {
      int s = marker(source, kind);
      int t = marker(target, kind);
      if (s >= 0 && t >= 0 && credible(source, s, target) && credible(target, t, source)) {
        return new Pair(remove(source, s, kind), remove(target, t, kind));
      }
    }
    return new Pair(source, target);
  }

  /** Rule 2's test of the marker at {@code i} of {@code text}, given the other side. */
  private static boolean credible(String text, int i, String other) {
    int from = i;
    while (from > 0 && isIdentifierChar(text.charAt(from - 1))) {
      from--;
    }
    int to = i + 1;
    while (to < text.length() && isIdentifierChar(text.charAt(to))) {
      to++;
    }
    String run = text.substring(from, to);
    if (other.contains(run)) {
      return false;
    }
    return from == i || !run.equals(run.toLowerCase(java.util.Locale.ROOT));
  }

  private static boolean isIdentifierChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  /** The text without the marker at {@code i}. */
  private static String remove(String text, int i, char kind) {
    return text.substring(0, i) + text.substring(i + 1);
  }

  /** The index of the only marker of this kind in {@code text}; -1 if none, several or unsure. */
  private static int marker(String text, char kind) {
    if (kind == '&' && ENTITY.matcher(text).find()) {
      return -1;
    }
    int found = -1;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) != kind) {
        continue;
      }
      if (i + 1 < text.length() && text.charAt(i + 1) == kind) {
        i++; // a doubled marker is a literal character
        continue;
      }
      if (i + 1 >= text.length() || !Character.isLetterOrDigit(text.codePointAt(i + 1))) {
        continue;
      }
      boolean identifier = kind == '_' && i > 0 && isUpper(text.charAt(i - 1))
          && isUpper(text.charAt(i + 1)); // LC_ALL
      boolean midWord = kind == '&' && i > 0 && !Character.isWhitespace(text.charAt(i - 1));
      if (found >= 0 || identifier || midWord) {
        return -1;
      }
      found = i;
    }
    return found;
  }

  private static boolean isUpper(char c) {
    return c >= 'A' && c <= 'Z';
  }
}
