package org.attention4j.viz;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
 * <p>One page can hold several examples ({@link #page}): an example selector switches between
 * them, keeping the layer, heads and training step. A live page ({@link Page#live}, served by
 * {@code attn serve-viz}) adds a form whose input the server translates; the answer replaces the
 * page's data in place.
 *
 * <p>For scripts and tests the page exposes {@code window.attnExplorer}: {@code state()},
 * {@code select(layer, head|[heads], kind?)}, {@code selectAllHeads()}, {@code hoverToken('query'|'key',
 * index)}, {@code clearHover()}, {@code highlightedWeights()} (the weights drawn for the hovered
 * token, per head), {@code setSnapshot(i)}, {@code setScale('1'|'max')}, {@code setGold(on)}, {@code showHeadView()},
 * {@code showModelView()}, {@code row(kind, layer, head, r)}, {@code whenDrawn()} (a promise
 * for the next frame), {@code setExample(i)}, {@code load(data)} (a view or {@code {examples:
 * [...]}}) and, on live pages, {@code translate(source, target?)} (a promise of the state once
 * the answer is drawn). Layers and heads are 0-based there, 1-based on screen.
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
    return render(AttentionViewJson.toMap(view, AttentionViewJson.Encoding.FLOAT16), title);
  }

  /**
   * A page for several examples, with an example selector (e.g. the attention of a few sentences
   * over training); also initial selections and live serving, see {@link Page}.
   *
   * @throws IllegalArgumentException if {@code views} is empty
   */
  public static Page page(List<AttentionView> views) {
    return new Page(views);
  }

  /**
   * Options of a page: the examples and their labels, the title, what is shown first, and
   * whether the page is served live ({@code attn serve-viz}: a form whose input is sent to a JSON
   * endpoint, the answer loaded into the same page by {@code attnExplorer.load}).
   */
  public static final class Page {
    private final List<AttentionView> views;
    private List<String> labels = List.of();
    private String title;
    private Map<String, Object> initial;
    private Map<String, Object> live;

    private Page(List<AttentionView> views) {
      if (views.isEmpty()) throw new IllegalArgumentException("AttentionExplorer.page: no examples");
      this.views = List.copyOf(views);
      this.title = defaultTitle(views.getFirst());
    }

    /** The example selector's entries, one per view (default: the sentence id or the source text). */
    public Page labels(List<String> l) {
      if (l.size() != views.size()) {
        throw new IllegalArgumentException("AttentionExplorer.Page: " + l.size() + " labels for " + views.size() + " examples");
      }
      labels = List.copyOf(l);
      return this;
    }

    public Page title(String t) {
      title = t;
      return this;
    }

    /** Shows {@code kind}, {@code layer} and {@code heads} (0-based) first, where the data has them. */
    public Page initial(AttentionKind kind, int layer, List<Integer> heads) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("kind", kind.id());
      m.put("layer", (long) layer);
      m.put("heads", heads.stream().map(Integer::longValue).toList());
      initial = m;
      return this;
    }

    /**
     * Makes the page live: its form posts {@code {"source", "target"?}} to {@code endpoint} (same
     * origin) and loads the {@code view} of the JSON answer.
     *
     * @param source the text the form starts with (the first view's input)
     * @param translation the first view's translation, shown under the form
     * @param decoded whether that translation was decoded (true) or given (teacher-forced)
     */
    public Page live(String endpoint, String source, String translation, boolean decoded) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("endpoint", endpoint);
      m.put("source", source);
      m.put("translation", translation);
      m.put("decoded", decoded);
      live = m;
      return this;
    }

    /** The page's HTML. */
    public String html() {
      List<Object> examples = new ArrayList<>();
      for (AttentionView v : views) examples.add(AttentionViewJson.toMap(v, AttentionViewJson.Encoding.FLOAT16));
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("examples", examples);
      if (!labels.isEmpty()) data.put("labels", labels);
      if (initial != null) data.put("initial", initial);
      if (live != null) data.put("live", live);
      return render(data, title);
    }

    /** Writes {@link #html()} to {@code file} (UTF-8). */
    public void write(Path file) throws IOException {
      Files.writeString(file, html(), StandardCharsets.UTF_8);
    }
  }

  private static String render(Map<String, Object> dataMap, String title) {
    String page = resource("explorer.html");
    String data = jsonForScript(dataMap);
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
