package org.attention4j.cli.translate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.attention4j.text.BpeTokenizer;
import org.attention4j.text.Tokenizer;

/**
 * The text form of an attention matrix for a terminal: one row per output token, one shaded cell
 * per source token ({@code ' '} below 0.05, then {@code · ░ ▒ ▓ █} at 0.05, 0.2, 0.4, 0.6 and
 * 0.8), and the source token it attends to most, with its weight.
 *
 * <pre>
 *   source: 0 the | 1 dog | 2 runs
 *                012
 *   Hund         █░    &lt;- dog 0.91
 * </pre>
 */
final class AttentionText {
  private static final char[] SHADES = {' ', '·', '░', '▒', '▓', '█'};
  private static final double[] STEPS = {0.05, 0.2, 0.4, 0.6, 0.8};

  private AttentionText() {}

  /** How a token reads on screen: BPE tokens as their text (spaces trimmed), others as spelled. */
  static String display(Tokenizer tokenizer, int id) {
    String token = tokenizer.vocabulary().token(id);
    if (!(tokenizer instanceof BpeTokenizer) || tokenizer.vocabulary().isSpecial(id)) return token;
    String text = tokenizer.decode(new int[] {id}).strip();
    return text.isEmpty() || text.indexOf('\uFFFD') >= 0 ? token : text;
  }

  /** The display forms of {@code ids}. */
  static List<String> display(Tokenizer tokenizer, int[] ids) {
    List<String> out = new ArrayList<>(ids.length);
    for (int id : ids) out.add(display(tokenizer, id));
    return out;
  }

  /**
   * The heatmap lines, each starting with {@code indent}.
   *
   * @param source the source tokens (columns)
   * @param target the output tokens (rows), as many as {@code weights} has rows
   * @param weights {@code [row][column]}
   */
  static List<String> heatmap(List<String> source, List<String> target, float[][] weights, String indent) {
    List<String> lines = new ArrayList<>();
    StringBuilder legend = new StringBuilder(indent).append("source:");
    for (int i = 0; i < source.size(); i++) legend.append(i == 0 ? " " : " | ").append(i).append(' ').append(source.get(i));
    lines.add(legend.toString());
    int width = 4;
    for (String t : target) width = Math.max(width, Math.min(16, t.codePointCount(0, t.length())));
    StringBuilder digits = new StringBuilder(indent).append(" ".repeat(width + 2));
    for (int i = 0; i < source.size(); i++) digits.append((char) ('0' + i % 10));
    lines.add(digits.toString());
    for (int j = 0; j < weights.length; j++) {
      float[] row = weights[j];
      StringBuilder sb = new StringBuilder(indent).append(pad(target.get(j), width)).append("  ");
      int best = 0;
      for (int i = 0; i < row.length; i++) {
        sb.append(shade(row[i]));
        if (row[i] > row[best]) best = i;
      }
      if (row.length > 0) {
        sb.append("  <- ").append(source.get(best)).append(String.format(Locale.ROOT, " %.2f", row[best]));
      }
      lines.add(sb.toString());
    }
    return lines;
  }

  private static char shade(float w) {
    int level = 0;
    while (level < STEPS.length && w >= STEPS[level]) level++;
    return SHADES[level];
  }

  /** {@code s} cut or padded to {@code width} code points. */
  private static String pad(String s, int width) {
    int n = s.codePointCount(0, s.length());
    if (n > width) return s.substring(0, s.offsetByCodePoints(0, width - 1)) + "…";
    return s + " ".repeat(width - n);
  }
}
