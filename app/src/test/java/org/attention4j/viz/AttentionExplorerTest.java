package org.attention4j.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.attention4j.io.Json;
import org.junit.jupiter.api.Test;

/** The explorer page without a browser: self-contained, data embedded safely. */
class AttentionExplorerTest {
  static AttentionView tricky() {
    return AttentionView.builder(List.of("</script><script>alert(1)</script>", "{{DATA}}"), List.of("<!--", "誰"))
        .matrix(AttentionKind.CROSS, 0, 0, new float[][] {{0.5f, 0.5f}, {0.25f, 0.75f}})
        .meta(AttentionView.MODEL, "<i>model</i>").build();
  }

  @Test
  void page_isSelfContained() {
    String html = AttentionExplorer.html(tricky());
    assertFalse(html.contains("{{CSS}}") || html.contains("{{JS}}") || html.contains("{{FONTS}}") || html.contains("{{TITLE}}"));
    assertFalse(Pattern.compile("(src|href)\\s*=\\s*[\"']?(https?:)?//", Pattern.CASE_INSENSITIVE).matcher(html).find(),
        "no external scripts, styles or images");
    assertFalse(html.contains("http://") || html.contains("https://"), "no URL at all");
    assertTrue(html.contains("window.attnExplorer = api"));
    assertEquals(2, count(html, "<script"), "the data element and our script, none injected by the data");
  }

  @Test
  void data_cannotCloseItsScriptElement() {
    String html = AttentionExplorer.html(tricky());
    Matcher m = Pattern.compile("<script type=\"application/json\" id=\"attn-data\">(.*?)</script>", Pattern.DOTALL).matcher(html);
    assertTrue(m.find());
    String json = m.group(1);
    assertFalse(json.contains("<"), "every < is escaped");
    var back = Json.parseObject(json, "embedded");
    assertEquals(List.of("</script><script>alert(1)</script>", "{{DATA}}"), back.get("source"));
    assertEquals("f16", back.get("encoding"));
    assertTrue(html.contains("<title>attention explorer · &lt;i&gt;model&lt;/i&gt;</title>"), "title escaped");
  }

  private static int count(String s, String sub) {
    int n = 0;
    for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + 1)) n++;
    return n;
  }
}
