package org.attention4j.viz;

/**
 * A perceptually uniform colour scale for weights: viridis (van der Walt and Smith, matplotlib
 * 2.0, 2015), dark purple at 0 through teal to yellow at 1.
 *
 * <p>The table is built from viridis's ten published control colours (the ten evenly spaced
 * samples {@code #440154 ... #FDE725} that R's viridisLite and many plotting tools list),
 * interpolated in CIE L*a*b* (D65) so that lightness rises evenly between them, then sampled
 * into {@value #SIZE} entries. Lookups clamp to [0, 1]; NaN maps to 0.
 */
public final class ColorMap {
  /** Number of entries in the lookup table. */
  public static final int SIZE = 256;

  /** Viridis's ten control colours at t = 0, 1/9, ..., 1 (sRGB). */
  static final int[] CONTROL = {
    0x440154, 0x482878, 0x3E4A89, 0x31688E, 0x26828E,
    0x1F9E89, 0x35B779, 0x6DCD59, 0xB4DE2C, 0xFDE725,
  };

  private static final int[] TABLE = buildTable();

  private ColorMap() {}

  /** The colour for {@code t} in [0, 1] as {@code 0xRRGGBB}. */
  public static int rgb(double t) {
    if (!(t > 0)) return TABLE[0];
    if (t >= 1) return TABLE[SIZE - 1];
    return TABLE[(int) Math.round(t * (SIZE - 1))];
  }

  /** The colour as CSS/SVG hex, {@code #rrggbb}. */
  public static String hex(double t) {
    return String.format("#%06x", rgb(t));
  }

  /** A copy of the lookup table, {@code 0xRRGGBB} per entry. */
  public static int[] table() {
    return TABLE.clone();
  }

  /** Black or white, whichever reads better on top of {@code rgb}. */
  public static int textOn(int rgb) {
    return lab(rgb)[0] > 55 ? 0x000000 : 0xFFFFFF;
  }

  private static int[] buildTable() {
    double[][] labs = new double[CONTROL.length][];
    for (int i = 0; i < CONTROL.length; i++) labs[i] = lab(CONTROL[i]);
    int[] table = new int[SIZE];
    int segments = CONTROL.length - 1;
    for (int e = 0; e < SIZE; e++) {
      double x = (double) e / (SIZE - 1) * segments;
      int i = Math.min((int) Math.floor(x), segments - 1);
      double f = x - i;
      double[] a = labs[i], b = labs[i + 1];
      table[e] = fromLab(a[0] + f * (b[0] - a[0]), a[1] + f * (b[1] - a[1]), a[2] + f * (b[2] - a[2]));
    }
    return table;
  }

  // ---------------------------------------------------------------- sRGB <-> CIE L*a*b* (D65)

  private static final double XN = 0.95047, YN = 1.0, ZN = 1.08883;

  /** L*, a*, b* of an sRGB colour. */
  static double[] lab(int rgb) {
    double r = linear((rgb >> 16) & 255), g = linear((rgb >> 8) & 255), b = linear(rgb & 255);
    double x = 0.4124564 * r + 0.3575761 * g + 0.1804375 * b;
    double y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
    double z = 0.0193339 * r + 0.1191920 * g + 0.9503041 * b;
    double fx = f(x / XN), fy = f(y / YN), fz = f(z / ZN);
    return new double[] {116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)};
  }

  private static int fromLab(double l, double a, double bb) {
    double fy = (l + 16) / 116, fx = fy + a / 500, fz = fy - bb / 200;
    double x = XN * fInv(fx), y = YN * fInv(fy), z = ZN * fInv(fz);
    double r = 3.2404542 * x - 1.5371385 * y - 0.4985314 * z;
    double g = -0.9692660 * x + 1.8760108 * y + 0.0415560 * z;
    double b = 0.0556434 * x - 0.2040259 * y + 1.0572252 * z;
    return (gamma(r) << 16) | (gamma(g) << 8) | gamma(b);
  }

  private static double linear(int c) {
    double v = c / 255.0;
    return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
  }

  private static int gamma(double v) {
    v = Math.clamp(v, 0.0, 1.0);
    double s = v <= 0.0031308 ? 12.92 * v : 1.055 * Math.pow(v, 1 / 2.4) - 0.055;
    return (int) Math.round(Math.clamp(s, 0.0, 1.0) * 255);
  }

  private static double f(double t) {
    double d = 6.0 / 29;
    return t > d * d * d ? Math.cbrt(t) : t / (3 * d * d) + 4.0 / 29;
  }

  private static double fInv(double t) {
    double d = 6.0 / 29;
    return t > d ? t * t * t : 3 * d * d * (t - 4.0 / 29);
  }
}
