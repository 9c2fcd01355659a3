package org.attention4j.viz;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.TextLayout;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Pixel helpers for the image tests. */
final class Images {
  private Images() {}

  /** Where tests leave images for people to look at: app/target/viz-test/. */
  static Path outDir() {
    Path dir = Path.of("target", "viz-test");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }

  static void save(BufferedImage img, String name) {
    try {
      ImageIO.write(img, "png", outDir().resolve(name).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int at(BufferedImage img, Point2D p) {
    return img.getRGB((int) Math.floor(p.getX()), (int) Math.floor(p.getY())) & 0xFFFFFF;
  }

  /** Largest per-channel difference of two colours. */
  static int distance(int a, int b) {
    int d = 0;
    for (int shift = 0; shift <= 16; shift += 8) {
      d = Math.max(d, Math.abs(((a >> shift) & 255) - ((b >> shift) & 255)));
    }
    return d;
  }

  static String hex(int rgb) {
    return String.format("#%06x", rgb);
  }

  /** Ink (dark pixels) inside a region, as a mask. */
  static boolean[][] ink(BufferedImage img, Rectangle2D r) {
    int x0 = (int) Math.floor(r.getX()), y0 = (int) Math.floor(r.getY());
    int w = (int) Math.ceil(r.getWidth()), h = (int) Math.ceil(r.getHeight());
    boolean[][] m = new boolean[h][w];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int px = x0 + x, py = y0 + y;
        if (px < 0 || py < 0 || px >= img.getWidth() || py >= img.getHeight()) continue;
        int c = img.getRGB(px, py);
        int lum = (((c >> 16) & 255) * 3 + ((c >> 8) & 255) * 6 + (c & 255)) / 10;
        m[y][x] = lum < 150;
      }
    }
    return m;
  }

  static int count(boolean[][] m) {
    int n = 0;
    for (boolean[] row : m) for (boolean b : row) if (b) n++;
    return n;
  }

  /** Intersection over union of two ink masks of one size (1 when both are empty). */
  static double iou(boolean[][] a, boolean[][] b) {
    int inter = 0, union = 0;
    for (int y = 0; y < a.length; y++) {
      for (int x = 0; x < a[y].length; x++) {
        if (a[y][x] && b[y][x]) inter++;
        if (a[y][x] || b[y][x]) union++;
      }
    }
    return union == 0 ? 1 : (double) inter / union;
  }

  /**
   * Draws {@code text} in {@code font} on a white image of the figure's size, right-aligned to
   * {@code end} and centred on its y, the way a heatmap row label is placed; with {@code
   * perChar} the characters are drawn one by one, left to right, unjoined (what a renderer
   * without bidi and shaping would show).
   */
  static BufferedImage reference(int w, int h, String text, Font font, Point2D end, boolean perChar) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    g.setColor(new Color(0x222222));
    TextLayout whole = new TextLayout(text, font, g.getFontRenderContext());
    float x = (float) (end.getX() - whole.getAdvance());
    float y = (float) (end.getY() + (whole.getAscent() - whole.getDescent()) / 2);
    if (!perChar) {
      whole.draw(g, x, y);
    } else {
      float cx = x;
      for (int i = 0; i < text.length(); i++) {
        String ch = text.substring(i, i + 1);
        TextLayout one = new TextLayout(ch, font, g.getFontRenderContext());
        one.draw(g, cx, y);
        cx += one.getAdvance();
      }
    }
    g.dispose();
    return img;
  }
}
