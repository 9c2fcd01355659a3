package org.attention4j.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * The few Python string operations that sacreBLEU's results depend on, reproduced exactly:
 * {@code str.split()} with no argument, {@code str.strip()} and {@code str.rstrip()} use Python's
 * notion of whitespace ({@code str.isspace}), which differs from Java's {@link
 * Character#isWhitespace} (it includes U+00A0, U+2007, U+202F and the separators U+001C–U+001F).
 */
final class PythonText {
  private PythonText() {}

  /** Python's {@code str.isspace} for one code point. */
  static boolean isSpace(int cp) {
    return (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x20) || cp == 0x85 || cp == 0xA0
        || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029
        || cp == 0x202F || cp == 0x205F || cp == 0x3000;
  }

  /** Python's {@code s.split()}: the runs of non-space characters. */
  static List<String> split(String s) {
    List<String> out = new ArrayList<>();
    int start = -1;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      if (isSpace(cp)) {
        if (start >= 0) out.add(s.substring(start, i));
        start = -1;
      } else if (start < 0) {
        start = i;
      }
      i += Character.charCount(cp);
    }
    if (start >= 0) out.add(s.substring(start));
    return out;
  }

  /** Python's {@code s.rstrip()}. */
  static String rstrip(String s) {
    int end = s.length();
    while (end > 0) {
      int cp = s.codePointBefore(end);
      if (!isSpace(cp)) break;
      end -= Character.charCount(cp);
    }
    return s.substring(0, end);
  }

  /** Python's {@code s.strip()}. */
  static String strip(String s) {
    String r = rstrip(s);
    int start = 0;
    while (start < r.length()) {
      int cp = r.codePointAt(start);
      if (!isSpace(cp)) break;
      start += Character.charCount(cp);
    }
    return r.substring(start);
  }

  /** Python's {@code f"{x:.{digits}f}"}: the exact binary value rounded half to even. */
  static String fixed(double x, int digits) {
    if (Double.isNaN(x) || Double.isInfinite(x)) return Double.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
    String s = new java.math.BigDecimal(x).setScale(digits, java.math.RoundingMode.HALF_EVEN)
        .toPlainString();
    return (x < 0 || (x == 0 && 1 / x < 0)) && !s.startsWith("-") ? "-" + s : s;
  }
}
