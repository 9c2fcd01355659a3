package org.attention4j.viz;

import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.awt.font.FontRenderContext;
import java.awt.font.TextAttribute;
import java.awt.font.TextLayout;
import java.text.AttributedString;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Fonts for token labels in any script: CJK, accented Latin, Greek, Cyrillic, and right-to-left
 * Arabic and Hebrew drawn as glyphs, never as boxes ("tofu").
 *
 * <p>Each label is split into runs and every run gets the first family of {@link #FAMILIES} that
 * is installed and has glyphs for it ({@link Font#canDisplayUpTo}); a {@link TextLayout} over the
 * runs then applies the Unicode bidirectional algorithm (Arabic and Hebrew run right to left) and
 * the JDK's OpenType shaping (Arabic letters join). SVG output names the same families in its
 * {@code font-family} list ({@link #cssFamilies}). {@code scripts/viz/install-fonts.sh} installs
 * the Debian packages that provide them.
 *
 * <p>Using AWT fonts needs no display: this class sets {@code java.awt.headless=true} unless the
 * property is already set.
 */
public final class LabelFonts {
  /** Families tried in order. Noto first (widest coverage, one look across scripts), then
   * DejaVu Sans, WenQuanYi and Droid as fallbacks. */
  public static final List<String> FAMILIES = List.of(
      "Noto Sans",
      "Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans CJK TC", "Noto Sans CJK KR",
      "Noto Sans Arabic", "Noto Sans Hebrew", "Noto Sans Devanagari", "Noto Sans Thai",
      "DejaVu Sans", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "Droid Sans Fallback", "Noto Sans Symbols",
      "Noto Sans Symbols2");

  private static final List<Font> INSTALLED = installed();

  private LabelFonts() {}

  /** Sets {@code java.awt.headless=true} unless the property is set already. */
  static void headless() {
    if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
  }

  private static List<Font> installed() {
    headless();
    Set<String> have = new HashSet<>();
    for (String f : GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames()) {
      have.add(f);
    }
    List<Font> out = new ArrayList<>();
    for (String family : FAMILIES) {
      if (have.contains(family)) out.add(new Font(family, Font.PLAIN, 12));
    }
    if (out.isEmpty()) out.add(new Font(Font.SANS_SERIF, Font.PLAIN, 12)); // the JDK's logical font
    return List.copyOf(out);
  }

  /** The families of {@link #FAMILIES} that are installed here, in order. */
  public static List<String> installedFamilies() {
    return INSTALLED.stream().map(Font::getFamily).toList();
  }

  /** A CSS/SVG {@code font-family} value: every family of {@link #FAMILIES}, then sans-serif. */
  public static String cssFamilies() {
    return FAMILIES.stream().map(f -> "'" + f + "'").collect(Collectors.joining(", ")) + ", sans-serif";
  }

  /**
   * The first installed family that displays all of {@code text}, or null when none does (the
   * label then mixes fonts run by run; see {@link #canDisplay}).
   */
  public static Font fontFor(String text, float size) {
    for (Font f : INSTALLED) {
      if (f.canDisplayUpTo(text) == -1) return f.deriveFont(size);
    }
    return null;
  }

  /** True when every character of {@code text} has a glyph in some installed family. */
  public static boolean canDisplay(String text) {
    return text.codePoints().allMatch(cp -> isNeutral(cp) || fontIndexFor(cp, -1) >= 0);
  }

  /**
   * A laid-out label: runs of {@code text} in fonts that have their glyphs, bidi-reordered and
   * shaped. An empty string lays out as one space.
   */
  public static TextLayout layout(String text, float size, boolean bold, FontRenderContext frc) {
    String s = text.isEmpty() ? " " : text;
    AttributedString as = new AttributedString(s);
    int style = bold ? Font.BOLD : Font.PLAIN;
    int runStart = 0, runFont = -1;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      int f = isNeutral(cp) && runFont >= 0 ? runFont : fontIndexFor(cp, runFont);
      if (f < 0) f = runFont >= 0 ? runFont : 0; // no font has it: keep the run's font (draws a box)
      if (runFont >= 0 && f != runFont) {
        as.addAttribute(TextAttribute.FONT, INSTALLED.get(runFont).deriveFont(style, size), runStart, i);
        runStart = i;
      }
      runFont = f;
      i += Character.charCount(cp);
    }
    as.addAttribute(TextAttribute.FONT, INSTALLED.get(Math.max(runFont, 0)).deriveFont(style, size), runStart, s.length());
    return new TextLayout(as.getIterator(), frc);
  }

  private static final FontRenderContext FRC = new FontRenderContext(null, true, true);

  /** The antialiased, fractional-metrics context that measuring and drawing share. */
  static FontRenderContext renderContext() {
    return FRC;
  }

  /** The advance (width) of a label laid out by {@link #layout}. */
  static double advance(String text, float size, boolean bold) {
    return layout(text, size, bold, FRC).getAdvance();
  }

  /** Index into INSTALLED of the first font with a glyph for {@code cp}, preferring {@code current}. */
  private static int fontIndexFor(int cp, int current) {
    if (current >= 0 && INSTALLED.get(current).canDisplay(cp)) return current;
    for (int i = 0; i < INSTALLED.size(); i++) {
      if (INSTALLED.get(i).canDisplay(cp)) return i;
    }
    return -1;
  }

  /** Spaces, joiners and combining marks stay in the font of the text around them. */
  private static boolean isNeutral(int cp) {
    int t = Character.getType(cp);
    return Character.isWhitespace(cp) || t == Character.NON_SPACING_MARK || t == Character.ENCLOSING_MARK
        || t == Character.COMBINING_SPACING_MARK || t == Character.FORMAT;
  }
}
