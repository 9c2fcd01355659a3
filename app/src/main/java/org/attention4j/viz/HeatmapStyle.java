package org.attention4j.viz;

/**
 * How a heatmap looks. All sizes in pixels (SVG user units).
 *
 * @param cellPx the largest cell side; cells shrink (down to 1 px) so a panel fits {@code maxPanelPx}
 * @param maxPanelPx the largest grid side of one panel; longer inputs aggregate k x k token blocks
 *     into one 1 px cell (see {@link Heatmap} for the rule)
 * @param fontPx label font size
 * @param showValues write each weight in its cell when the cell is at least {@value #VALUE_MIN_CELL} px
 * @param vmax the weight drawn in the top colour; 0 = the largest weight shown (auto)
 * @param columns panels per row in a per-head grid; 0 = about the square root of the head count
 * @param showGold outline gold alignment links on cross-attention when the view has them
 * @param maxLabelChars longer token labels are cut to this many characters and an ellipsis
 * @param title figure title; null = made from the view's metadata and the matrix name
 */
public record HeatmapStyle(int cellPx, int maxPanelPx, float fontPx, boolean showValues, double vmax,
    int columns, boolean showGold, int maxLabelChars, String title) {
  /** Cells narrower than this get no numbers even when {@code showValues}. */
  public static final int VALUE_MIN_CELL = 26;

  public HeatmapStyle {
    if (cellPx < 1 || cellPx > 200) {
      throw new IllegalArgumentException("HeatmapStyle: cellPx must be in [1, 200], got " + cellPx);
    }
    if (maxPanelPx < 16) {
      throw new IllegalArgumentException("HeatmapStyle: maxPanelPx must be >= 16, got " + maxPanelPx);
    }
    if (!(fontPx >= 4 && fontPx <= 72)) {
      throw new IllegalArgumentException("HeatmapStyle: fontPx must be in [4, 72], got " + fontPx);
    }
    if (!(vmax >= 0) || Double.isInfinite(vmax)) {
      throw new IllegalArgumentException("HeatmapStyle: vmax must be finite and >= 0 (0 = auto), got " + vmax);
    }
    if (columns < 0) throw new IllegalArgumentException("HeatmapStyle: columns must be >= 0, got " + columns);
    if (maxLabelChars < 2) {
      throw new IllegalArgumentException("HeatmapStyle: maxLabelChars must be >= 2, got " + maxLabelChars);
    }
  }

  /** Defaults: 28 px cells, 1024 px panels, 11 px labels, numbers shown, vmax 1, gold shown. */
  public static HeatmapStyle defaults() {
    return new HeatmapStyle(28, 1024, 11f, true, 1.0, 0, true, 16, null);
  }

  public HeatmapStyle withCellPx(int px) {
    return new HeatmapStyle(px, maxPanelPx, fontPx, showValues, vmax, columns, showGold, maxLabelChars, title);
  }

  public HeatmapStyle withMaxPanelPx(int px) {
    return new HeatmapStyle(cellPx, px, fontPx, showValues, vmax, columns, showGold, maxLabelChars, title);
  }

  public HeatmapStyle withShowValues(boolean show) {
    return new HeatmapStyle(cellPx, maxPanelPx, fontPx, show, vmax, columns, showGold, maxLabelChars, title);
  }

  public HeatmapStyle withVmax(double v) {
    return new HeatmapStyle(cellPx, maxPanelPx, fontPx, showValues, v, columns, showGold, maxLabelChars, title);
  }

  public HeatmapStyle withFontPx(float px) {
    return new HeatmapStyle(cellPx, maxPanelPx, px, showValues, vmax, columns, showGold, maxLabelChars, title);
  }

  public HeatmapStyle withColumns(int n) {
    return new HeatmapStyle(cellPx, maxPanelPx, fontPx, showValues, vmax, n, showGold, maxLabelChars, title);
  }

  public HeatmapStyle withTitle(String t) {
    return new HeatmapStyle(cellPx, maxPanelPx, fontPx, showValues, vmax, columns, showGold, maxLabelChars, t);
  }

  public HeatmapStyle withShowGold(boolean show) {
    return new HeatmapStyle(cellPx, maxPanelPx, fontPx, showValues, vmax, columns, show, maxLabelChars, title);
  }
}
