package org.attention4j.viz;

import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.List;

/**
 * One matrix as laid out in a {@link Heatmap}: where its grid, cells and labels are. Cells may
 * stand for {@code factor x factor} blocks of tokens (long inputs); labels may be shown for every
 * {@code labelStride}-th cell only. Coordinates are figure pixels, origin top left.
 */
public final class HeatmapPanel {
  /** A gold link in cell coordinates. */
  record GoldCell(int row, int col, boolean sure) {}

  private final String title;
  private final int rows, cols, factor, cell;
  private final int rowStride, colStride;
  private final double gridX, gridY;
  private final float[] values;
  private final List<String> rowLabels, colLabels;
  private final List<GoldCell> gold;
  private final double rowLabelWidth, colLabelHeight;

  HeatmapPanel(String title, int rows, int cols, int factor, int cell, int rowStride, int colStride,
      double gridX, double gridY, float[] values, List<String> rowLabels, List<String> colLabels,
      List<GoldCell> gold, double rowLabelWidth, double colLabelHeight) {
    this.title = title;
    this.rows = rows;
    this.cols = cols;
    this.factor = factor;
    this.cell = cell;
    this.rowStride = rowStride;
    this.colStride = colStride;
    this.gridX = gridX;
    this.gridY = gridY;
    this.values = values;
    this.rowLabels = rowLabels;
    this.colLabels = colLabels;
    this.gold = gold;
    this.rowLabelWidth = rowLabelWidth;
    this.colLabelHeight = colLabelHeight;
  }

  public String title() {
    return title;
  }

  /** Cell rows drawn (query tokens / factor, rounded up). */
  public int rows() {
    return rows;
  }

  /** Cell columns drawn (key tokens / factor, rounded up). */
  public int cols() {
    return cols;
  }

  /** Tokens per cell side: 1 normally; k when k x k blocks are aggregated (by their maximum). */
  public int factor() {
    return factor;
  }

  /** Cell side in pixels. */
  public int cellPx() {
    return cell;
  }

  /** A row label is drawn for every {@code rowLabelStride()}-th cell row. */
  public int rowLabelStride() {
    return rowStride;
  }

  /** A column label is drawn for every {@code colLabelStride()}-th cell column. */
  public int colLabelStride() {
    return colStride;
  }

  /** The whole grid of cells. */
  public Rectangle2D gridBounds() {
    return new Rectangle2D.Double(gridX, gridY, cols * cell, rows * cell);
  }

  /** The cell at cell row {@code r}, cell column {@code c}. */
  public Rectangle2D cellBounds(int r, int c) {
    return new Rectangle2D.Double(gridX + c * cell, gridY + r * cell, cell, cell);
  }

  /** The centre of a cell. */
  public Point2D cellCenter(int r, int c) {
    return new Point2D.Double(gridX + c * cell + cell / 2.0, gridY + r * cell + cell / 2.0);
  }

  /** The weight drawn in a cell (the block maximum when {@code factor() > 1}). */
  public float value(int r, int c) {
    return values[r * cols + c];
  }

  /** The label of cell row {@code r}, or null when none is drawn there. */
  public String rowLabel(int r) {
    return rowLabels.get(r);
  }

  /** The label of cell column {@code c}, or null when none is drawn there. */
  public String colLabel(int c) {
    return colLabels.get(c);
  }

  /** Where row label {@code r} ends (right-aligned to this point, vertically centred on it). */
  public Point2D rowLabelAnchor(int r) {
    return new Point2D.Double(gridX - Heatmap.LABEL_GAP, gridY + r * cell + cell / 2.0);
  }

  /**
   * Where column label {@code c} starts: the text is turned 90 degrees counter-clockwise, reads
   * upwards from this point and is centred on the column.
   */
  public Point2D colLabelAnchor(int c) {
    return new Point2D.Double(gridX + c * cell + cell / 2.0, gridY - Heatmap.LABEL_GAP);
  }

  /** The room given to row labels left of the grid. */
  public double rowLabelWidth() {
    return rowLabelWidth;
  }

  /** The room given to column labels above the grid. */
  public double colLabelHeight() {
    return colLabelHeight;
  }

  List<GoldCell> gold() {
    return gold;
  }

  float[] values() {
    return values;
  }
}
