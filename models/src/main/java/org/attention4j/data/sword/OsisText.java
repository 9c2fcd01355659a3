package org.attention4j.data.sword;

import java.text.Normalizer;
import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OSIS verse markup as the SWORD modules store it, turned into plain text, and the
 * Strong's numbers of its words.
 *
 * <p>Rules of {@link #toPlainText}:
 * <ul>
 *   <li>{@code <note>...</note>} is dropped with its content (footnotes,
 *       cross-references);</li>
 *   <li>{@code <title>...</title>} headings are dropped with their content, except two
 *       kinds that are part of the text and that translations such as the RV1909 print
 *       inside the verse: titles marked {@code canonical="true"} (the Psalm
 *       superscriptions, "A Psalm of David.") and titles after a chapter's end milestone
 *       {@code <chapter eID="..."/>} (the subscriptions of the epistles, "Written to the
 *       Romans from Corinthus, ...", which SWORD stores with the book's last verse);</li>
 *   <li>the text of {@code <w>}, {@code <transChange>}, {@code <divineName>},
 *       {@code <foreign>}, {@code <q>}, {@code <hi>}, {@code <seg>} and any other
 *       element is kept, the tags dropped ({@code <q marker="...">} supplies no
 *       punctuation: the modules say {@code OSISqToTick=false});</li>
 *   <li>a {@code <transChange>} start or end tag between two letters becomes a space:
 *       added words are whole words, and the RV1909 module writes ~580 of them without
 *       the spaces ({@code allí</w><transChange>también</transChange><w>bdelio});</li>
 *   <li>milestones and block elements ({@code <div/>}, {@code <chapter/>},
 *       {@code <l/>}, {@code <lg/>}, {@code <milestone/>}, {@code <p>}, {@code <verse/>})
 *       and {@code <lb/>} become a space;</li>
 *   <li>entities ({@code &amp;}, {@code &#8217;}, ...) are decoded;</li>
 *   <li>two known artifacts of the Debian modules are removed: the pilcrow {@code ¶}
 *       that marks a paragraph start in the KJV, and stray USFM character markers such
 *       as {@code \nd} and {@code \+nd*} that the KJV's converter left in 27 verses (and
 *       more footnotes), where a footnote's divine name spilled into the next verse;</li>
 *   <li>whitespace runs become one space, the ends are trimmed, and the result is in
 *       Unicode NFC.</li>
 * </ul>
 * Punctuation is kept as it is.
 */
public final class OsisText {

  private static final Set<String> BLOCK_ELEMENTS = Set.of(
      "div", "chapter", "l", "lg", "lb", "p", "verse", "milestone", "list", "item", "table",
      "row", "cell", "head", "title", "br");
  private static final Pattern USFM_MARKER = Pattern.compile("\\\\\\+?[A-Za-z]+[0-9]*\\*?");
  /** Marks a word boundary that becomes a space only between two letters or digits. */
  private static final char SOFT_SPACE = '\uE000';
  private static final Pattern STRONGS = Pattern.compile("([HGhg])0*([0-9]+)([A-Za-z]?)");

  private OsisText() {}

  /**
   * OSIS markup to plain text by the rules in the class comment.
   *
   * @throws IllegalArgumentException if a tag is not closed with {@code >}
   */
  public static String toPlainText(String osis) {
    StringBuilder text = new StringBuilder(osis.length());
    walk(osis, text, null);
    String s = resolveSoftSpaces(text);
    s = USFM_MARKER.matcher(s).replaceAll(" ");
    s = s.replace('\u00B6', ' ');
    return Normalizer.normalize(collapseWhitespace(s), Normalizer.Form.NFC);
  }

  /**
   * The Strong's numbers in the {@code lemma} attributes of the verse's words, outside
   * notes, normalised to a letter and a number without leading zeros
   * ({@code strong:H0430} → {@code H430}), sorted.
   *
   * @throws IllegalArgumentException if a tag is not closed with {@code >}
   */
  public static SortedSet<String> strongsNumbers(String osis) {
    SortedSet<String> out = new TreeSet<>();
    walk(osis, null, out);
    return Collections.unmodifiableSortedSet(out);
  }

  /** One pass over the markup; appends text to {@code text} and lemmas to {@code lemmas}. */
  private static void walk(String osis, StringBuilder text, Set<String> lemmas) {
    String dropping = null; // name of the element whose content is being dropped
    int dropDepth = 0;
    boolean afterChapterEnd = false; // a <chapter eID/> was seen: titles are subscriptions
    int i = 0;
    int n = osis.length();
    while (i < n) {
      char c = osis.charAt(i);
      if (c != '<') {
        int next = osis.indexOf('<', i);
        int end = next < 0 ? n : next;
        if (dropping == null && text != null) {
          appendDecoded(osis, i, end, text);
        }
        i = end;
        continue;
      }
      int close = osis.indexOf('>', i);
      if (close < 0) {
        throw new IllegalArgumentException("OsisText: tag at offset " + i + " is not closed: '"
            + osis.substring(i, Math.min(n, i + 40)) + "'");
      }
      String body = osis.substring(i + 1, close);
      i = close + 1;
      if (body.startsWith("!") || body.startsWith("?")) {
        continue; // comment, doctype, processing instruction
      }
      boolean end = body.startsWith("/");
      boolean selfClosing = !end && body.endsWith("/");
      String inner = end ? body.substring(1) : selfClosing ? body.substring(0, body.length() - 1)
          : body;
      int nameEnd = 0;
      while (nameEnd < inner.length() && !Character.isWhitespace(inner.charAt(nameEnd))) {
        nameEnd++;
      }
      String name = inner.substring(0, nameEnd);
      String attributes = inner.substring(nameEnd);

      if (dropping != null) {
        if (name.equals(dropping) && !selfClosing) {
          dropDepth += end ? -1 : 1;
          if (dropDepth == 0) {
            dropping = null;
          }
        }
        continue;
      }
      if (name.equals("chapter") && selfClosing && attribute(attributes, "eID") != null) {
        afterChapterEnd = true;
      }
      if (!end && !selfClosing && (name.equals("note") || name.equals("title")
          && !afterChapterEnd && !"true".equals(attribute(attributes, "canonical")))) {
        dropping = name;
        dropDepth = 1;
        space(text);
        continue;
      }
      if (lemmas != null && !end && name.equals("w")) {
        String lemma = attribute(attributes, "lemma");
        if (lemma != null) {
          addStrongs(lemma, lemmas);
        }
      }
      if (BLOCK_ELEMENTS.contains(name)) {
        space(text);
      } else if (name.equals("transChange") && text != null) {
        text.append(SOFT_SPACE);
      }
    }
  }

  /** Soft spaces between two letters or digits become spaces; the others vanish. */
  private static String resolveSoftSpaces(CharSequence text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != SOFT_SPACE) {
        out.append(c);
        continue;
      }
      int next = i + 1;
      while (next < text.length() && text.charAt(next) == SOFT_SPACE) {
        next++;
      }
      if (out.length() > 0 && next < text.length()
          && Character.isLetterOrDigit(out.charAt(out.length() - 1))
          && Character.isLetterOrDigit(text.charAt(next))) {
        out.append(' ');
      }
      i = next - 1;
    }
    return out.toString();
  }

  private static void space(StringBuilder text) {
    if (text != null) {
      text.append(' ');
    }
  }

  /** The value of an attribute in a tag's attribute text, or null (a hand-written scan: hot). */
  static String attribute(String attributes, String name) {
    int i = 0;
    int n = attributes.length();
    while (i < n) {
      while (i < n && Character.isWhitespace(attributes.charAt(i))) {
        i++;
      }
      int nameStart = i;
      while (i < n && attributes.charAt(i) != '=' && !Character.isWhitespace(attributes.charAt(i))) {
        i++;
      }
      String attr = attributes.substring(nameStart, i);
      while (i < n && Character.isWhitespace(attributes.charAt(i))) {
        i++;
      }
      if (i >= n || attributes.charAt(i) != '=') {
        if (i == nameStart) {
          i++; // stray character
        }
        continue; // attribute without a value
      }
      i++;
      while (i < n && Character.isWhitespace(attributes.charAt(i))) {
        i++;
      }
      if (i >= n) {
        return null;
      }
      char quote = attributes.charAt(i);
      int valueStart;
      int valueEnd;
      if (quote == '"' || quote == '\'') {
        valueStart = i + 1;
        valueEnd = attributes.indexOf(quote, valueStart);
        if (valueEnd < 0) {
          return null; // unterminated value
        }
        i = valueEnd + 1;
      } else {
        valueStart = i;
        while (i < n && !Character.isWhitespace(attributes.charAt(i))) {
          i++;
        }
        valueEnd = i;
      }
      if (attr.equals(name)) {
        return attributes.substring(valueStart, valueEnd);
      }
    }
    return null;
  }

  private static void addStrongs(String lemmaAttribute, Set<String> out) {
    for (String token : lemmaAttribute.trim().split("\\s+")) {
      if (!token.startsWith("strong:")) {
        continue;
      }
      Matcher m = STRONGS.matcher(token.substring("strong:".length()));
      if (m.matches()) {
        out.add(Character.toUpperCase(m.group(1).charAt(0)) + m.group(2) + m.group(3));
      }
    }
  }

  /** Appends {@code s[from, to)} with XML entities decoded; unknown entities stay as they are. */
  private static void appendDecoded(String s, int from, int to, StringBuilder out) {
    int i = from;
    while (i < to) {
      char c = s.charAt(i);
      if (c == '&') {
        int semi = s.indexOf(';', i);
        if (semi > i + 1 && semi < to && semi - i <= 10) {
          String entity = s.substring(i + 1, semi);
          int cp = entityCodePoint(entity);
          if (cp >= 0) {
            out.appendCodePoint(cp);
            i = semi + 1;
            continue;
          }
        }
      }
      out.append(c);
      i++;
    }
  }

  private static int entityCodePoint(String entity) {
    switch (entity) {
      case "amp": return '&';
      case "lt": return '<';
      case "gt": return '>';
      case "quot": return '"';
      case "apos": return '\'';
      case "nbsp": return 0xA0;
      default: break;
    }
    try {
      int cp = -1;
      if (entity.startsWith("#x") || entity.startsWith("#X")) {
        cp = Integer.parseInt(entity.substring(2), 16);
      } else if (entity.startsWith("#")) {
        cp = Integer.parseInt(entity.substring(1));
      }
      return Character.isValidCodePoint(cp) ? cp : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Whitespace runs (including no-break and zero-width spaces) to one space; trims. */
  static String collapseWhitespace(String s) {
    StringBuilder out = new StringBuilder(s.length());
    boolean pendingSpace = false;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x200B
          || cp == 0xFEFF) {
        pendingSpace = true;
        continue;
      }
      if (pendingSpace && out.length() > 0) {
        out.append(' ');
      }
      pendingSpace = false;
      out.appendCodePoint(cp);
    }
    return out.toString();
  }
}
