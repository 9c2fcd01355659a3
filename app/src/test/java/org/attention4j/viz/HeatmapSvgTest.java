package org.attention4j.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** SVG heatmaps: well-formed XML whose cell rectangles carry the colour map's colours at the layout's positions. */
class HeatmapSvgTest {
  static Document parse(String svg) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }

  static List<Element> all(Document d, String tag) {
    NodeList nl = d.getElementsByTagNameNS("http://www.w3.org/2000/svg", tag);
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < nl.getLength(); i++) out.add((Element) nl.item(i));
    return out;
  }

  static Element rectAt(Document d, double x, double y) {
    for (Element r : all(d, "rect")) {
      if (r.getAttribute("class").equals("gold")) continue;
      double rx = Double.parseDouble(r.getAttribute("x")), ry = Double.parseDouble(r.getAttribute("y"));
      double w = Double.parseDouble(r.getAttribute("width")), h = Double.parseDouble(r.getAttribute("height"));
      if (w < 50 && x >= rx && x < rx + w && y >= ry && y < ry + h) return r;
    }
    return null;
  }

  @Test
  void gradient_cellsHaveTheirColoursAndLabelsTheirText() throws Exception {
    float[][] w = HeatmapTest.gradient(3, 4);
    AttentionView v = AttentionView.builder(List.of("Who", "are", "you", "?"), List.of("誰", "是", "你"))
        .matrix(AttentionKind.CROSS, 0, 0, w).build();
    Heatmap h = Heatmap.of(v, new HeadKey(AttentionKind.CROSS, 0, 0), HeatmapStyle.defaults());
    String svg = h.toSvg();
    Files.writeString(Images.outDir().resolve("gradient.svg"), svg);
    Document d = parse(svg);
    Element root = d.getDocumentElement();
    assertEquals(String.valueOf(h.width()), root.getAttribute("width"));
    assertTrue(root.getAttribute("font-family").startsWith("'Noto Sans', 'Noto Sans CJK SC'"), root.getAttribute("font-family"));
    HeatmapPanel p = h.panels().getFirst();
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 4; c++) {
        var ctr = p.cellCenter(r, c);
        Element rect = rectAt(d, ctr.getX(), ctr.getY());
        assertEquals(ColorMap.hex(w[r][c]), rect.getAttribute("fill"), "cell [" + r + "][" + c + "]");
      }
    }
    List<String> texts = all(d, "text").stream().map(Element::getTextContent).toList();
    assertTrue(texts.containsAll(List.of("誰", "是", "你", "Who", "?", "weight", "1.00", "0.00")), texts.toString());
    assertTrue(texts.contains(".09"), "values in cells: " + texts); // 1/11
  }

  @Test
  void largeMatrix_isEmbeddedAsOnePixelatedImage() throws Exception {
    int n = 300;
    float[][] w = new float[n][n];
    for (int i = 0; i < n; i++) w[i][i] = 1;
    AttentionView v = AttentionView.selfAttention(HeatmapTest.tokens("w", n)).matrix(AttentionKind.SELF_ENCODER, 0, 0, w).build();
    String svg = Heatmap.of(v, new HeadKey(AttentionKind.SELF_ENCODER, 0, 0), HeatmapStyle.defaults()).toSvg();
    Document d = parse(svg);
    List<Element> images = all(d, "image");
    assertEquals(1, images.size());
    assertTrue(images.getFirst().getAttribute("href").startsWith("data:image/png;base64,"));
    assertTrue(svg.length() < 200_000, "svg is " + svg.length() + " chars");
  }

  @Test
  void specialCharacters_areEscaped() throws Exception {
    AttentionView v = AttentionView.builder(List.of("<b>", "a&b"), List.of("\"q\"", "it's"))
        .matrix(AttentionKind.CROSS, 0, 0, new float[][] {{1, 0}, {0, 1}}).build();
    Document d = parse(Heatmap.of(v, new HeadKey(AttentionKind.CROSS, 0, 0), HeatmapStyle.defaults()).toSvg());
    List<String> texts = all(d, "text").stream().map(Element::getTextContent).toList();
    assertTrue(texts.containsAll(List.of("<b>", "a&b", "\"q\"", "it's")), texts.toString());
  }

  @Test
  void numbers_areCompact() {
    assertEquals("12", SvgSurface.n(12.0));
    assertEquals("12.5", SvgSurface.n(12.5));
    assertEquals("0.33", SvgSurface.n(1 / 3.0));
  }
}
