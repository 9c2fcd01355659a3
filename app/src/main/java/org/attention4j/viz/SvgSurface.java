package org.attention4j.viz;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Writes SVG 1.1 text. Cells become one {@code <rect>} each up to {@value #MAX_RECTS} cells;
 * larger blocks are embedded as one PNG {@code <image>} with 1 px per cell, scaled without
 * smoothing ({@code image-rendering: pixelated}), which keeps a 1024 x 1024 map small.
 */
final class SvgSurface implements Surface {
  /** Cell blocks larger than this are embedded as a raster image. */
  static final int MAX_RECTS = 65_536;

  private final StringBuilder out = new StringBuilder();
  private final String fontFamily = escape(LabelFonts.cssFamilies());

  SvgSurface(double width, double height) {
    out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"").append(n(width))
        .append("\" height=\"").append(n(height)).append("\" viewBox=\"0 0 ").append(n(width)).append(' ')
        .append(n(height)).append("\" font-family=\"").append(fontFamily).append("\">\n");
  }

  @Override
  public void fill(double x, double y, double w, double h, int rgb) {
    rect(x, y, w, h, rgb);
  }

  private void rect(double x, double y, double w, double h, int rgb) {
    out.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
        .append("\" height=\"").append(n(h)).append("\" fill=\"").append(hex(rgb)).append("\"/>\n");
  }

  @Override
  public void outline(double x, double y, double w, double h, int rgb, double stroke, boolean dashed) {
    out.append("<rect class=\"gold\" x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"")
        .append(n(w)).append("\" height=\"").append(n(h)).append("\" fill=\"none\" stroke=\"").append(hex(rgb))
        .append("\" stroke-width=\"").append(n(stroke)).append('"');
    if (dashed) out.append(" stroke-dasharray=\"").append(n(2 * stroke)).append('"');
    out.append("/>\n");
  }

  @Override
  public void line(double x1, double y1, double x2, double y2, int rgb, double stroke) {
    out.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
        .append("\" y2=\"").append(n(y2)).append("\" stroke=\"").append(hex(rgb)).append("\" stroke-width=\"")
        .append(n(stroke)).append("\"/>\n");
  }

  @Override
  public void text(String s, double x, double y, float size, boolean bold, int rgb, Anchor anchor, boolean vertical) {
    // The advance measured with the same fonts places the text exactly as the PNG does, without
    // relying on text-anchor (whose meaning flips for right-to-left runs).
    double adv = LabelFonts.advance(s, size, bold);
    out.append("<text x=\"").append(n(x - anchor.fraction * adv)).append("\" y=\"").append(n(y))
        .append("\" font-size=\"").append(n(size)).append("\" dominant-baseline=\"central\" fill=\"")
        .append(hex(rgb)).append('"');
    if (bold) out.append(" font-weight=\"bold\"");
    if (vertical) out.append(" transform=\"rotate(-90 ").append(n(x)).append(' ').append(n(y)).append(")\"");
    out.append('>').append(escape(s)).append("</text>\n");
  }

  @Override
  public void cells(double x, double y, double cellW, double cellH, int cols, int rows, int[] rgb) {
    if ((long) cols * rows <= MAX_RECTS) {
      out.append("<g shape-rendering=\"crispEdges\">\n");
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) rect(x + c * cellW, y + r * cellH, cellW, cellH, rgb[r * cols + c]);
      }
      out.append("</g>\n");
      return;
    }
    BufferedImage img = new BufferedImage(cols, rows, BufferedImage.TYPE_INT_RGB);
    img.setRGB(0, 0, cols, rows, rgb, 0, cols);
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.append("<image x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"")
        .append(n(cols * cellW)).append("\" height=\"").append(n(rows * cellH))
        .append("\" preserveAspectRatio=\"none\" style=\"image-rendering:pixelated\" href=\"data:image/png;base64,")
        .append(Base64.getEncoder().encodeToString(png.toByteArray())).append("\"/>\n");
  }

  String finish() {
    return out + "</svg>\n";
  }

  private static String hex(int rgb) {
    return String.format("#%06x", rgb & 0xFFFFFF);
  }

  /** A coordinate with at most two decimals and no trailing zeros. */
  static String n(double v) {
    if (v == Math.rint(v)) return Long.toString((long) v);
    String s = String.format(Locale.ROOT, "%.2f", v);
    s = s.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  /** XML text and attribute escaping; characters XML 1.0 forbids are dropped. */
  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().forEach(cp -> {
      switch (cp) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&apos;");
        default -> {
          boolean allowed = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
              || (cp >= 0xE000 && cp <= 0xFFFD) || cp >= 0x10000;
          if (allowed) b.appendCodePoint(cp);
        }
      }
    });
    return b.toString();
  }
}
