package org.attention4j.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.attention4j.eval.Pharaoh;
import org.junit.jupiter.api.Test;

/** Pixel checks of PNG heatmaps: known matrices draw known colours in known cells. */
class HeatmapTest {
  static final int TOLERANCE = 3;

  static AttentionView identityView() {
    return AttentionView.builder(List.of("Who", "are", "you"), List.of("誰", "是", "你"))
        .matrix(AttentionKind.CROSS, 0, 0, new float[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}})
        .meta(AttentionView.MODEL, "test").build();
  }

  static float[][] gradient(int rows, int cols) {
    float[][] w = new float[rows][cols];
    for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) w[r][c] = (r * cols + c) / (float) (rows * cols - 1);
    return w;
  }

  static List<String> tokens(String prefix, int n) {
    List<String> t = new ArrayList<>();
    for (int i = 0; i < n; i++) t.add(prefix + i);
    return t;
  }

  private static void assertCellColours(Heatmap h, BufferedImage img, int panel, float[][] expected) {
    HeatmapPanel p = h.panels().get(panel);
    for (int r = 0; r < expected.length; r++) {
      for (int c = 0; c < expected[r].length; c++) {
        int want = ColorMap.rgb(expected[r][c] / h.vmax()), got = Images.at(img, p.cellCenter(r, c));
        assertTrue(Images.distance(want, got) <= TOLERANCE, "panel " + panel + " cell [" + r + "][" + c + "] weight "
            + expected[r][c] + ": expected " + Images.hex(want) + ", got " + Images.hex(got));
      }
    }
  }

  @Test
  void identity_drawsViridisEndsOnAndOffTheDiagonal() {
    Heatmap h = Heatmap.of(identityView(), new HeadKey(AttentionKind.CROSS, 0, 0), HeatmapStyle.defaults().withShowValues(false));
    BufferedImage img = h.toImage();
    Images.save(img, "identity.png");
    assertCellColours(h, img, 0, new float[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}});
    assertEquals(0xFDE725, Images.at(img, h.panels().getFirst().cellCenter(1, 1)));
    assertEquals(0x440154, Images.at(img, h.panels().getFirst().cellCenter(0, 1)));
  }

  @Test
  void gradient_drawsEachCellInItsColour() {
    float[][] w = gradient(4, 6);
    AttentionView v = AttentionView.builder(tokens("s", 6), tokens("t", 4)).matrix(AttentionKind.CROSS, 0, 0, w).build();
    Heatmap h = Heatmap.of(v, new HeadKey(AttentionKind.CROSS, 0, 0), HeatmapStyle.defaults().withShowValues(false));
    BufferedImage img = h.toImage();
    Images.save(img, "gradient.png");
    assertCellColours(h, img, 0, w);
  }

  @Test
  void autoScale_mapsTheLargestWeightToTheTopColour() {
    float[][] w = {{0.1f, 0.2f}, {0.3f, 0.4f}};
    AttentionView v = AttentionView.builder(tokens("s", 2), tokens("t", 2)).matrix(AttentionKind.CROSS, 0, 0, w).build();
    Heatmap h = Heatmap.of(v, new HeadKey(AttentionKind.CROSS, 0, 0), HeatmapStyle.defaults().withShowValues(false).withVmax(0));
    assertEquals(0.4, h.vmax(), 1e-6);
    BufferedImage img = h.toImage();
    assertEquals(0xFDE725, Images.at(img, h.panels().getFirst().cellCenter(1, 1)));
    assertCellColours(h, img, 0, w);
  }

  @Test
  void legend_runsFromZeroAtTheBottomToVmaxAtTheTop() {
    Heatmap h = Heatmap.of(identityView(), new HeadKey(AttentionKind.CROSS, 0, 0), HeatmapStyle.defaults());
    BufferedImage img = h.toImage();
    Rectangle2D b = h.legendBounds();
    assertTrue(b.getMaxX() < img.getWidth() && b.getMaxY() < img.getHeight(), "legend inside the image: " + b);
    double x = b.getCenterX();
    for (double f : new double[] {0.02, 0.25, 0.5, 0.75, 0.98}) {
      double y = b.getMaxY() - f * b.getHeight();
      int want = ColorMap.rgb(f), got = img.getRGB((int) x, (int) y) & 0xFFFFFF;
      assertTrue(Images.distance(want, got) <= 6, "legend at " + f + ": expected " + Images.hex(want) + ", got " + Images.hex(got));
    }
    // tick labels to the right of the bar: there is ink there
    Rectangle2D ticks = new Rectangle2D.Double(b.getMaxX() + 6, b.getY() - 8, 30, b.getHeight() + 16);
    assertTrue(Images.count(Images.ink(img, ticks)) > 20, "tick labels drawn");
  }

  @Test
  void values_areWrittenInCellsInAContrastingColour() {
    Heatmap h = Heatmap.of(identityView(), new HeadKey(AttentionKind.CROSS, 0, 0), HeatmapStyle.defaults());
    BufferedImage img = h.toImage();
    HeatmapPanel p = h.panels().getFirst();
    // an off-diagonal (dark) cell holds white ".00" ink; the corner stays the cell colour
    Rectangle2D cell = p.cellBounds(0, 1);
    int light = 0;
    for (int y = (int) cell.getY() + 2; y < cell.getMaxY() - 2; y++) {
      for (int x = (int) cell.getX() + 2; x < cell.getMaxX() - 2; x++) {
        if (Images.distance(img.getRGB(x, y) & 0xFFFFFF, 0xFFFFFF) < 80) light++;
      }
    }
    assertTrue(light > 5, "white digits in the dark cell, got " + light + " light pixels");
    assertEquals(0x440154, img.getRGB((int) cell.getX() + 1, (int) cell.getY() + 1) & 0xFFFFFF);
    assertEquals(".00", HeatmapPainter.value(0.001f));
    assertEquals("1", HeatmapPainter.value(1f));
    assertEquals(".50", HeatmapPainter.value(0.5f));
  }

  @Test
  void perHeadGrid_drawsEveryHeadInItsOwnPanel() {
    AttentionView.Builder b = AttentionView.builder(tokens("s", 5), tokens("t", 4));
    List<float[][]> heads = new ArrayList<>();
    for (int hd = 0; hd < 4; hd++) {
      float[][] w = new float[4][5];
      for (int r = 0; r < 4; r++) w[r][(r + hd) % 5] = 1;
      heads.add(w);
      b.matrix(AttentionKind.CROSS, 1, hd, w);
    }
    Heatmap h = Heatmap.ofLayer(b.build(), AttentionKind.CROSS, 1, HeatmapStyle.defaults().withShowValues(false));
    assertEquals(4, h.panels().size());
    assertEquals("head 3", h.panels().get(2).title());
    // 2 x 2 grid: panel 1 right of panel 0, panel 2 below it
    assertTrue(h.panels().get(1).gridBounds().getX() > h.panels().get(0).gridBounds().getMaxX());
    assertTrue(h.panels().get(2).gridBounds().getY() > h.panels().get(0).gridBounds().getMaxY());
    BufferedImage img = h.toImage();
    Images.save(img, "heads.png");
    for (int hd = 0; hd < 4; hd++) assertCellColours(h, img, hd, heads.get(hd));
  }

  @Test
  void gold_isOutlinedInRed() {
    AttentionView v = AttentionView.builder(List.of("Who", "are", "you"), List.of("你", "是", "誰"))
        .matrix(AttentionKind.CROSS, 0, 0, new float[][] {{0.2f, 0.3f, 0.5f}, {0.3f, 0.4f, 0.3f}, {0.5f, 0.3f, 0.2f}})
        .gold(Pharaoh.parse("2-0 1-1 0-2")).build();
    Heatmap h = Heatmap.of(v, new HeadKey(AttentionKind.CROSS, 0, 0), HeatmapStyle.defaults().withShowValues(false));
    BufferedImage img = h.toImage();
    Images.save(img, "gold.png");
    HeatmapPanel p = h.panels().getFirst();
    Rectangle2D linked = p.cellBounds(0, 2), plain = p.cellBounds(0, 0);
    int edge = (int) Math.round(linked.getCenterY());
    assertTrue(Images.distance(img.getRGB((int) linked.getX() + 1, edge) & 0xFFFFFF, Heatmap.GOLD) < 60, "red edge on gold link 2-0");
    assertTrue(Images.distance(img.getRGB((int) plain.getX() + 1, edge) & 0xFFFFFF, Heatmap.GOLD) > 100, "no red edge elsewhere");
    assertCellColours(h, img, 0, new float[][] {{0.2f, 0.3f, 0.5f}, {0.3f, 0.4f, 0.3f}, {0.5f, 0.3f, 0.2f}});
  }

  @Test
  void longInput_shrinksCellsAndLabelsEveryKthToken() {
    int n = 300;
    float[][] w = new float[n][n];
    for (int i = 0; i < n; i++) w[i][(i * 7) % n] = 1;
    AttentionView v = AttentionView.selfAttention(tokens("w", n)).matrix(AttentionKind.SELF_ENCODER, 0, 0, w).build();
    Heatmap h = Heatmap.of(v, new HeadKey(AttentionKind.SELF_ENCODER, 0, 0), HeatmapStyle.defaults());
    HeatmapPanel p = h.panels().getFirst();
    assertEquals(1, p.factor());
    assertEquals(3, p.cellPx()); // floor(1024 / 300)
    assertEquals(5, p.rowLabelStride()); // ceil((11 + 2) / 3)
    assertEquals("0 w0", p.rowLabel(0));
    assertNull(p.rowLabel(1));
    assertEquals("5 w5", p.rowLabel(5));
    assertTrue(h.caption().contains("labels every 5 tokens"), h.caption());
    BufferedImage img = h.toImage();
    Images.save(img, "long-300.png");
    assertEquals(0xFDE725, Images.at(img, p.cellCenter(10, 70)));
    assertEquals(0x440154, Images.at(img, p.cellCenter(10, 71)));
  }

  @Test
  void veryLongInput_aggregatesBlocksByTheirMaximum() {
    int n = 2050;
    float[] w = new float[n * n];
    w[1001 * n + 3] = 1f; // one sharp weight
    AttentionView v = AttentionView.selfAttention(tokens("w", n))
        .matrix(new HeadKey(AttentionKind.SELF_ENCODER, 0, 0), AttentionMatrix.of(n, n, w)).build();
    Heatmap h = Heatmap.of(v, new HeadKey(AttentionKind.SELF_ENCODER, 0, 0), HeatmapStyle.defaults());
    HeatmapPanel p = h.panels().getFirst();
    assertEquals(3, p.factor()); // ceil(2050 / 1024)
    assertEquals(684, p.rows());
    assertEquals(1, p.cellPx());
    assertTrue(h.caption().contains("each cell = 3x3 tokens (block maximum)"), h.caption());
    assertEquals(1f, p.value(1001 / 3, 1));
    BufferedImage img = h.toImage();
    assertEquals(0xFDE725, Images.at(img, p.cellCenter(1001 / 3, 1)));
    assertEquals(0x440154, Images.at(img, p.cellCenter(1001 / 3, 2)));
    assertTrue(img.getWidth() < 1400 && img.getHeight() < 1400, img.getWidth() + " x " + img.getHeight());
  }

  @Test
  void labels_areCutToMaxChars() {
    assertEquals("abcd…", Heatmap.shorten("abcdefgh", 4));
    assertEquals("誰是", Heatmap.shorten("誰是", 4));
    assertEquals("a\uFFFDb", Heatmap.shorten("a\nb", 4));
  }

  @Test
  void layout_placesLabelsOutsideTheGrid() {
    Heatmap h = Heatmap.of(identityView(), new HeadKey(AttentionKind.CROSS, 0, 0), HeatmapStyle.defaults());
    HeatmapPanel p = h.panels().getFirst();
    Point2D row = p.rowLabelAnchor(0), col = p.colLabelAnchor(0);
    assertTrue(row.getX() < p.gridBounds().getX());
    assertTrue(col.getY() < p.gridBounds().getY());
    assertNotNull(p.rowLabel(2));
    assertEquals("你", p.rowLabel(2));
    assertTrue(h.title().startsWith("test · cross layer 1 head 1"), h.title());
  }
}
