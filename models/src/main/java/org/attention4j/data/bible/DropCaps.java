package org.attention4j.data.bible;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.attention4j.data.sword.VerseRef;

/**
 * Undoes the drop-capital typography of a printed Bible that a module carried over: the
 * RV1909 module starts every chapter with its first word (or two) in capitals —
 * "EN el principio crió Dios", "Y DESPUÉS movió el pueblo", "Salmo de David. JEHOVÁ es
 * mi pastor" — which a translation model would otherwise learn as a pattern of
 * chapter-initial verses.
 *
 * <p>A <em>drop-cap run</em> is the first run of whitespace-separated all-capital words
 * in a verse (single-letter words like "Y" only together with a longer one; only the
 * run's last word may carry trailing punctuation) that is directly followed by a word
 * with a lower-case letter. A module is treated as drop-capped only if such a run
 * appears in at least half of its chapter-first verses and in at most 5% of its other
 * verses (the KJV, whose "LORD" is in capitals everywhere, is left alone). Then in each
 * chapter-first verse the run's words take their most frequent spelling among the
 * module's mid-sentence words ("JEHOVÁ" → "Jehová", "DESPUÉS" → "después"; lower case if
 * the word never occurs elsewhere), and the run's first word is capitalised when it
 * starts a sentence.
 */
final class DropCaps {

  private DropCaps() {}

  /**
   * Fixes drop-cap runs in the chapter-first verses of one module's texts, in place.
   *
   * @param refs verses in canonical order
   * @param texts plain texts, parallel to {@code refs}; {@code ""} for empty verses
   * @return the number of verses changed (0 if the module is not drop-capped)
   */
  static int apply(List<VerseRef> refs, String[] texts) {
    int firstVerses = 0;
    int firstWithRun = 0;
    int others = 0;
    int othersWithRun = 0;
    for (int i = 0; i < texts.length; i++) {
      if (texts[i].isEmpty()) {
        continue;
      }
      boolean run = findRun(texts[i].split(" ")) != null;
      if (refs.get(i).verse() == 1) {
        firstVerses++;
        firstWithRun += run ? 1 : 0;
      } else {
        others++;
        othersWithRun += run ? 1 : 0;
      }
    }
    if (firstVerses == 0 || 2 * firstWithRun < firstVerses || 20 * othersWithRun > others) {
      return 0;
    }
    Map<String, String> spelling = preferredSpellings(texts);
    int changed = 0;
    for (int i = 0; i < texts.length; i++) {
      if (refs.get(i).verse() != 1 || texts[i].isEmpty()) {
        continue;
      }
      String[] tokens = texts[i].split(" ");
      int[] run = findRun(tokens);
      if (run == null) {
        continue;
      }
      for (int k = run[0]; k <= run[1]; k++) {
        String core = core(tokens[k]);
        String key = core.toLowerCase(Locale.ROOT);
        String word = spelling.getOrDefault(key, key);
        if (k == run[0] && (k == 0 || endsSentence(tokens[k - 1]))) {
          word = capitalise(word);
        }
        int start = tokens[k].indexOf(core);
        tokens[k] = tokens[k].substring(0, start) + word
            + tokens[k].substring(start + core.length());
      }
      texts[i] = String.join(" ", tokens);
      changed++;
    }
    return changed;
  }

  /** {@code [first, last]} token indices of the first drop-cap run, or null. */
  static int[] findRun(String[] tokens) {
    int k = 0;
    while (k < tokens.length) {
      if (!isCaps(tokens[k])) {
        k++;
        continue;
      }
      int start = k;
      int end = k;
      boolean longWord = letters(core(tokens[k])) >= 2;
      while (!hasTrailingPunctuation(tokens[end]) && end + 1 < tokens.length
          && isCaps(tokens[end + 1])) {
        end++;
        longWord |= letters(core(tokens[end])) >= 2;
      }
      if (longWord && end + 1 < tokens.length && hasLowerCase(tokens[end + 1])) {
        return new int[] {start, end};
      }
      k = end + 1;
    }
    return null;
  }

  /** Most frequent non-capitals spelling of each word away from sentence starts. */
  private static Map<String, String> preferredSpellings(String[] texts) {
    Map<String, Map<String, Integer>> counts = new HashMap<>();
    for (String text : texts) {
      if (text.isEmpty()) {
        continue;
      }
      String[] tokens = text.split(" ");
      for (int k = 1; k < tokens.length; k++) {
        String core = core(tokens[k]);
        if (core.isEmpty() || !hasLowerCase(core) || endsSentence(tokens[k - 1])
            || core.length() != tokens[k].length() && startsWithPunctuation(tokens[k])) {
          continue;
        }
        counts.computeIfAbsent(core.toLowerCase(Locale.ROOT), x -> new HashMap<>())
            .merge(core, 1, Integer::sum);
      }
    }
    Map<String, String> best = new HashMap<>();
    counts.forEach((key, forms) -> {
      String pick = null;
      int pickCount = -1;
      for (Map.Entry<String, Integer> e : forms.entrySet()) {
        if (e.getValue() > pickCount || e.getValue() == pickCount && e.getKey().compareTo(pick) < 0) {
          pick = e.getKey();
          pickCount = e.getValue();
        }
      }
      best.put(key, pick);
    });
    return best;
  }

  /** The token without leading and trailing non-letters: {@code "¡OH,"} → {@code "OH"}. */
  static String core(String token) {
    int a = 0;
    int b = token.length();
    while (a < b && !Character.isLetter(token.charAt(a))) {
      a++;
    }
    while (b > a && !Character.isLetter(token.charAt(b - 1))) {
      b--;
    }
    return token.substring(a, b);
  }

  /** Whether the token has an upper-case letter and no lower-case one. */
  private static boolean isCaps(String token) {
    boolean upper = false;
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (Character.isLowerCase(c)) {
        return false;
      }
      upper |= Character.isUpperCase(c);
    }
    return upper;
  }

  private static boolean hasLowerCase(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isLowerCase(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static int letters(String s) {
    return (int) s.chars().filter(Character::isLetter).count();
  }

  private static boolean hasTrailingPunctuation(String token) {
    return !token.isEmpty() && !Character.isLetter(token.charAt(token.length() - 1));
  }

  private static boolean startsWithPunctuation(String token) {
    return !token.isEmpty() && !Character.isLetter(token.charAt(0));
  }

  private static boolean endsSentence(String token) {
    if (token.isEmpty()) {
      return false;
    }
    char c = token.charAt(token.length() - 1);
    return c == '.' || c == '!' || c == '?' || c == ':';
  }

  private static String capitalise(String word) {
    if (word.isEmpty()) {
      return word;
    }
    int cp = word.codePointAt(0);
    return new StringBuilder().appendCodePoint(Character.toTitleCase(cp))
        .append(word.substring(Character.charCount(cp))).toString();
  }
}
