package org.attention4j.viz;

/**
 * What the heatmap painter draws on: a java.awt image ({@link AwtSurface}) or SVG text
 * ({@link SvgSurface}). Coordinates are pixels from the top left; colours {@code 0xRRGGBB}.
 */
interface Surface {
  /** Where a text's anchor point sits along its reading direction. */
  enum Anchor {
    START(0), MIDDLE(0.5), END(1);

    final double fraction;

    Anchor(double fraction) {
      this.fraction = fraction;
    }
  }

  void fill(double x, double y, double w, double h, int rgb);

  void outline(double x, double y, double w, double h, int rgb, double stroke, boolean dashed);

  void line(double x1, double y1, double x2, double y2, int rgb, double stroke);

  /**
   * Text centred across its line at {@code (x, y)} and placed along it by {@code anchor};
   * {@code vertical} turns it 90 degrees counter-clockwise (reading upwards).
   */
  void text(String s, double x, double y, float size, boolean bold, int rgb, Anchor anchor, boolean vertical);

  /** A block of {@code cols x rows} equal cells, row-major colours, top-left at {@code (x, y)}. */
  void cells(double x, double y, double cellW, double cellH, int cols, int rows, int[] rgb);
}
