package org.attention4j.viz;

import java.awt.geom.Rectangle2D;
import org.attention4j.viz.Surface.Anchor;

/** Draws a laid-out {@link Heatmap} on a {@link Surface}; PNG and SVG share this code. */
final class HeatmapPainter {
  private HeatmapPainter() {}

  static void paint(Heatmap h, HeatmapStyle style, Surface s) {
    float font = style.fontPx();
    s.fill(0, 0, h.width(), h.height(), 0xFFFFFF);
    if (!h.title().isEmpty()) {
      s.text(h.title(), Heatmap.MARGIN, Heatmap.MARGIN + (font + 3) / 2.0, font + 3, true, Heatmap.TEXT, Anchor.START, false);
    }
    for (HeatmapPanel p : h.panels()) panel(h, p, style, s);
    legend(h, font, s);
    s.text(h.caption(), Heatmap.MARGIN, h.captionY(), font, false, Heatmap.MUTED, Anchor.START, false);
  }

  private static void panel(Heatmap h, HeatmapPanel p, HeatmapStyle style, Surface s) {
    float font = style.fontPx();
    Rectangle2D grid = p.gridBounds();
    if (!p.title().isEmpty()) {
      double y = grid.getY() - Heatmap.LABEL_GAP - p.colLabelHeight() - (font + 7) / 2.0;
      s.text(p.title(), grid.getX() - Heatmap.LABEL_GAP - p.rowLabelWidth(), y, font + 1, true, Heatmap.TEXT, Anchor.START, false);
    }
    for (int c = 0; c < p.cols(); c++) {
      if (p.colLabel(c) == null) continue;
      var a = p.colLabelAnchor(c);
      s.text(p.colLabel(c), a.getX(), a.getY(), font, false, Heatmap.TEXT, Anchor.START, true);
    }
    for (int r = 0; r < p.rows(); r++) {
      if (p.rowLabel(r) == null) continue;
      var a = p.rowLabelAnchor(r);
      s.text(p.rowLabel(r), a.getX(), a.getY(), font, false, Heatmap.TEXT, Anchor.END, false);
    }
    int[] rgb = new int[p.rows() * p.cols()];
    for (int i = 0; i < rgb.length; i++) rgb[i] = h.colorOf(p.values()[i]);
    s.cells(grid.getX(), grid.getY(), p.cellPx(), p.cellPx(), p.cols(), p.rows(), rgb);
    int cell = p.cellPx();
    if (style.showValues() && cell >= HeatmapStyle.VALUE_MIN_CELL) {
      float vf = Math.clamp(cell * 0.34f, 7f, 12f);
      for (int r = 0; r < p.rows(); r++) {
        for (int c = 0; c < p.cols(); c++) {
          var ctr = p.cellCenter(r, c);
          String t = value(p.value(r, c));
          s.text(t, ctr.getX(), ctr.getY(), vf, false, ColorMap.textOn(rgb[r * p.cols() + c]), Anchor.MIDDLE, false);
        }
      }
    }
    double stroke = Math.clamp(cell / 10.0, 1, 3);
    for (HeatmapPanel.GoldCell g : p.gold()) {
      if (g.row() >= p.rows() || g.col() >= p.cols()) continue;
      Rectangle2D b = p.cellBounds(g.row(), g.col());
      double inset = stroke / 2;
      s.outline(b.getX() + inset, b.getY() + inset, b.getWidth() - stroke, b.getHeight() - stroke, Heatmap.GOLD, stroke, !g.sure());
    }
  }

  /** Two decimals without the leading zero ({@code .91}), {@code 1} for one. */
  static String value(float v) {
    if (v >= 0.995f) return "1";
    String t = String.format(java.util.Locale.ROOT, "%.2f", v);
    return t.startsWith("0.") ? t.substring(1) : t;
  }

  private static void legend(Heatmap h, float font, Surface s) {
    Rectangle2D b = h.legendBounds();
    int n = ColorMap.SIZE;
    int[] rgb = new int[n];
    for (int i = 0; i < n; i++) rgb[i] = ColorMap.rgb(1.0 - (double) i / (n - 1)); // top = vmax
    s.cells(b.getX(), b.getY(), b.getWidth(), b.getHeight() / n, 1, n, rgb);
    s.outline(b.getX() - 0.5, b.getY() - 0.5, b.getWidth() + 1, b.getHeight() + 1, 0x888888, 1, false);
    s.text("weight", b.getX(), b.getY() - font - 2, font, false, Heatmap.MUTED, Anchor.START, false);
    for (int i = 0; i <= 4; i++) {
      double f = i / 4.0, y = b.getMaxY() - f * b.getHeight();
      s.line(b.getMaxX(), y, b.getMaxX() + 4, y, 0x444444, 1);
      s.text(Heatmap.tick(f * h.vmax()), b.getMaxX() + 6, y, font, false, Heatmap.TEXT, Anchor.START, false);
    }
  }
}
