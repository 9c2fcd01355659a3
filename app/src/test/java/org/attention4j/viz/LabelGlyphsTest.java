package org.attention4j.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Font;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Labels in CJK, accented Latin and right-to-left scripts render as glyphs, not boxes: the
 * heatmap's label region is compared, pixel by pixel, with the same text drawn directly in a font
 * that has the glyphs, and with a string of missing glyphs (tofu) drawn in that font.
 *
 * <p>Needs fonts with the glyphs: {@code scripts/viz/install-fonts.sh} installs them; without
 * them these tests are skipped with a message saying so.
 */
class LabelGlyphsTest {
  /** Unassigned code points: every font draws its missing-glyph box for them. */
  static final String TOFU = "\u0378\u0378 \u0378 \u0378";

  private static Font fontWithGlyphs(String text, String... families) {
    LabelFonts.headless();
    for (String f : families) {
      Font font = new Font(f, Font.PLAIN, 11);
      if (font.getFamily().equals(f) && font.canDisplayUpTo(text) == -1) return font;
    }
    return null;
  }

  /** The label of row 0 of a one-row heatmap with {@code label} as its only target token. */
  private record Rendered(BufferedImage image, Rectangle2D region, Point2D end) {}

  private static Rendered render(String label, String name) {
    AttentionView v = AttentionView.builder(List.of("a", "b"), List.of(label))
        .matrix(AttentionKind.CROSS, 0, 0, new float[][] {{0.25f, 0.75f}}).build();
    Heatmap h = Heatmap.of(v, new HeadKey(AttentionKind.CROSS, 0, 0), HeatmapStyle.defaults().withFontPx(16).withTitle(""));
    BufferedImage img = h.toImage();
    Images.save(img, name);
    HeatmapPanel p = h.panels().getFirst();
    Point2D end = p.rowLabelAnchor(0);
    Rectangle2D region = new Rectangle2D.Double(end.getX() - p.rowLabelWidth() - 4, end.getY() - 14, p.rowLabelWidth() + 6, 28);
    return new Rendered(img, region, end);
  }

  private static void assertGlyphs(String label, Font font, String name, boolean checkOrder) {
    assertEquals(-1, font.canDisplayUpTo(label), font.getFamily() + " has every glyph of " + label);
    assertNotEquals(-1, font.canDisplayUpTo(TOFU), "the tofu string has no glyphs");
    Rendered r = render(label, name);
    Font f16 = font.deriveFont(16f);
    int w = r.image().getWidth(), h = r.image().getHeight();
    boolean[][] drawn = Images.ink(r.image(), r.region());
    boolean[][] reference = Images.ink(Images.reference(w, h, label, f16, r.end(), false), r.region());
    boolean[][] tofu = Images.ink(Images.reference(w, h, TOFU, f16, r.end(), false), r.region());
    double same = Images.iou(drawn, reference), box = Images.iou(drawn, tofu);
    System.out.printf("%s in %s: IoU with glyphs %.3f, with tofu %.3f%n", label, font.getFamily(), same, box);
    assertTrue(Images.count(drawn) > 30, "the label has ink: " + Images.count(drawn) + " pixels");
    assertTrue(same > 0.8, label + ": label region should match the text drawn in " + font.getFamily()
        + " (IoU " + same + ")");
    assertTrue(box < 0.5 && box < same - 0.3, label + ": label region must not look like tofu (IoU with tofu "
        + box + ", with glyphs " + same + ")");
    if (checkOrder) {
      boolean[][] unshaped = Images.ink(Images.reference(w, h, label, f16, r.end(), true), r.region());
      double naive = Images.iou(drawn, unshaped);
      System.out.printf("%s: IoU with unshaped left-to-right letters %.3f%n", label, naive);
      assertTrue(naive < same - 0.2, label + ": drawn right to left and joined, unlike letters placed one by one"
          + " (IoU with naive " + naive + ", with shaped " + same + ")");
    }
  }

  @Test
  void cjkLabel_rendersAsGlyphsNotBoxes() {
    String label = "誰 是 你";
    Font font = fontWithGlyphs(label, "Noto Sans CJK SC", "Noto Sans CJK JP", "WenQuanYi Zen Hei", "Droid Sans Fallback");
    assumeTrue(font != null, "no CJK font installed (Noto Sans CJK / WenQuanYi): run scripts/viz/install-fonts.sh");
    assertNotNull(LabelFonts.fontFor(label, 11f), "LabelFonts picks a font that displays " + label);
    assertTrue(LabelFonts.canDisplay(label));
    assertGlyphs(label, font, "label-cjk.png", false);
  }

  @Test
  void accentedLabel_rendersAsGlyphs() {
    String label = "Ça été naïve";
    Font font = fontWithGlyphs(label, "Noto Sans", "DejaVu Sans");
    assumeTrue(font != null, "no Noto Sans / DejaVu Sans: run scripts/viz/install-fonts.sh");
    assertGlyphs(label, font, "label-accents.png", false);
  }

  @Test
  void arabicLabel_rendersRightToLeftAndShaped() {
    String label = "مرحبا بالعالم";
    Font font = fontWithGlyphs(label, "Noto Sans Arabic", "DejaVu Sans");
    assumeTrue(font != null, "no Arabic font (Noto Sans Arabic / DejaVu Sans): run scripts/viz/install-fonts.sh");
    assertGlyphs(label, font, "label-arabic.png", true);
  }

  @Test
  void hebrewLabel_rendersRightToLeft() {
    String label = "שלום עולם";
    Font font = fontWithGlyphs(label, "Noto Sans Hebrew", "DejaVu Sans");
    assumeTrue(font != null, "no Hebrew font (Noto Sans Hebrew / DejaVu Sans): run scripts/viz/install-fonts.sh");
    assertGlyphs(label, font, "label-hebrew.png", true);
  }

  @Test
  void mixedScripts_useOneFontPerRun() {
    assumeTrue(fontWithGlyphs("誰", "Noto Sans CJK SC", "Noto Sans CJK JP", "WenQuanYi Zen Hei") != null,
        "no CJK font installed: run scripts/viz/install-fonts.sh");
    String label = "who=誰";
    assertTrue(LabelFonts.canDisplay(label));
    var layout = LabelFonts.layout(label, 12f, false, LabelFonts.renderContext());
    assertTrue(layout.getAdvance() > 20);
    assertFalse(LabelFonts.canDisplay("\u0378"), "unassigned code points have no glyph anywhere");
  }

  @Test
  void cssFamilies_listsEveryFamilyThenSansSerif() {
    String css = LabelFonts.cssFamilies();
    assertTrue(css.startsWith("'Noto Sans', 'Noto Sans CJK SC'"), css);
    assertTrue(css.contains("'WenQuanYi Zen Hei'") && css.endsWith(", sans-serif"), css);
  }
}
