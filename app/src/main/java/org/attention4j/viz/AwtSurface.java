package org.attention4j.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

/** Draws on a {@link BufferedImage} with java.awt (headless). */
final class AwtSurface implements Surface {
  private final Graphics2D g;

  AwtSurface(BufferedImage image) {
    LabelFonts.headless();
    g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
  }

  @Override
  public void fill(double x, double y, double w, double h, int rgb) {
    g.setColor(new Color(rgb));
    g.fill(new Rectangle2D.Double(x, y, w, h));
  }

  @Override
  public void outline(double x, double y, double w, double h, int rgb, double stroke, boolean dashed) {
    g.setColor(new Color(rgb));
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setStroke(dashed
        ? new BasicStroke((float) stroke, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {(float) (2 * stroke), (float) (2 * stroke)}, 0f)
        : new BasicStroke((float) stroke));
    g.draw(new Rectangle2D.Double(x, y, w, h));
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
  }

  @Override
  public void line(double x1, double y1, double x2, double y2, int rgb, double stroke) {
    g.setColor(new Color(rgb));
    g.setStroke(new BasicStroke((float) stroke));
    g.draw(new Line2D.Double(x1, y1, x2, y2));
  }

  @Override
  public void text(String s, double x, double y, float size, boolean bold, int rgb, Anchor anchor, boolean vertical) {
    TextLayout tl = LabelFonts.layout(s, size, bold, g.getFontRenderContext());
    AffineTransform saved = g.getTransform();
    if (vertical) g.rotate(-Math.PI / 2, x, y);
    g.setColor(new Color(rgb));
    float drawX = (float) (x - anchor.fraction * tl.getAdvance());
    float drawY = (float) (y + (tl.getAscent() - tl.getDescent()) / 2);
    tl.draw(g, drawX, drawY);
    g.setTransform(saved);
  }

  @Override
  public void cells(double x, double y, double cellW, double cellH, int cols, int rows, int[] rgb) {
    if (cols == 0 || rows == 0) return;
    BufferedImage img = new BufferedImage(cols, rows, BufferedImage.TYPE_INT_RGB);
    img.setRGB(0, 0, cols, rows, rgb, 0, cols);
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
    AffineTransform at = new AffineTransform(cellW, 0, 0, cellH, x, y);
    g.drawImage(img, at, null);
  }

  void dispose() {
    g.dispose();
  }
}
