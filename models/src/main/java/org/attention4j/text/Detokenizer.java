package org.attention4j.text;

import java.util.List;
import java.util.Set;

/**
 * Joins word tokens back into text with natural spacing, in the spirit of the Moses detokenizer
 * (Koehn et al. 2007): tokens are separated by one space, except
 *
 * <ul>
 *   <li>no space before closing punctuation {@code . , ; : ! ? ) ] } % …}, an ellipsis, closing
 *       quotes and guillemets, and English clitics ({@code n't 's 're 've 'm 'll 'd});</li>
 *   <li>no space after opening brackets, {@code ¿ ¡}, opening quotes and guillemets, {@code $ £};</li>
 *   <li>straight quotes {@code "} alternate: the first of a pair opens, the second closes; a lone
 *       {@code '} after a word ending in {@code s} with no quote open is a possessive
 *       ({@code the boys' toys}), otherwise it pairs like {@code "};</li>
 *   <li>no space between two CJK characters or CJK punctuation marks, none between CJK and any
 *       punctuation mark ({@code 他说：“明天见！”然后}), none before CJK closing or after CJK
 *       opening punctuation ({@code 。，、！？）」》} and {@code （「《}); a CJK character and a
 *       Latin word or number keep their space ({@code 使用 git 命令}).</li>
 * </ul>
 */
final class Detokenizer {
  private Detokenizer() {}

  private static final Set<String> CLOSE = Set.of(".", ",", ";", ":", "!", "?", ")", "]", "}",
      "%", "%%", "\u2026", "\u00bb", "\u201d", "\u2019", "\u203a", "\u3002", "\uff0c", "\u3001",
      "\uff01", "\uff1f", "\uff1b", "\uff1a", "\uff09", "\u300d", "\u300f", "\u3011", "\u3009",
      "\u300b");
  private static final Set<String> OPEN = Set.of("(", "[", "{", "\u00bf", "\u00a1", "\u00ab",
      "\u201c", "\u2018", "\u2039", "$", "\u00a3", "\uff08", "\u300c", "\u300e", "\u3010",
      "\u3008", "\u300a");
  private static final Set<String> CLITICS = Set.of("n't", "'s", "'re", "'ve", "'m", "'ll", "'d");

  static String detokenize(List<String> tokens) {
    StringBuilder sb = new StringBuilder();
    boolean glueNext = true;
    int doubleQuotes = 0, singleQuotes = 0;
    String prev = null;
    for (String tok : tokens) {
      if (tok.isEmpty()) continue;
      boolean glueLeft = false, glueRight = false;
      if (tok.equals("\"")) {
        if (doubleQuotes % 2 == 0) glueRight = true;
        else glueLeft = true;
        doubleQuotes++;
      } else if (tok.equals("'")) {
        if (singleQuotes % 2 == 0 && prev != null && (prev.endsWith("s") || prev.endsWith("S"))) {
          glueLeft = true;
        } else {
          if (singleQuotes % 2 == 0) glueRight = true;
          else glueLeft = true;
          singleQuotes++;
        }
      } else if (CLOSE.contains(tok) || isEllipsis(tok) || isClitic(tok)) {
        glueLeft = true;
      } else if (OPEN.contains(tok)) {
        glueRight = true;
      }
      if (prev != null) {
        int last = prev.codePointBefore(prev.length()), first = tok.codePointAt(0);
        boolean cjkLast = TextPatterns.isCjkLike(last), cjkFirst = TextPatterns.isCjkLike(first);
        if ((cjkLast && (cjkFirst || isPunctuation(first))) || (cjkFirst && isPunctuation(last))) {
          glueLeft = true;
        }
      }
      if (!sb.isEmpty() && !glueLeft && !glueNext) sb.append(' ');
      sb.append(tok);
      glueNext = glueRight;
      prev = tok;
    }
    return sb.toString();
  }

  private static boolean isPunctuation(int cp) {
    return switch (Character.getType(cp)) {
      case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
          Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
          Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION -> true;
      default -> false;
    };
  }

  private static boolean isEllipsis(String tok) {
    return tok.length() >= 2 && tok.chars().allMatch(c -> c == '.');
  }

  private static boolean isClitic(String tok) {
    return CLITICS.contains(tok.replace('\u2019', '\'').toLowerCase(java.util.Locale.ROOT));
  }
}
