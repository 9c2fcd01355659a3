package org.attention4j.cli.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.attention4j.cli.CliRun;
import org.attention4j.cli.Main;
import org.attention4j.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code attn serve-viz} in-process with a real model: serves, translates over JSON, stops gracefully; a taken port is one clear line. */
@Timeout(90)
class ServeVizCommandTest {
  private static final Pattern SERVING = Pattern.compile("serving the attention explorer at (http://127\\.0\\.0\\.1:\\d+/) \\(Ctrl-C stops\\)");

  @Test
  void serves_translatesTypedSentences_andStopsWhenInterrupted() throws Exception {
    Path run = TinyTranslation.trained("bahdanau");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    AtomicInteger exit = new AtomicInteger(-1);
    Thread t = new Thread(() -> exit.set(Main.run(new String[] {"serve-viz", "--model", run.toString(), "--port", "0",
        "--input", "a cat watched the dog"}, new PrintWriter(out, true), new PrintWriter(err, true))), "serve-viz-test");
    t.start();
    URI uri = null;
    for (int i = 0; i < 600 && uri == null; i++) {
      Matcher m = SERVING.matcher(out.toString());
      if (m.find()) uri = URI.create(m.group(1));
      else Thread.sleep(50);
    }
    assertTrue(uri != null, "no address printed; stdout: " + out + " stderr: " + err);
    HttpClient http = HttpClient.newHttpClient();
    String page = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
    assertTrue(page.contains("\"source\":\"a cat watched the dog\""), "the page opens on --input");
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri.resolve("/api/attention")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"source\":\"the dog watched a cat\"}")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    Map<String, Object> j = Json.parseObject(r.body(), "response");
    @SuppressWarnings("unchecked")
    Map<String, Object> view = (Map<String, Object>) j.get("view");
    assertEquals(List.of("the", "dog", "watched", "a", "cat"), view.get("source"));
    assertEquals(true, j.get("decoded"));
    assertFalse(((String) j.get("translation")).isBlank());
    Map<String, Object> model = Json.parseObject(http.send(HttpRequest.newBuilder(uri.resolve("/api/model")).build(),
        HttpResponse.BodyHandlers.ofString()).body(), "model");
    assertEquals("bahdanau", model.get("model"));
    assertEquals(300L, model.get("step"));

    t.interrupt();
    t.join(10_000);
    assertFalse(t.isAlive(), "stopped");
    assertEquals(0, exit.get(), err.toString());
    String text = out.toString();
    assertTrue(text.contains("model: bahdanau (" + run.resolve("last") + ", step 300)"), text);
    assertTrue(text.matches("(?s).*POST /api/attention 200 \\d+ ms.*"), "requests are logged: " + text);
    assertTrue(text.strip().endsWith("stopped"), text);
    assertEquals("", err.toString());
  }

  @Test
  void portInUse_isOneLineError_exit1() throws Exception {
    Path run = TinyTranslation.trained("bahdanau");
    try (ServerSocket taken = new ServerSocket(0, 0, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      CliRun r = CliRun.of("serve-viz", "--model", run.toString(), "--port", String.valueOf(port));
      assertEquals(1, r.exitCode());
      assertEquals("attn: port " + port + " on 127.0.0.1 is already in use; choose another with --port (0 picks a free one)",
          r.err().strip());
    }
    CliRun r = CliRun.of("serve-viz", "--model", run.toString(), "--port", "70000");
    assertEquals(2, r.exitCode());
    assertEquals("attn: --port must be in 0..65535, got 70000 (see 'attn serve-viz --help')", r.err().strip());
  }
}
