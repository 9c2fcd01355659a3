package org.attention4j.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Opens the explorer for a 1024-token example (2 layers x 4 heads of cross-attention, training
 * snapshots, gold links) in headless Chromium, driven over the DevTools protocol ({@link
 * Chromium}); switches layers and heads, hovers tokens (through the page API and with real mouse
 * events), checks that the weights drawn equal the data, takes screenshots and fails on any
 * console error or page exception.
 *
 * <p>Runs in the default suite; skipped with a message when no Chromium is installed
 * ({@code scripts/viz/install-chromium.sh} installs Debian's; {@code ATTN_CHROMIUM} names another).
 */
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(90)
class ExplorerBrowserTest {
  static final int N = 1024, LAYERS = 2, HEADS = 4;

  private AttentionView view;
  private Chromium browser;
  private final List<String> consoleErrors = new ArrayList<>();

  @BeforeAll
  void open() throws Exception {
    Optional<Path> binary = Chromium.find();
    if (binary.isEmpty()) return; // each test is then skipped with the message in requireBrowser()
    browser = Chromium.launch(binary.get(), 1400, 1000);
    browser.collectErrors(consoleErrors);
  }

  /** Writes the explorer for {@code v}, opens it and waits until it has drawn. */
  private void load(AttentionView v, String name) throws Exception {
    Path page = Images.outDir().resolve(name).toAbsolutePath();
    AttentionExplorer.write(v, page);
    long t0 = System.nanoTime();
    browser.call("Page.navigate", Map.of("url", page.toUri().toString()));
    waitFor("typeof window.attnExplorer === 'object' && document.readyState === 'complete' && location.href.endsWith('" + name + "')", 30_000);
    browser.eval("window.attnExplorer.whenDrawn()");
    System.out.printf("%s (%d MB) loaded and drawn in %d ms%n", name, Files.size(page) >> 20, (System.nanoTime() - t0) / 1_000_000);
  }

  @BeforeEach
  void requireBrowser() {
    assumeTrue(browser != null, "Chromium not found (install it with scripts/viz/install-chromium.sh, or set ATTN_CHROMIUM): browser test skipped");
  }

  @AfterAll
  void close() {
    if (browser != null) browser.close();
  }

  private void waitFor(String condition, long millis) throws Exception {
    long end = System.currentTimeMillis() + millis;
    while (!Boolean.TRUE.equals(browser.eval(condition))) {
      assertTrue(System.currentTimeMillis() < end, "page did not get to: " + condition);
      Thread.sleep(50);
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> state() throws Exception {
    return (Map<String, Object>) browser.eval("window.attnExplorer.state()");
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> hoverAndRead(String side, int index) throws Exception {
    return (Map<String, Object>) browser.eval("(async () => { const e = window.attnExplorer; e.hoverToken('" + side + "', " + index
        + "); await e.whenDrawn(); return e.highlightedWeights(); })()");
  }

  /** The highlighted weights of every head in {@code heads} equal the data, to the bit (after float16 storage). */
  @SuppressWarnings("unchecked")
  private void assertHighlightEqualsData(Map<String, Object> hl, String side, int index, int layer, List<Integer> heads,
      Map<HeadKey, AttentionMatrix> source) {
    assertHighlightEqualsData(hl, AttentionKind.CROSS, side, index, layer, heads, source);
  }

  @SuppressWarnings("unchecked")
  private void assertHighlightEqualsData(Map<String, Object> hl, AttentionKind kind, String side, int index, int layer,
      List<Integer> heads, Map<HeadKey, AttentionMatrix> source) {
    assertEquals(kind.id(), hl.get("kind"));
    assertEquals(side, hl.get("side"));
    assertEquals((long) index, hl.get("index"));
    assertEquals((long) layer, hl.get("layer"));
    Map<String, Object> perHead = (Map<String, Object>) hl.get("heads");
    assertEquals(heads.stream().map(String::valueOf).toList(), List.copyOf(perHead.keySet()));
    for (int h : heads) {
      AttentionMatrix m = source.get(new HeadKey(kind, layer, h));
      float[] want = side.equals("query") ? m.row(index) : m.column(index);
      List<Object> got = (List<Object>) perHead.get(String.valueOf(h));
      assertEquals(want.length, got.size(), "head " + h + " vector length");
      for (int j = 0; j < want.length; j++) {
        double g = ((Number) got.get(j)).doubleValue();
        assertEquals(AttentionViewJson.toHalf(want[j]), g, 0.0, "layer " + layer + " head " + h + " " + side + " " + index + " weight " + j);
        assertEquals(want[j], g, Math.abs(want[j]) * 1e-3 + 1e-7, "within float16 precision of the float32 data");
      }
    }
  }

  @Test
  void explorer_selfAttentionKinds_switchAndHover() throws Exception {
    List<String> src = List.of("Who", "are", "you", "?", "</s>"), tgt = List.of("<s>", "你", "是", "誰", "?");
    AttentionView.Builder b = AttentionView.builder(src, tgt).meta(AttentionView.MODEL, "transformer");
    for (int l = 0; l < 2; l++) {
      for (int h = 0; h < 2; h++) {
        b.matrix(new HeadKey(AttentionKind.CROSS, l, h), Synthetic.softmaxRows(5, 5, 3, h, 10L * l + h));
        b.matrix(new HeadKey(AttentionKind.SELF_ENCODER, l, h), Synthetic.softmaxRows(5, 5, 2, -h, 20L * l + h));
        float[] causal = Synthetic.softmaxRows(5, 5, 2, 0, 30L * l + h).toArray();
        for (int r = 0; r < 5; r++) {
          float sum = 0;
          for (int c = 0; c < 5; c++) sum += c <= r ? causal[r * 5 + c] : 0;
          for (int c = 0; c < 5; c++) causal[r * 5 + c] = c <= r ? causal[r * 5 + c] / sum : 0;
        }
        b.matrix(new HeadKey(AttentionKind.SELF_DECODER, l, h), AttentionMatrix.of(5, 5, causal));
      }
    }
    AttentionView small = b.build();
    load(small, "explorer-kinds.html");
    assertEquals(List.of("cross", "encoder", "decoder"), state().get("kinds"));
    browser.eval("window.attnExplorer.select(1, [0, 1], 'encoder')");
    assertHighlightEqualsData(hoverAndRead("key", 4), AttentionKind.SELF_ENCODER, "key", 4, 1, List.of(0, 1), small.matrices());
    browser.eval("window.attnExplorer.select(0, 1, 'decoder')");
    assertHighlightEqualsData(hoverAndRead("query", 2), AttentionKind.SELF_DECODER, "query", 2, 0, List.of(1), small.matrices());
    screenshot("explorer-decoder-self.png");
    // the kind selector in the page switches too
    browser.eval("(() => { const s = document.getElementById('kind'); s.value = 'cross'; s.dispatchEvent(new Event('change')); })()");
    assertEquals("cross", state().get("kind"));
    assertEquals(List.of(), state().get("errors"), "errors caught by the page");
    assertEquals(List.of(), consoleErrors, "console errors or exceptions");
  }

  private BufferedImage screenshot(String name) throws Exception {
    Map<String, Object> shot = browser.call("Page.captureScreenshot", Map.of("format", "png"));
    byte[] png = Base64.getDecoder().decode((String) shot.get("data"));
    Files.write(Images.outDir().resolve(name), png);
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
    Set<Integer> colours = new HashSet<>();
    int nonWhite = 0;
    for (int y = 0; y < img.getHeight(); y += 3) {
      for (int x = 0; x < img.getWidth(); x += 3) {
        int c = img.getRGB(x, y) & 0xFFFFFF;
        colours.add(c);
        if (Images.distance(c, 0xFFFFFF) > 40 && Images.distance(c, 0xFAFAFA) > 40) nonWhite++;
      }
    }
    assertTrue(colours.size() > 50 && nonWhite > 2000, name + " is blank: " + colours.size() + " colours, " + nonWhite + " inked samples");
    return img;
  }

  @Test
  void explorer_1024Tokens_switchesHoversAndDrawsTheData() throws Exception {
    view = Synthetic.crossExample(N, LAYERS, HEADS);
    load(view, "explorer-1024.html");
    Map<String, Object> s = state();
    assertEquals(List.of("cross"), s.get("kinds"));
    assertEquals((long) N, s.get("queries"));
    assertEquals((long) N, s.get("keys"));
    assertEquals(List.of(0L, 1L), s.get("layers"));
    assertEquals(List.of(0L, 1L, 2L, 3L), s.get("headsInLayer"));
    assertEquals(List.of(100L, 200L, 300L), s.get("snapshots"));

    // switch layer and head, then hover a query: what it attends to
    browser.eval("window.attnExplorer.select(1, 2)");
    s = state();
    assertEquals(1L, s.get("layer"));
    assertEquals(List.of(2L), s.get("heads"));
    long t0 = System.nanoTime();
    Map<String, Object> hl = hoverAndRead("query", 700);
    long hoverMs = (System.nanoTime() - t0) / 1_000_000;
    assertHighlightEqualsData(hl, "query", 700, 1, List.of(2), view.matrices());

    // every head of layer 0; hover a key: what attends to it
    browser.eval("window.attnExplorer.select(0, [0, 1, 2, 3])");
    hl = hoverAndRead("key", 5);
    assertHighlightEqualsData(hl, "key", 5, 0, List.of(0, 1, 2, 3), view.matrices());
    hl = hoverAndRead("query", 1023);
    assertHighlightEqualsData(hl, "query", 1023, 0, List.of(0, 1, 2, 3), view.matrices());
    screenshot("explorer-1024-hover.png");
    browser.eval("window.attnExplorer.setScale('max'); window.attnExplorer.hoverToken('query', 500); window.attnExplorer.whenDrawn()");
    assertEquals("max", state().get("scale"));
    screenshot("explorer-1024-scaled.png");
    browser.eval("window.attnExplorer.setScale('1')");

    // the training slider: the first snapshot's weights are drawn
    browser.eval("window.attnExplorer.select(0, 0); window.attnExplorer.setSnapshot(0)");
    hl = hoverAndRead("query", 40);
    assertEquals(100L, hl.get("snapshot"));
    assertHighlightEqualsData(hl, "query", 40, 0, List.of(0), view.snapshots().getFirst().matrices());
    browser.eval("window.attnExplorer.setSnapshot(3)");

    // real mouse events over the head view reach the same hover
    browser.eval("window.attnExplorer.clearHover(); document.getElementById('hv-scroll').scrollTop = 0; window.attnExplorer.whenDrawn()");
    @SuppressWarnings("unchecked")
    Map<String, Object> rect = (Map<String, Object>) browser.eval(
        "(() => { const r = document.getElementById('hv-scroll').getBoundingClientRect(); return {x: r.left, y: r.top}; })()");
    double x = ((Number) rect.get("x")).doubleValue() + 60, y = ((Number) rect.get("y")).doubleValue() + 4 + 3 * 18 + 9;
    browser.call("Input.dispatchMouseEvent", Map.of("type", "mouseMoved", "x", x, "y", y));
    waitFor("(s => s.hover && s.hover.side === 'query' && s.hover.index === 3)(window.attnExplorer.state())", 5_000);
    waitFor("!document.getElementById('tooltip').hidden", 5_000);
    String tip = (String) browser.eval("document.getElementById('tooltip').textContent");
    assertTrue(tip.startsWith("query 3 \"t:word3\"") || tip.startsWith("query 3 \"" + view.targetTokens().get(3) + "\""), tip);
    browser.eval("window.attnExplorer.whenDrawn()");
    hl = hoverAndRead("query", 3);
    assertHighlightEqualsData(hl, "query", 3, 0, List.of(0), view.matrices());
    screenshot("explorer-1024-mouse.png");

    // model view: one thumbnail per layer x head; clicking one opens it in the head view
    browser.eval("window.attnExplorer.showModelView(); window.attnExplorer.whenDrawn()");
    assertEquals((long) LAYERS * HEADS, browser.eval("document.querySelectorAll('#thumbs .thumb').length"));
    screenshot("explorer-1024-model.png");
    browser.eval("document.querySelector('.thumb[data-layer=\"1\"][data-head=\"3\"]').click(); window.attnExplorer.whenDrawn()");
    s = state();
    assertEquals("head", s.get("view"));
    assertEquals(1L, s.get("layer"));
    assertEquals(List.of(3L), s.get("heads"));

    // page-side timing of a hover at 1024 tokens (hover + one frame)
    Number ms = (Number) browser.eval("(async () => { const t = performance.now(); window.attnExplorer.hoverToken('query', 512); "
        + "await window.attnExplorer.whenDrawn(); return performance.now() - t; })()");
    System.out.printf("hover + frame at %d tokens: %.1f ms in the page, first hover round trip %d ms%n", N, ms.doubleValue(), hoverMs);
    assertTrue(ms.doubleValue() < 1000, "hover took " + ms + " ms");

    assertEquals(List.of(), state().get("errors"), "errors caught by the page");
    assertEquals(List.of(), consoleErrors, "console errors or exceptions");
  }
}
