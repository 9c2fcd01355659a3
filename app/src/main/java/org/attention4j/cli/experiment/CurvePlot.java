package org.attention4j.cli.experiment;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A small line plot of BLEU per source-length bucket, one line per model, as SVG text and as a
 * PNG (java.awt, headless): the x axis lists the buckets in order (categorical, evenly spaced),
 * the y axis is BLEU from 0 to a rounded maximum, empty buckets leave a gap in their line, and a
 * legend names each line. Both renderings go through {@link Pen}, so they show the same picture.
 */
final class CurvePlot {
  /**
   * One line of the plot.
   *
   * @param name the legend entry
   * @param values one value per bucket, NaN for none
   * @param rgb the colour
   * @param dashed whether the line is dashed
   */
  record Series(String name, List<Double> values, int rgb, boolean dashed) {}

  static final int BLUE = 0x1f77b4;
  static final int ORANGE = 0xff7f0e;

  private static final int W = 640;
  private static final int H = 400;
  private static final int LEFT = 64;
  private static final int RIGHT = 24;
  private static final int TOP = 48;
  private static final int BOTTOM = 64;

  private final String title;
  private final List<String> buckets;
  private final List<Series> series;

  /**
   * @throws IllegalArgumentException if a series has not one value per bucket
   */
  CurvePlot(String title, List<String> buckets, List<Series> series) {
    for (Series s : series) {
      if (s.values().size() != buckets.size()) {
        throw new IllegalArgumentException("CurvePlot: series '" + s.name() + "' has " + s.values().size()
            + " values for " + buckets.size() + " buckets");
      }
    }
    this.title = title;
    this.buckets = List.copyOf(buckets);
    this.series = List.copyOf(series);
  }

  /** The plot as an SVG document. */
  String svg() {
    var pen = new SvgPen();
    draw(pen);
    return pen.finish();
  }

  /** Writes {@link #svg()} to {@code file}. */
  void writeSvg(Path file) throws IOException {
    Files.writeString(file, svg(), StandardCharsets.UTF_8);
  }

  /** Renders the plot with java.awt and writes it as PNG. */
  void writePng(Path file) throws IOException {
    BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      draw(new AwtPen(g));
    } finally {
      g.dispose();
    }
    if (!ImageIO.write(img, "png", file.toFile())) throw new IOException("no PNG writer in this JDK");
  }

  /** The top of the y axis: the largest value rounded up to a step of 1, 2, 5, 10, ... (at least 1). */
  double yMax() {
    double max = 0;
    for (Series s : series) for (double v : s.values()) if (!Double.isNaN(v)) max = Math.max(max, v);
    double step = tick(max);
    return Math.max(1, Math.ceil(max / step) * step);
  }

  private static double tick(double max) {
    double raw = Math.max(max, 1) / 5;
    double mag = Math.pow(10, Math.floor(Math.log10(raw)));
    for (double m : new double[] {1, 2, 5, 10}) if (m * mag >= raw) return m * mag;
    return 10 * mag;
  }

  private void draw(Pen pen) {
    double plotW = W - LEFT - RIGHT;
    double plotH = H - TOP - BOTTOM;
    double top = yMax();
    double step = tick(top);
    pen.rect(0, 0, W, H, 0xffffff);
    pen.text(title, W / 2.0, 24, 15, true, 0x222222, 0);
    for (double v = 0; v <= top + 1e-9; v += step) { // horizontal grid and y labels
      double y = TOP + plotH * (1 - v / top);
      pen.line(LEFT, y, LEFT + plotW, y, 0xdddddd, 1, false);
      pen.text(label(v, step), LEFT - 8, y + 4, 11, false, 0x444444, 1);
    }
    pen.line(LEFT, TOP, LEFT, TOP + plotH, 0x444444, 1, false);
    pen.line(LEFT, TOP + plotH, LEFT + plotW, TOP + plotH, 0x444444, 1, false);
    double dx = plotW / buckets.size();
    for (int i = 0; i < buckets.size(); i++) {
      pen.text(buckets.get(i), LEFT + dx * (i + 0.5), TOP + plotH + 18, 11, false, 0x444444, 0);
    }
    pen.text("source sentence length (words)", LEFT + plotW / 2, H - 18, 12, false, 0x222222, 0);
    pen.verticalText("BLEU", 18, TOP + plotH / 2, 12, 0x222222);
    for (Series s : series) {
      double px = Double.NaN;
      double py = Double.NaN;
      for (int i = 0; i < buckets.size(); i++) {
        double v = s.values().get(i);
        if (Double.isNaN(v)) {
          px = Double.NaN;
          continue;
        }
        double x = LEFT + dx * (i + 0.5);
        double y = TOP + plotH * (1 - v / top);
        if (!Double.isNaN(px)) pen.line(px, py, x, y, s.rgb(), 2.5, s.dashed());
        pen.dot(x, y, 4, s.rgb());
        px = x;
        py = y;
      }
    }
    double ly = TOP + 12; // legend, top right
    for (Series s : series) {
      double lx = LEFT + plotW - 170;
      pen.line(lx, ly - 4, lx + 28, ly - 4, s.rgb(), 2.5, s.dashed());
      pen.dot(lx + 14, ly - 4, 4, s.rgb());
      pen.text(s.name(), lx + 36, ly, 12, false, 0x222222, -1);
      ly += 20;
    }
  }

  private static String label(double v, double step) {
    return step >= 1 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
  }

  // ---------------------------------------------------------------- the two renderings

  /** What the drawing needs; {@code align} of text: -1 start, 0 middle, 1 end. */
  private interface Pen {
    void rect(double x, double y, double w, double h, int rgb);

    void line(double x1, double y1, double x2, double y2, int rgb, double width, boolean dashed);

    void dot(double x, double y, double r, int rgb);

    void text(String s, double x, double y, float size, boolean bold, int rgb, int align);

    void verticalText(String s, double x, double y, float size, int rgb);
  }

  private static final class SvgPen implements Pen {
    private final StringBuilder sb = new StringBuilder();

    SvgPen() {
      sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\"")
          .append(" width=\"").append(W).append("\" height=\"").append(H).append("\" viewBox=\"0 0 ").append(W)
          .append(' ').append(H).append("\" font-family=\"DejaVu Sans, Arial, sans-serif\">\n");
    }

    String finish() {
      return sb.append("</svg>\n").toString();
    }

    @Override
    public void rect(double x, double y, double w, double h, int rgb) {
      sb.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>%n",
          x, y, w, h, hex(rgb)));
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, int rgb, double width, boolean dashed) {
      sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\""
          + " stroke-width=\"%.1f\"%s/>%n", x1, y1, x2, y2, hex(rgb), width,
          dashed ? " stroke-dasharray=\"6 4\"" : ""));
    }

    @Override
    public void dot(double x, double y, double r, int rgb) {
      sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\"/>%n", x, y, r,
          hex(rgb)));
    }

    @Override
    public void text(String s, double x, double y, float size, boolean bold, int rgb, int align) {
      String anchor = align < 0 ? "start" : align == 0 ? "middle" : "end";
      sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.0f\"%s fill=\"%s\""
          + " text-anchor=\"%s\">%s</text>%n", x, y, size, bold ? " font-weight=\"bold\"" : "", hex(rgb), anchor,
          escape(s)));
    }

    @Override
    public void verticalText(String s, double x, double y, float size, int rgb) {
      sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.0f\" fill=\"%s\""
          + " text-anchor=\"middle\" transform=\"rotate(-90 %.1f %.1f)\">%s</text>%n", x, y, size, hex(rgb), x, y,
          escape(s)));
    }

    private static String hex(int rgb) {
      return String.format(Locale.ROOT, "#%06x", rgb & 0xffffff);
    }

    private static String escape(String s) {
      return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
  }

  private static final class AwtPen implements Pen {
    private final Graphics2D g;

    AwtPen(Graphics2D g) {
      this.g = g;
    }

    @Override
    public void rect(double x, double y, double w, double h, int rgb) {
      g.setColor(new Color(rgb));
      g.fill(new java.awt.geom.Rectangle2D.Double(x, y, w, h));
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, int rgb, double width, boolean dashed) {
      g.setColor(new Color(rgb));
      g.setStroke(dashed ? new BasicStroke((float) width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10,
          new float[] {6, 4}, 0) : new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      g.draw(new Line2D.Double(x1, y1, x2, y2));
    }

    @Override
    public void dot(double x, double y, double r, int rgb) {
      g.setColor(new Color(rgb));
      g.fill(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
    }

    @Override
    public void text(String s, double x, double y, float size, boolean bold, int rgb, int align) {
      g.setFont(new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, Math.round(size)));
      g.setColor(new Color(rgb));
      double w = g.getFontMetrics().stringWidth(s);
      g.drawString(s, (float) (x - (align < 0 ? 0 : align == 0 ? w / 2 : w)), (float) y);
    }

    @Override
    public void verticalText(String s, double x, double y, float size, int rgb) {
      var saved = g.getTransform();
      g.rotate(-Math.PI / 2, x, y);
      text(s, x, y, size, false, rgb, 0);
      g.setTransform(saved);
    }
  }

  /** The series of a length-curve result: the baseline dashed, the attention model solid. */
  static CurvePlot of(LengthCurve.Result r) {
    List<String> labels = new ArrayList<>();
    List<Double> base = new ArrayList<>();
    List<Double> att = new ArrayList<>();
    for (int i = 0; i < r.attention().test().buckets().size(); i++) {
      labels.add(r.attention().test().buckets().get(i).label());
      att.add(LengthCurve.score(r.attention().test().buckets().get(i)));
      base.add(LengthCurve.score(r.baseline().test().buckets().get(i)));
    }
    String title = String.format(Locale.ROOT, "BLEU by source length: %s (%s)", r.setup().name(),
        r.budget().kind() == Budget.Kind.TIME ? "equal time" : "equal training tokens");
    return new CurvePlot(title, labels, List.of(
        new Series(r.attention().type() + " (attention)", att, BLUE, false),
        new Series(r.baseline().type() + " (no attention)", base, ORANGE, true)));
  }
}
