package org.attention4j.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.attention4j.io.Json;
import org.attention4j.viz.AttentionKind;
import org.attention4j.viz.AttentionView;
import org.attention4j.viz.AttentionViewJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The live page's HTTP server with a stand-in model: routes, JSON answers, errors, exposure, shutdown. */
@Timeout(30)
class AttentionServerTest {
  /**
   * A stand-in model: the "translation" is the source words reversed, and the cross-attention
   * looks from each target word at the source word it came from (weight 0.9, the rest spread).
   */
  static final class Reverser implements Explainer {
    final List<String> seen = new CopyOnWriteArrayList<>();

    @Override
    public Explanation explain(String source, String target) {
      seen.add(source + (target == null ? "" : " | " + target));
      if (source.contains("boom")) throw new IllegalArgumentException("input 1: the source encodes to no tokens: \"boom\"");
      List<String> src = List.of(source.strip().split("\\s+"));
      List<String> tgt = new ArrayList<>(target == null ? src : List.of(target.strip().split("\\s+")));
      if (target == null) Collections.reverse(tgt);
      tgt.add("</s>");
      int s = src.size(), t = tgt.size();
      float[][] w = new float[t][s];
      for (int q = 0; q < t; q++) {
        int at = Math.min(s - 1, Math.max(0, s - 1 - q));
        for (int k = 0; k < s; k++) w[q][k] = s == 1 ? 1f : k == at ? 0.9f : 0.1f / (s - 1);
      }
      AttentionView v = AttentionView.builder(src, tgt).matrix(AttentionKind.CROSS, 0, 0, w)
          .meta(AttentionView.MODEL, "reverser").build();
      return new Explanation(v, String.join(" ", tgt.subList(0, t - 1)), target == null);
    }

    @Override
    public Map<String, Object> describe() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("model", "reverser");
      return m;
    }
  }

  private final HttpClient http = HttpClient.newHttpClient();
  private final List<String> log = new CopyOnWriteArrayList<>();
  private Reverser model;
  private AttentionServer server;

  @BeforeEach
  void start() throws IOException {
    model = new Reverser();
    server = AttentionServer.start(model, "127.0.0.1", 0, "the dog watched a cat", log::add);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private HttpRequest.Builder at(String path) {
    return HttpRequest.newBuilder(server.uri().resolve(path));
  }

  private HttpResponse<String> post(String body) throws Exception {
    return send(at("/api/attention").header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private static Map<String, Object> json(HttpResponse<String> r) {
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.headers().toString());
    return Json.parseObject(r.body(), "response");
  }

  @Test
  void page_isTheLiveExplorer_showingTheFirstSentence() throws Exception {
    assertTrue(server.uri().toString().matches("http://127\\.0\\.0\\.1:\\d+/"), server.uri().toString());
    HttpResponse<String> r = send(at("/"));
    assertEquals(200, r.statusCode());
    assertEquals("text/html; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
    assertEquals("no-store", r.headers().firstValue("Cache-Control").orElseThrow());
    String html = r.body();
    assertTrue(html.contains("<title>attention explorer · live · reverser</title>"), html.substring(0, 300));
    assertTrue(html.contains("window.attnExplorer = api") && html.contains("id=\"live\""));
    assertTrue(html.contains("\"live\":{\"endpoint\":\"api/attention\",\"source\":\"the dog watched a cat\","
        + "\"translation\":\"cat a watched dog the\",\"decoded\":true}"), "live settings in the page data");
    assertEquals(List.of("the dog watched a cat"), model.seen, "the first sentence was explained at start");
    assertTrue(log.isEmpty(), "pages are not logged, API calls are");
  }

  @Test
  void post_translatesAndReturnsTheView() throws Exception {
    HttpResponse<String> r = post("{\"source\": \"  a bird sings \"}");
    assertEquals(200, r.statusCode(), r.body());
    Map<String, Object> j = json(r);
    assertEquals("a bird sings", j.get("source"));
    assertEquals("sings bird a", j.get("translation"));
    assertEquals(true, j.get("decoded"));
    AttentionView v = AttentionViewJson.read(Json.write(j.get("view"), false), "view");
    assertEquals(List.of("a", "bird", "sings"), v.sourceTokens());
    assertEquals(List.of("sings", "bird", "a", "</s>"), v.targetTokens());
    assertEquals(0.9f, v.matrices().values().iterator().next().get(0, 2), 1e-3f);
    for (int i = 0; i < 100 && log.isEmpty(); i++) Thread.sleep(20); // logged after the answer is sent
    assertEquals(1, log.size());
    assertTrue(log.getFirst().matches("POST /api/attention 200 \\d+ ms"), log.getFirst());

    j = json(post("{\"source\": \"a bird sings\", \"target\": \"x y\"}"));
    assertEquals("x y", j.get("translation"));
    assertEquals(false, j.get("decoded"));
    assertEquals("a bird sings | x y", model.seen.getLast());

    j = json(send(at("/api/model")));
    assertEquals("reverser", j.get("model"));
    assertEquals(Map.of("ok", true), json(send(at("/api/health"))));
  }

  @Test
  void badRequests_getJsonErrors_withTheRightStatus() throws Exception {
    HttpResponse<String> r = post("{\"source\": \"boom\"}");
    assertEquals(400, r.statusCode());
    assertEquals("input 1: the source encodes to no tokens: \"boom\"", json(r).get("error"));

    r = post("{\"source\": \"   \"}");
    assertEquals(400, r.statusCode());
    assertEquals("the request needs a non-empty string \"source\"", json(r).get("error"));

    r = post("not json");
    assertEquals(400, r.statusCode());
    assertTrue(((String) json(r).get("error")).startsWith("the request is not a JSON object: "), r.body());

    r = post("{\"source\": \"a\", \"target\": 3}");
    assertEquals(400, r.statusCode());
    assertEquals("\"target\" must be a string when given", json(r).get("error"));

    r = post("{\"source\": \"" + "a ".repeat(AttentionServer.MAX_SOURCE_CHARS) + "\"}");
    assertEquals(413, r.statusCode());
    r = post("{\"source\": \"" + "a".repeat(AttentionServer.MAX_BODY_BYTES) + "\"}");
    assertEquals(413, r.statusCode());
    assertEquals("the request is over 65536 bytes", json(r).get("error"));

    r = send(at("/api/attention").header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("source=a")));
    assertEquals(415, r.statusCode(), "a form of another site cannot post here");
    r = send(at("/api/attention"));
    assertEquals(405, r.statusCode());
    assertEquals("POST", r.headers().firstValue("Allow").orElseThrow());
    r = send(at("/").DELETE());
    assertEquals(405, r.statusCode());
    r = send(at("/secret.txt"));
    assertEquals(404, r.statusCode());
    assertEquals("no such page: /secret.txt (the page is /, the API /api/attention)", json(r).get("error"));
    assertTrue(model.seen.stream().noneMatch(s -> s.startsWith("a ")), "no rejected request reached the model");
  }

  @Test
  void loopback_refusesOtherHostNames_dnsRebinding() throws Exception {
    // HttpClient does not let us set Host; speak HTTP/1.1 directly
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.getOutputStream().write(("GET / HTTP/1.1\r\nHost: evil.example:" + server.port() + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(response.startsWith("HTTP/1.1 403"), response);
      assertTrue(response.contains("this server answers only requests for localhost (Host header: evil.example:"), response);
    }
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.getOutputStream().write(("GET /api/health HTTP/1.1\r\nHost: localhost:" + server.port() + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      assertTrue(new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8).startsWith("HTTP/1.1 200"));
    }
  }

  @Test
  void portInUse_isAClearError_andCloseFreesThePort() throws Exception {
    int port = server.port();
    IOException e = assertThrows(IOException.class, () -> AttentionServer.start(new Reverser(), "127.0.0.1", port, "a b", x -> {}));
    assertEquals("port " + port + " on 127.0.0.1 is already in use; choose another with --port (0 picks a free one)", e.getMessage());
    server.close();
    server.close(); // twice is fine
    server.awaitStop(); // returns at once
    try (ServerSocket again = new ServerSocket(port, 0, java.net.InetAddress.getByName("127.0.0.1"))) {
      assertEquals(port, again.getLocalPort(), "the port is free after close()");
    }
    assertThrows(IOException.class, () -> http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/health"))
        .build(), HttpResponse.BodyHandlers.ofString()));
  }

  @Test
  void firstSentenceTheModelRejects_failsTheStart() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AttentionServer.start(new Reverser(), "127.0.0.1", 0, "boom", x -> {}));
    assertEquals("input 1: the source encodes to no tokens: \"boom\"", e.getMessage());
  }
}
