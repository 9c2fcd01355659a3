package org.attention4j.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.attention4j.io.Json;
import org.attention4j.viz.AttentionExplorer;
import org.attention4j.viz.AttentionViewJson;

/**
 * The live attention page: a small HTTP server (the JDK's {@link HttpServer}, no libraries) that
 * serves the attention explorer with a form; what is typed there is sent to a JSON endpoint, the
 * {@link Explainer} translates it, and the page loads the answer in place (the same explorer
 * script as the offline pages).
 *
 * <pre>
 * GET  /                 the explorer page, showing the first sentence
 * POST /api/attention    {"source": "...", "target": "..."?}  ->  {"source", "translation", "decoded", "view"}
 * GET  /api/model        what the model is ({@link Explainer#describe})
 * GET  /api/health       {"ok": true}
 * </pre>
 *
 * Errors are JSON too, {@code {"error": "..."}}: 400 for input the model cannot take or a malformed
 * request, 404, 405 (wrong method), 413 (body over {@value #MAX_BODY_BYTES} bytes or source over
 * {@value #MAX_SOURCE_CHARS} characters), 415 (a POST that is not {@code application/json}), 500.
 *
 * <p><b>Exposure</b>: it binds {@value #DEFAULT_HOST} unless told otherwise. On a loopback address
 * it also refuses requests whose {@code Host} header names another host (DNS rebinding), and the
 * JSON-only POST cannot be sent by a form of another site without a CORS preflight, which it never
 * grants. Model calls run one at a time.
 */
public final class AttentionServer implements AutoCloseable {
  /** The address bound by default: loopback only. */
  public static final String DEFAULT_HOST = "127.0.0.1";
  /** The largest request body accepted. */
  public static final int MAX_BODY_BYTES = 64 * 1024;
  /** The longest source sentence accepted, in characters. */
  public static final int MAX_SOURCE_CHARS = 2000;
  /** The endpoint the page posts to (relative, so the page works behind a path prefix). */
  static final String ENDPOINT = "api/attention";

  private final HttpServer server;
  private final ExecutorService executor;
  private final Explainer explainer;
  private final String page;
  private final boolean loopback;
  private final Consumer<String> log;
  private final Object modelLock = new Object();
  private final CountDownLatch stopped = new CountDownLatch(1);

  private AttentionServer(HttpServer server, ExecutorService executor, Explainer explainer, String page, boolean loopback,
      Consumer<String> log) {
    this.server = server;
    this.executor = executor;
    this.explainer = explainer;
    this.page = page;
    this.loopback = loopback;
    this.log = log;
  }

  /**
   * Explains {@code firstSource} for the page's first view, binds {@code host:port} and starts
   * serving.
   *
   * @param port the port, or 0 for any free one ({@link #port()} tells which)
   * @param log told one line per API request ({@code POST /api/attention 200 41 ms}); may be a no-op
   * @throws IOException if the address cannot be bound; a port in use reads {@code port 8088 on
   *     127.0.0.1 is already in use; choose another with --port (0 picks a free one)}
   * @throws IllegalArgumentException if the explainer rejects {@code firstSource}
   */
  public static AttentionServer start(Explainer explainer, String host, int port, String firstSource, Consumer<String> log)
      throws IOException {
    Objects.requireNonNull(explainer, "AttentionServer: explainer is null");
    if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be in 0..65535, got " + port);
    Explainer.Explanation first = explainer.explain(firstSource, null);
    String html = AttentionExplorer.page(List.of(first.view()))
        .title("attention explorer · live · " + explainer.describe().getOrDefault("model", "model"))
        .live(ENDPOINT, firstSource, first.translation(), first.decoded())
        .html();
    InetAddress address = InetAddress.getByName(host);
    HttpServer http;
    try {
      http = HttpServer.create(new InetSocketAddress(address, port), 0);
    } catch (BindException e) {
      throw new IOException("port " + port + " on " + host + " is already in use; choose another with --port (0 picks a"
          + " free one)", e);
    }
    ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "attn-serve-viz");
      t.setDaemon(true);
      return t;
    });
    AttentionServer s = new AttentionServer(http, pool, explainer, html, address.isLoopbackAddress(), log);
    http.createContext("/", s::handle);
    http.setExecutor(pool);
    http.start();
    return s;
  }

  /** The port bound. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The page's address, e.g. {@code http://127.0.0.1:8088/}. */
  public URI uri() {
    InetSocketAddress a = server.getAddress();
    String host = a.getAddress().getHostAddress();
    if (host.contains(":")) host = "[" + host + "]";
    return URI.create("http://" + host + ":" + a.getPort() + "/");
  }

  /** Blocks until {@link #close()} has run (from another thread or a shutdown hook). */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  /** Stops accepting, lets running requests finish (up to two seconds), and frees the port. */
  @Override
  public void close() {
    if (stopped.getCount() == 0) return;
    server.stop(2);
    executor.shutdown();
    try {
      executor.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    stopped.countDown();
  }

  // ---------------------------------------------------------------- requests

  private void handle(HttpExchange ex) throws IOException {
    long t0 = System.nanoTime();
    int status;
    try {
      status = route(ex);
    } catch (RuntimeException e) {
      status = send(ex, 500, error("internal error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())));
    } finally {
      ex.close();
    }
    String path = ex.getRequestURI().getPath();
    if (path.startsWith("/api/")) {
      log.accept(String.format(Locale.ROOT, "%s %s %d %d ms", ex.getRequestMethod(), path, status, (System.nanoTime() - t0) / 1_000_000));
    }
  }

  private int route(HttpExchange ex) throws IOException {
    if (loopback && !hostAllowed(ex.getRequestHeaders().getFirst("Host"))) {
      return send(ex, 403, error("this server answers only requests for localhost (Host header: "
          + ex.getRequestHeaders().getFirst("Host") + ")"));
    }
    String path = ex.getRequestURI().getPath();
    String method = ex.getRequestMethod();
    return switch (path) {
      case "/", "/index.html" -> method.equals("GET") || method.equals("HEAD")
          ? sendText(ex, 200, "text/html; charset=utf-8", page) : notAllowed(ex, "GET");
      case "/" + ENDPOINT -> method.equals("POST") ? attention(ex) : notAllowed(ex, "POST");
      case "/api/model" -> method.equals("GET") ? send(ex, 200, explainer.describe()) : notAllowed(ex, "GET");
      case "/api/health" -> method.equals("GET") ? send(ex, 200, Map.of("ok", true)) : notAllowed(ex, "GET");
      default -> send(ex, 404, error("no such page: " + path + " (the page is /, the API /" + ENDPOINT + ")"));
    };
  }

  private static boolean hostAllowed(String host) {
    if (host == null) return true; // HTTP/1.0 clients; a browser always sends Host
    String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1) : host.replaceFirst(":\\d+$", "");
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "localhost", "127.0.0.1", "[::1]" -> true;
      default -> name.startsWith("127.");
    };
  }

  private int attention(HttpExchange ex) throws IOException {
    String type = ex.getRequestHeaders().getFirst("Content-Type");
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      return send(ex, 415, error("send the request as Content-Type: application/json, got " + type));
    }
    byte[] body;
    try (InputStream in = ex.getRequestBody()) {
      body = in.readNBytes(MAX_BODY_BYTES + 1);
    }
    if (body.length > MAX_BODY_BYTES) return send(ex, 413, error("the request is over " + MAX_BODY_BYTES + " bytes"));
    Map<String, Object> req;
    try {
      req = Json.parseObject(new String(body, StandardCharsets.UTF_8), "request");
    } catch (IllegalArgumentException e) {
      return send(ex, 400, error("the request is not a JSON object: " + e.getMessage()));
    }
    if (!(req.get("source") instanceof String source) || source.isBlank()) {
      return send(ex, 400, error("the request needs a non-empty string \"source\""));
    }
    Object t = req.get("target");
    if (t != null && !(t instanceof String)) return send(ex, 400, error("\"target\" must be a string when given"));
    String target = t == null || ((String) t).isBlank() ? null : ((String) t).strip();
    if (source.length() > MAX_SOURCE_CHARS || (target != null && target.length() > MAX_SOURCE_CHARS)) {
      return send(ex, 413, error("the sentence is over " + MAX_SOURCE_CHARS + " characters"));
    }
    Explainer.Explanation e;
    try {
      synchronized (modelLock) {
        e = explainer.explain(source.strip(), target);
      }
    } catch (IllegalArgumentException bad) {
      return send(ex, 400, error(bad.getMessage()));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("source", source.strip());
    out.put("translation", e.translation());
    out.put("decoded", e.decoded());
    out.put("view", AttentionViewJson.toMap(e.view(), AttentionViewJson.Encoding.FLOAT16));
    return send(ex, 200, out);
  }

  private static Map<String, Object> error(String message) {
    return Map.of("error", message);
  }

  private static int notAllowed(HttpExchange ex, String allow) throws IOException {
    ex.getResponseHeaders().set("Allow", allow);
    return send(ex, 405, error(ex.getRequestMethod() + " is not allowed here; use " + allow));
  }

  private static int send(HttpExchange ex, int status, Map<String, Object> json) throws IOException {
    return sendText(ex, status, "application/json; charset=utf-8", Json.write(json, false));
  }

  private static int sendText(HttpExchange ex, int status, String type, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    boolean head = ex.getRequestMethod().equals("HEAD");
    ex.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream o = ex.getResponseBody()) {
        o.write(bytes);
      }
    }
    return status;
  }
}
