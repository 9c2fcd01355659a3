package org.attention4j.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.attention4j.io.Json;
import org.attention4j.serve.AttentionServer;
import org.attention4j.serve.Explainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The explorer's multi-example page and the live page of {@code attn serve-viz} in headless
 * Chromium: switching examples keeps the layer, heads and training step and draws the new data;
 * typing a sentence into the live page (real key and mouse events) sends it to the server and
 * redraws the page with the answer; a rejected sentence shows the server's message.
 */
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(90)
class LivePageBrowserTest {
  private Chromium browser;
  private final List<String> consoleErrors = new ArrayList<>();

  /** Reverses the words; the cross-attention of target word q looks at source word S-1-q. */
  static final class Reverser implements Explainer {
    int calls;

    @Override
    public Explanation explain(String source, String target) {
      calls++;
      if (source.contains("boom")) throw new IllegalArgumentException("input " + calls + ": the source encodes to no tokens");
      List<String> src = List.of(source.strip().split("\\s+"));
      List<String> tgt = new ArrayList<>(src);
      Collections.reverse(tgt);
      tgt.add("</s>");
      AttentionView.Builder b = AttentionView.builder(src, tgt).meta(AttentionView.MODEL, "reverser");
      for (int h = 0; h < 2; h++) {
        b.matrix(new HeadKey(AttentionKind.CROSS, 0, h), Synthetic.softmaxRows(tgt.size(), src.size(), 5, h, calls * 10L + h));
        b.matrix(new HeadKey(AttentionKind.SELF_ENCODER, 0, h), Synthetic.softmaxRows(src.size(), src.size(), 3, 0, calls * 20L + h));
      }
      return new Explanation(b.build(), String.join(" ", tgt.subList(0, tgt.size() - 1)), true);
    }

    @Override
    public Map<String, Object> describe() {
      return Map.of("model", "reverser");
    }
  }

  @BeforeAll
  void open() throws Exception {
    Optional<Path> binary = Chromium.find();
    if (binary.isEmpty()) return;
    browser = Chromium.launch(binary.get(), 1300, 900);
    browser.collectErrors(consoleErrors);
  }

  @BeforeEach
  void requireBrowser() {
    assumeTrue(browser != null, "Chromium not found (install it with scripts/viz/install-chromium.sh, or set ATTN_CHROMIUM): browser test skipped");
    consoleErrors.clear();
  }

  @AfterAll
  void close() {
    if (browser != null) browser.close();
  }

  private void navigate(String url) throws Exception {
    browser.call("Page.navigate", Map.of("url", url));
    waitFor("typeof window.attnExplorer === 'object' && document.readyState === 'complete' && location.href === " + Json.write(url, false),
        30_000);
    browser.eval("window.attnExplorer.whenDrawn()");
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
  private List<Double> hoveredRow(int head, int index) throws Exception {
    Map<String, Object> hl = (Map<String, Object>) browser.eval("(async () => { const e = window.attnExplorer; e.hoverToken('query', "
        + index + "); await e.whenDrawn(); return e.highlightedWeights(); })()");
    return ((List<Number>) ((Map<String, Object>) hl.get("heads")).get(String.valueOf(head))).stream().map(Number::doubleValue).toList();
  }

  private static void assertRow(AttentionMatrix m, int row, List<Double> got) {
    float[] want = m.row(row);
    assertEquals(want.length, got.size());
    for (int i = 0; i < want.length; i++) assertEquals(AttentionViewJson.toHalf(want[i]), got.get(i), 0.0, "weight " + i);
  }

  private void screenshot(String name) throws Exception {
    Map<String, Object> shot = browser.call("Page.captureScreenshot", Map.of("format", "png"));
    java.nio.file.Files.write(Images.outDir().resolve(name), Base64.getDecoder().decode((String) shot.get("data")));
  }

  @Test
  void examplePage_switchKeepsLayerHeadsAndStep_andDrawsTheNewData() throws Exception {
    List<AttentionView> views = List.of(Synthetic.crossExample(12, 2, 3), Synthetic.crossExample(20, 2, 3),
        Synthetic.crossExample(7, 2, 3));
    Path page = Images.outDir().resolve("explorer-examples.html").toAbsolutePath();
    AttentionExplorer.page(views).labels(List.of("twelve", "twenty", "seven")).title("three examples")
        .initial(AttentionKind.CROSS, 1, List.of(2)).write(page);
    navigate(page.toUri().toString());
    Map<String, Object> s = state();
    assertEquals(0L, s.get("example"));
    assertEquals(3L, s.get("examples"));
    assertEquals(1L, s.get("layer"), "the initial selection");
    assertEquals(List.of(2L), s.get("heads"));
    assertEquals(List.of("twelve", "twenty", "seven"),
        browser.eval("Array.from(document.querySelectorAll('#example option')).map(o => o.textContent)"));

    browser.eval("window.attnExplorer.select(0, 0); window.attnExplorer.setSnapshot(1)");
    browser.eval("(() => { const s = document.getElementById('example'); s.value = '1'; s.dispatchEvent(new Event('change')); })()");
    s = state();
    assertEquals(1L, s.get("example"));
    assertEquals(20L, s.get("queries"));
    assertEquals(0L, s.get("layer"));
    assertEquals(List.of(0L), s.get("heads"));
    assertEquals(200L, s.get("snapshot"), "the slider stays on the second training step");
    assertRow(views.get(1).snapshots().get(1).matrices().get(new HeadKey(AttentionKind.CROSS, 0, 0)), 13, hoveredRow(0, 13));
    screenshot("explorer-examples.png");

    browser.eval("window.attnExplorer.setSnapshot(3); window.attnExplorer.setExample(2)");
    assertEquals(7L, state().get("queries"));
    assertRow(views.get(2).matrix(new HeadKey(AttentionKind.CROSS, 0, 0)), 6, hoveredRow(0, 6));
    assertEquals(List.of(), state().get("errors"));
    assertEquals(List.of(), consoleErrors);
  }

  @Test
  void livePage_typedSentenceIsTranslatedAndExplored() throws Exception {
    Reverser model = new Reverser();
    try (AttentionServer server = AttentionServer.start(model, "127.0.0.1", 0, "the dog watched a cat", x -> {})) {
      navigate(server.uri().toString());
      @SuppressWarnings("unchecked")
      Map<String, Object> live = (Map<String, Object>) state().get("live");
      assertEquals(0L, live.get("requests"));
      assertEquals("translation (greedy): cat a watched dog the", browser.eval("document.getElementById('live-output').textContent"));
      assertEquals(6L, state().get("queries"));

      // type a new sentence with real key events and click the button
      browser.eval("(() => { const i = document.getElementById('live-source'); i.focus(); i.select(); })()");
      browser.call("Input.insertText", Map.of("text", "a small bird sings in the old garden"));
      @SuppressWarnings("unchecked")
      Map<String, Object> button = (Map<String, Object>) browser.eval(
          "(() => { const r = document.getElementById('live-go').getBoundingClientRect(); return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()");
      for (String type : List.of("mousePressed", "mouseReleased")) {
        browser.call("Input.dispatchMouseEvent", Map.of("type", type, "x", button.get("x"), "y", button.get("y"), "button", "left",
            "clickCount", 1));
      }
      waitFor("window.attnExplorer.state().live.requests === 1 && !window.attnExplorer.state().live.busy", 10_000);
      browser.eval("window.attnExplorer.whenDrawn()");
      Map<String, Object> s = state();
      assertEquals(9L, s.get("queries"), "8 words and </s>");
      assertEquals(8L, s.get("keys"));
      assertEquals("translation (greedy): garden old the in sings bird small a",
          browser.eval("document.getElementById('live-output').textContent"));
      assertEquals("8 source tokens, 9 target tokens", ((String) browser.eval("document.getElementById('meta').textContent"))
          .replaceAll(".*· ", ""));
      // what is drawn is what the model returned for that sentence (its 2nd call)
      Reverser replay = new Reverser();
      replay.calls = 1;
      AttentionView expected = replay.explain("a small bird sings in the old garden", null).view();
      assertRow(expected.matrix(new HeadKey(AttentionKind.CROSS, 0, 0)), 4, hoveredRow(0, 4));
      screenshot("serve-viz-live.png");

      // a sentence the model rejects: the message shows, the page keeps its data
      browser.eval("window.attnExplorer.translate('boom').catch(e => 'rejected')");
      waitFor("window.attnExplorer.state().live.error !== null", 10_000);
      assertEquals("error: input 3: the source encodes to no tokens", browser.eval("document.getElementById('live-output').textContent"));
      assertEquals(true, browser.eval("document.getElementById('live-output').classList.contains('error')"));
      assertEquals(9L, state().get("queries"));
      assertEquals(List.of(), state().get("errors"));
      consoleErrors.removeIf(e -> e.contains("status of 400")); // the browser logs the 400 of the rejected sentence
      assertEquals(List.of(), consoleErrors);
    }
  }
}
