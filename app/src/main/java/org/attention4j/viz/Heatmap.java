package org.attention4j.viz;

import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.attention4j.eval.Alignment;
import org.attention4j.eval.Link;

/**
 * An attention heatmap: key tokens across the top, query tokens down the left, one cell per
 * weight coloured by {@link ColorMap} (viridis), a colour bar with ticks on the right, optional
 * numbers in cells and gold alignment outlines; for a multi-head layer one small panel per head.
 * Render it as a PNG ({@link #toImage}, java.awt, headless) or as SVG text ({@link #toSvg}); both
 * come from the same layout, which tests can query ({@link #panels}, {@link #legendBounds}).
 *
 * <p><b>Long inputs</b>, with {@code n} the longer side of a matrix and {@code P} the style's
 * {@code maxPanelPx}:
 * <ol>
 *   <li>if {@code n > P}, blocks of {@code k x k} tokens, {@code k = ceil(n / P)}, become one cell
 *       showing the block's <em>maximum</em> (a sharp alignment stays visible; a mean would fade
 *       it by 1/k);
 *   <li>the cell side is {@code floor(P / cells)}, clamped to [1, cellPx];
 *   <li>labels are drawn for every {@code s}-th cell, {@code s = ceil((fontPx + 2) / cell)}, so they
 *       never overlap; when a label stands for more than one token it starts with the 0-based
 *       token index ({@code "120 river"}). With the defaults (1024 px, 11 px text) every token is
 *       labelled up to 78 tokens; 120 tokens get every 2nd label, 1024 tokens every 13th.
 * </ol>
 * The caption under the figure states the rule that was applied.
 */
public final class Heatmap {
  static final double MARGIN = 12, LABEL_GAP = 4, PANEL_GAP = 24, LEGEND_W = 14, LEGEND_GAP = 20;
  static final int GOLD = 0xFF2D2D, TEXT = 0x222222, MUTED = 0x666666;

  private final String title;
  private final List<HeatmapPanel> panels;
  private final double vmax;
  private final HeatmapStyle style;
  private final Rectangle2D legend;
  private final String caption;
  private final double captionY;
  private final double width, height;

  private Heatmap(String title, List<HeatmapPanel> panels, double vmax, HeatmapStyle style,
      Rectangle2D legend, String caption, double captionY, double width, double height) {
    this.title = title;
    this.panels = List.copyOf(panels);
    this.vmax = vmax;
    this.style = style;
    this.legend = legend;
    this.caption = caption;
    this.captionY = captionY;
    this.width = width;
    this.height = height;
  }

  /** One matrix of a view. */
  public static Heatmap of(AttentionView view, HeadKey key, HeatmapStyle style) {
    AttentionMatrix m = view.matrix(key);
    String t = style.title() != null ? style.title() : figureTitle(view, key.describe());
    return build(view, key.kind(), List.of(m), List.of(""), t, style);
  }

  /** Every head of one layer as a grid of small panels titled {@code head 1}, {@code head 2}... */
  public static Heatmap ofLayer(AttentionView view, AttentionKind kind, int layer, HeatmapStyle style) {
    List<Integer> heads = view.heads(kind, layer);
    if (heads.isEmpty()) {
      throw new IllegalArgumentException("Heatmap.ofLayer: the view has no " + kind.id() + " layer " + (layer + 1)
          + " (layers: " + view.layers(kind).stream().map(l -> l + 1).toList() + ")");
    }
    List<AttentionMatrix> ms = new ArrayList<>();
    List<String> titles = new ArrayList<>();
    for (int h : heads) {
      ms.add(view.matrix(new HeadKey(kind, layer, h)));
      titles.add("head " + (h + 1));
    }
    String t = style.title() != null ? style.title() : figureTitle(view, kind.id() + " layer " + (layer + 1));
    return build(view, kind, ms, titles, t, style);
  }

  private static String figureTitle(AttentionView view, String what) {
    StringBuilder b = new StringBuilder();
    String model = view.metadata().get(AttentionView.MODEL), id = view.metadata().get(AttentionView.SENTENCE);
    if (model != null) b.append(model).append(" · ");
    if (id != null) b.append(id).append(" · ");
    return b.append(what).toString();
  }

  private static Heatmap build(AttentionView view, AttentionKind kind, List<AttentionMatrix> ms,
      List<String> panelTitles, String title, HeatmapStyle style) {
    List<String> rowTokens = view.queryTokens(kind), colTokens = view.keyTokens(kind);
    int nr = rowTokens.size(), nc = colTokens.size(), p = style.maxPanelPx();
    int k = Math.max(1, ceilDiv(Math.max(nr, nc), p));
    int rows = ceilDiv(nr, k), cols = ceilDiv(nc, k);
    int cell = Math.clamp(p / Math.max(1, Math.max(rows, cols)), 1, style.cellPx());
    int stride = (int) Math.ceil((style.fontPx() + 2) / cell);
    boolean indexed = stride * k > 1;
    List<String> rowLabels = labels(rowTokens, rows, k, stride, indexed, style.maxLabelChars());
    List<String> colLabels = labels(colTokens, cols, k, stride, indexed, style.maxLabelChars());
    double rowW = maxAdvance(rowLabels, style.fontPx()), colH = maxAdvance(colLabels, style.fontPx());
    float panelTitlePx = style.fontPx() + 1, titlePx = style.fontPx() + 3;
    boolean titled = panelTitles.stream().anyMatch(s -> !s.isEmpty());
    double panelTitleH = titled ? panelTitlePx + 6 : 0;
    double panelW = rowW + LABEL_GAP + cols * cell, panelH = panelTitleH + colH + LABEL_GAP + rows * cell;
    int n = ms.size();
    int perRow = style.columns() > 0 ? Math.min(style.columns(), n) : (int) Math.ceil(Math.sqrt(n));
    double top = MARGIN + (title.isEmpty() ? 0 : titlePx + 8);
    List<Link> goldLinks = new ArrayList<>();
    Alignment gold = view.gold();
    if (style.showGold() && kind == AttentionKind.CROSS && gold != null) goldLinks.addAll(gold.possible());

    double auto = 0;
    List<HeatmapPanel> panels = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double px = MARGIN + (i % perRow) * (panelW + PANEL_GAP), py = top + (i / perRow) * (panelH + PANEL_GAP);
      float[] values = pool(ms.get(i), k, rows, cols);
      for (float v : values) auto = Math.max(auto, v);
      List<HeatmapPanel.GoldCell> g = new ArrayList<>();
      for (Link l : goldLinks) g.add(new HeatmapPanel.GoldCell(l.target() / k, l.source() / k, gold.sure().contains(l)));
      panels.add(new HeatmapPanel(panelTitles.get(i), rows, cols, k, cell, stride, stride,
          px + rowW + LABEL_GAP, py + panelTitleH + colH + LABEL_GAP, values, rowLabels, colLabels,
          List.copyOf(g), rowW, colH));
    }
    double vmax = style.vmax() > 0 ? style.vmax() : (auto > 0 ? auto : 1);
    Rectangle2D grid0 = panels.getFirst().gridBounds();
    double right = MARGIN + perRow * (panelW + PANEL_GAP) - PANEL_GAP;
    double legendH = Math.clamp(grid0.getHeight(), 100, 300);
    Rectangle2D legend = new Rectangle2D.Double(right + LEGEND_GAP, grid0.getY(), LEGEND_W, legendH);
    double legendRight = legend.getMaxX() + 6 + LabelFonts.advance(tick(vmax * 0.75), style.fontPx(), false);
    legendRight = Math.max(legendRight, legend.getX() + LabelFonts.advance("weight", style.fontPx(), false));
    double bottom = Math.max(panels.getLast().gridBounds().getMaxY(), legend.getMaxY());

    String rowsName = kind.queriesAreTarget() ? "target" : "source", colsName = kind.keysAreTarget() ? "target" : "source";
    StringBuilder cap = new StringBuilder("rows: " + rowsName + " tokens (queries) · columns: " + colsName + " tokens (keys)");
    if (k > 1) cap.append(" · each cell = ").append(k).append("x").append(k).append(" tokens (block maximum)");
    if (stride > 1) cap.append(" · labels every ").append(stride * k).append(" tokens");
    double captionY = bottom + 8 + style.fontPx() / 2.0;
    double width = Math.max(legendRight, MARGIN + LabelFonts.advance(cap.toString(), style.fontPx(), false)) + MARGIN;
    width = Math.max(width, MARGIN * 2 + LabelFonts.advance(title, titlePx, true));
    double height = captionY + style.fontPx() / 2.0 + MARGIN;
    return new Heatmap(title, panels, vmax, style, legend, cap.toString(), captionY, Math.ceil(width), Math.ceil(height));
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }

  private static List<String> labels(List<String> tokens, int cells, int k, int stride, boolean indexed, int maxChars) {
    List<String> out = new ArrayList<>(cells);
    for (int c = 0; c < cells; c++) {
      if (c % stride != 0) {
        out.add(null);
        continue;
      }
      String t = shorten(tokens.get(c * k), maxChars);
      out.add(indexed ? (c * k) + " " + t : t);
    }
    return out;
  }

  /** Cuts a label to {@code maxChars} code points plus an ellipsis; control characters shown as U+FFFD. */
  static String shorten(String s, int maxChars) {
    StringBuilder b = new StringBuilder();
    int[] cps = s.codePoints().map(cp -> Character.isISOControl(cp) ? 0xFFFD : cp).toArray();
    for (int i = 0; i < Math.min(cps.length, maxChars); i++) b.appendCodePoint(cps[i]);
    if (cps.length > maxChars) b.append('…');
    return b.toString();
  }

  private static double maxAdvance(List<String> labels, float size) {
    double m = 0;
    for (String l : labels) if (l != null) m = Math.max(m, LabelFonts.advance(l, size, false));
    return Math.ceil(m);
  }

  /** k x k block maxima, {@code (rows, cols)} cells; k = 1 copies. */
  private static float[] pool(AttentionMatrix m, int k, int rows, int cols) {
    float[] src = m.raw(), out = new float[rows * cols];
    if (k == 1) return src.clone();
    java.util.Arrays.fill(out, Float.NEGATIVE_INFINITY);
    for (int r = 0; r < m.rows(); r++) {
      for (int c = 0; c < m.cols(); c++) {
        int o = (r / k) * cols + c / k;
        out[o] = Math.max(out[o], src[r * m.cols() + c]);
      }
    }
    return out;
  }

  static String tick(double v) {
    return String.format(java.util.Locale.ROOT, v >= 0.1 || v == 0 ? "%.2f" : "%.3g", v);
  }

  // ---------------------------------------------------------------- accessors

  public String title() {
    return title;
  }

  public List<HeatmapPanel> panels() {
    return panels;
  }

  /** The weight drawn in the top colour of the scale. */
  public double vmax() {
    return vmax;
  }

  /** The colour bar (top = {@link #vmax}, bottom = 0). */
  public Rectangle2D legendBounds() {
    return legend;
  }

  /** The line under the figure that names the axes and any downsampling. */
  public String caption() {
    return caption;
  }

  public int width() {
    return (int) width;
  }

  public int height() {
    return (int) height;
  }

  /** The colour ({@code 0xRRGGBB}) a weight gets in this heatmap. */
  public int colorOf(double weight) {
    return ColorMap.rgb(weight / vmax);
  }

  // ---------------------------------------------------------------- rendering

  /** The heatmap as an RGB image. */
  public BufferedImage toImage() {
    BufferedImage img = new BufferedImage(width(), height(), BufferedImage.TYPE_INT_RGB);
    AwtSurface s = new AwtSurface(img);
    try {
      HeatmapPainter.paint(this, style, s);
    } finally {
      s.dispose();
    }
    return img;
  }

  /** The heatmap as an SVG document. */
  public String toSvg() {
    SvgSurface s = new SvgSurface(width, height);
    HeatmapPainter.paint(this, style, s);
    return s.finish();
  }

  /** Writes {@link #toImage} as a PNG file. */
  public void writePng(Path file) throws IOException {
    if (!ImageIO.write(toImage(), "png", file.toFile())) throw new IOException("no PNG writer for " + file);
  }

  /** Writes {@link #toSvg} as a UTF-8 file. */
  public void writeSvg(Path file) throws IOException {
    Files.writeString(file, toSvg(), StandardCharsets.UTF_8);
  }

  double captionY() {
    return captionY;
  }
}
