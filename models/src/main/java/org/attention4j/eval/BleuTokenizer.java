package org.attention4j.eval;

import java.util.regex.Pattern;

/**
 * The tokenizations that BLEU applies to hypotheses and references before counting n-grams, as
 * sacreBLEU 2.x does them (Post 2018, "A Call for Clarity in Reporting BLEU Scores"). Each returns
 * the tokens joined by single spaces.
 */
public enum BleuTokenizer {
  /**
   * sacreBLEU's default {@code 13a}: the tokenization of WMT's {@code mteval-v13a.pl}. Drops
   * {@code <skipped>}, joins {@code -\n} line breaks, unescapes {@code &quot; &amp; &lt; &gt;},
   * then puts spaces around ASCII punctuation and symbols except the apostrophe, the hyphen, the
   * period and the comma; around a period or comma unless it has a digit on both sides
   * ({@code 1,000.5} stays one token, {@code end.} becomes {@code end .}); and around a hyphen
   * that follows a digit.
   */
  THIRTEEN_A("13a") {
    @Override
    public String tokenize(String line) {
      line = line.replace("<skipped>", "").replace("-\n", "").replace("\n", " ");
      if (line.indexOf('&') >= 0) {
        line = line.replace("&quot;", "\"").replace("&amp;", "&").replace("&lt;", "<")
            .replace("&gt;", ">");
      }
      return mteval(" " + line + " ");
    }
  },

  /**
   * sacreBLEU's {@code zh}: every Chinese character is a token of its own and the rest is
   * tokenized like {@link #THIRTEEN_A} (without its {@code <skipped>} and entity steps). "Chinese
   * character" follows sacreBLEU's table, quirks included: its entries for the supplementary
   * planes are written <code>'&#92;u20000'</code>, which Python reads as U+2000 followed by {@code 0}, so
   * the table covers U+2001–U+2A6D (general punctuation such as curly quotes and dashes, currency
   * and letter-like symbols, arrows, mathematical operators, dingbats...) and no character beyond
   * U+FFFF.
   */
  ZH("zh") {
    @Override
    public String tokenize(String line) {
      String s = PythonText.strip(line);
      StringBuilder sb = new StringBuilder(s.length() * 2);
      s.codePoints().forEach(cp -> {
        if (isChinese(cp)) sb.append(' ').appendCodePoint(cp).append(' ');
        else sb.appendCodePoint(cp);
      });
      return mteval(sb.toString());
    }
  },

  /** No tokenization: tokens are the whitespace-separated words as they stand. */
  NONE("none") {
    @Override
    public String tokenize(String line) {
      return line;
    }
  };

  private static final Pattern SYMBOLS = Pattern.compile("([{-~\\[-` -&(-+:-@/])");
  private static final Pattern PERIOD_COMMA_AFTER_NON_DIGIT = Pattern.compile("([^0-9])([.,])");
  private static final Pattern PERIOD_COMMA_BEFORE_NON_DIGIT = Pattern.compile("([.,])([^0-9])");
  private static final Pattern DASH_AFTER_DIGIT = Pattern.compile("([0-9])(-)");

  /** sacreBLEU's merged table of "Chinese" code points (see {@link #ZH}), as inclusive ranges. */
  private static final int[][] CHINESE = {
      {0x2001, 0x2A6D}, {0x2E80, 0x2FDF}, {0x2FF0, 0x303F}, {0x3100, 0x312F}, {0x31A0, 0x31EF},
      {0x3200, 0x4DB5}, {0x4E00, 0x9FBB}, {0xF900, 0xFA2D}, {0xFA30, 0xFA6A}, {0xFA70, 0xFAD9},
      {0xFE10, 0xFE1F}, {0xFE30, 0xFE4F}, {0xFF00, 0xFFEF}};

  private final String signature;

  BleuTokenizer(String signature) {
    this.signature = signature;
  }

  /** The tokens of {@code line}, joined by single spaces. */
  public abstract String tokenize(String line);

  /** sacreBLEU's name for it: {@code 13a}, {@code zh}, {@code none}. */
  public String signature() {
    return signature;
  }

  /** Whether sacreBLEU's {@code zh} tokenizer splits {@code cp} off as a Chinese character. */
  static boolean isChinese(int cp) {
    for (int[] r : CHINESE) {
      if (cp >= r[0] && cp <= r[1]) return true;
    }
    return false;
  }

  /** sacreBLEU's {@code TokenizerRegexp}: the language-dependent part of mteval-v13a. */
  static String mteval(String line) {
    line = SYMBOLS.matcher(line).replaceAll(" $1 ");
    line = PERIOD_COMMA_AFTER_NON_DIGIT.matcher(line).replaceAll("$1 $2 ");
    line = PERIOD_COMMA_BEFORE_NON_DIGIT.matcher(line).replaceAll(" $1 $2");
    line = DASH_AFTER_DIGIT.matcher(line).replaceAll("$1 $2 ");
    return String.join(" ", PythonText.split(line));
  }
}
