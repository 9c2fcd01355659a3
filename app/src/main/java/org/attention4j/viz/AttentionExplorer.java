package org.attention4j.viz;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes the attention explorer: one standalone HTML file (our own HTML, CSS and JavaScript,
 * inlined, no network access) with the view's data embedded as JSON ({@link AttentionViewJson},
 * weights as base64 half floats).
 *
 * <p>The page has a <em>head view</em> (query tokens left, key tokens right, lines weighted by
 * attention, one colour per head; hover a token on the left to see what it attends to, on the
 * right to see what attends to it, with exact weights in a tooltip), a <em>matrix view</em> of the
 * selected head with the gold alignment outlined, a <em>model view</em> (every layer x head as a
 * thumbnail; click one to open it), a selector for cross-, encoder- and decoder-attention, and a
 * training-step slider when the view has snapshots. Everything is drawn on {@code <canvas>}, and
 * the head view draws only the rows in sight, so pages with thousands of tokens stay responsive.
 *
 * <p>Size: about 2.7 bytes per weight; a 1024 x 1024 layer of 8 heads is about 22 MB.
 *
 * <p>For scripts and tests the page exposes {@code window.attnExplorer}: {@code state()},
 * {@code select(layer, head|[heads], kind?)}, {@code selectAllHeads()}, {@code hoverToken('query'|'key',
 * index)}, {@code clearHover()}, {@code highlightedWeights()} (the weights drawn for the hovered
 * token, per head), {@code setSnapshot(i)}, {@code setScale('1'|'max')}, {@code setGold(on)}, {@code showHeadView()},
 * {@code showModelView()}, {@code row(kind, layer, head, r)} and {@code whenDrawn()} (a promise
 * for the next frame). Layers and heads are 0-based there, 1-based on screen.
 */
public final class AttentionExplorer {
  private static final String RESOURCES = "/org/attention4j/viz/";

  private AttentionExplorer() {}

  /** The page for {@code view}, titled from its metadata. */
  public static String html(AttentionView view) {
    return html(view, defaultTitle(view));
  }

  /** The page for {@code view} with the given title. */
  public static String html(AttentionView view, String title) {
    String page = resource("explorer.html");
    String data = jsonForScript(AttentionViewJson.toMap(view, AttentionViewJson.Encoding.FLOAT16));
    page = page.replace("{{CSS}}", resource("explorer.css"))
        .replace("{{FONTS}}", LabelFonts.cssFamilies())
        .replace("{{TITLE}}", escapeHtml(title));
    // the script and the data go in last and by position, so nothing inside them is replaced
    page = insert(page, "{{JS}}", resource("explorer.js"));
    return insert(page, "{{DATA}}", data);
  }

  /** Writes {@link #html(AttentionView)} to {@code file} (UTF-8). */
  public static void write(AttentionView view, Path file) throws IOException {
    Files.writeString(file, html(view), StandardCharsets.UTF_8);
  }

  static String defaultTitle(AttentionView view) {
    String model = view.metadata().get(AttentionView.MODEL), id = view.metadata().get(AttentionView.SENTENCE);
    String t = "attention explorer";
    if (model != null) t += " · " + model;
    if (id != null) t += " · " + id;
    return t;
  }

  private static String insert(String page, String placeholder, String content) {
    int at = page.indexOf(placeholder);
    if (at < 0) throw new IllegalStateException("explorer.html: placeholder " + placeholder + " missing");
    return page.substring(0, at) + content + page.substring(at + placeholder.length());
  }

  /**
   * JSON safe inside {@code <script type="application/json">}: every {@code <} is written as the
   * JSON escape {@code \u003c} (it can only occur inside strings), so no {@code </script>} or
   * {@code <!--} can end or confuse the element.
   */
  static String jsonForScript(Map<String, Object> value) {
    return org.attention4j.io.Json.write(value, false).replace("<", "\\u003c");
  }

  static String escapeHtml(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static String resource(String name) {
    try (InputStream in = AttentionExplorer.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) throw new IllegalStateException("explorer resource missing from the jar: " + RESOURCES + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
