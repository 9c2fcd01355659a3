package org.attention4j.viz;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.attention4j.io.Json;

/**
 * Headless Chromium driven over the Chrome DevTools Protocol, with nothing but the JDK: the
 * browser is started with {@code --remote-debugging-port=0}, prints the port it chose on stderr
 * ({@code DevTools listening on ws://127.0.0.1:PORT/...}); the page target's WebSocket URL comes
 * from {@code GET /json/list}, and commands and events are JSON messages over {@link
 * java.net.http.WebSocket}. Only loopback is used; the flags switch off every background network
 * feature.
 */
final class Chromium implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://[^\\s]+)");
  private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable");

  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<Map<String, Object>>> pending = new ConcurrentHashMap<>();
  private final List<Consumer<Map<String, Object>>> listeners = new CopyOnWriteArrayList<>();
  private final List<String> stderr = Collections.synchronizedList(new ArrayList<>());

  /** The browser binary: $ATTN_CHROMIUM, else the first of chromium, chromium-browser, google-chrome on the PATH. */
  static Optional<Path> find() {
    String env = System.getenv("ATTN_CHROMIUM");
    if (env != null && !env.isBlank()) return Files.isExecutable(Path.of(env)) ? Optional.of(Path.of(env)) : Optional.empty();
    String path = System.getenv().getOrDefault("PATH", "");
    for (String name : NAMES) {
      for (String dir : path.split(java.io.File.pathSeparator)) {
        if (dir.isEmpty()) continue;
        Path p = Path.of(dir, name);
        if (Files.isExecutable(p)) return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  private Chromium(Process process, Path profile, WebSocket socket) {
    this.process = process;
    this.profile = profile;
    this.socket = socket;
  }

  /** Starts a fresh headless browser with a viewport of {@code width x height} and connects to its page. */
  static Chromium launch(Path binary, int width, int height) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory("attn-chromium-");
    List<String> cmd = List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-extensions", "--disable-default-apps", "--hide-scrollbars", "--mute-audio",
        "--user-data-dir=" + profile, "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1",
        "--window-size=" + width + "," + height, "about:blank");
    Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    List<String> lines = Collections.synchronizedList(new ArrayList<>());
    CompletableFuture<String> browserUrl = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          lines.add(line);
          Matcher m = LISTENING.matcher(line);
          if (m.find()) browserUrl.complete(m.group(1));
        }
      } catch (IOException ignored) {
        // the browser went away; launch() reports it below
      }
      browserUrl.completeExceptionally(new IOException("chromium exited before it listened"));
    }, "chromium-stderr");
    reader.setDaemon(true);
    reader.start();
    String ws;
    try {
      ws = browserUrl.get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      p.destroyForcibly();
      deleteTree(profile);
      throw new IOException("chromium did not start: " + e.getMessage() + "\n" + String.join("\n", lines), e);
    }
    URI browser = URI.create(ws);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    String pageWs = null;
    for (int attempt = 0; attempt < 50 && pageWs == null; attempt++) {
      HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create("http://" + browser.getAuthority() + "/json/list")).build(),
          HttpResponse.BodyHandlers.ofString());
      for (Object t : (List<?>) Json.parse(list.body(), "/json/list")) {
        Map<?, ?> target = (Map<?, ?>) t;
        if ("page".equals(target.get("type"))) pageWs = (String) target.get("webSocketDebuggerUrl");
      }
      if (pageWs == null) Thread.sleep(100);
    }
    if (pageWs == null) {
      p.destroyForcibly();
      throw new IOException("chromium has no page target");
    }
    Chromium[] self = new Chromium[1];
    Listener listener = new Listener(msg -> self[0].dispatch(msg));
    WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(pageWs), listener).join();
    self[0] = new Chromium(p, profile, socket);
    self[0].stderr.addAll(lines);
    return self[0];
  }

  /** Reassembles fragmented text messages and hands each whole one on. */
  private static final class Listener implements WebSocket.Listener {
    private final Consumer<String> sink;
    private final StringBuilder partial = new StringBuilder();

    Listener(Consumer<String> sink) {
      this.sink = sink;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String msg = partial.toString();
        partial.setLength(0);
        sink.accept(msg);
      }
      ws.request(1);
      return null;
    }
  }

  private void dispatch(String text) {
    Map<String, Object> msg = Json.parseObject(text, "devtools message");
    Object id = msg.get("id");
    if (id instanceof Long l) {
      CompletableFuture<Map<String, Object>> f = pending.remove(l.intValue());
      if (f == null) return;
      if (msg.containsKey("error")) f.completeExceptionally(new IOException("devtools error: " + Json.write(msg.get("error"), false)));
      else f.complete(Json.getObject(msg, "result", "devtools"));
    } else {
      for (Consumer<Map<String, Object>> l : listeners) l.accept(msg);
    }
  }

  /** Calls a DevTools method and waits for its result. */
  Map<String, Object> call(String method, Map<String, Object> params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<Map<String, Object>> f = new CompletableFuture<>();
    pending.put(id, f);
    socket.sendText(Json.write(Map.of("id", id, "method", method, "params", params), false), true).join();
    return f.get(60, TimeUnit.SECONDS);
  }

  /** Receives every event ({@code method} and {@code params}). */
  void onEvent(Consumer<Map<String, Object>> listener) {
    listeners.add(listener);
  }

  /**
   * Adds to {@code sink}, from now on, every uncaught exception of the page, every {@code
   * console.error} and {@code console.assert} call and every error log entry; enables the
   * Runtime, Log and Page domains.
   */
  void collectErrors(List<String> sink) throws Exception {
    onEvent(msg -> {
      String method = (String) msg.get("method");
      Map<?, ?> params = (Map<?, ?>) msg.get("params");
      if ("Runtime.exceptionThrown".equals(method)) {
        sink.add("exception: " + Json.write(params, false));
      } else if ("Runtime.consoleAPICalled".equals(method) && List.of("error", "assert").contains(params.get("type"))) {
        sink.add("console." + params.get("type") + ": " + Json.write(params.get("args"), false));
      } else if ("Log.entryAdded".equals(method) && "error".equals(((Map<?, ?>) params.get("entry")).get("level"))) {
        sink.add("log: " + Json.write(params.get("entry"), false));
      }
    });
    call("Runtime.enable", Map.of());
    call("Log.enable", Map.of());
    call("Page.enable", Map.of());
  }

  /**
   * Evaluates a JavaScript expression in the page, awaiting a promise result, and returns its
   * value as JSON-shaped Java (maps, lists, Long/Double, String, Boolean, null).
   *
   * @throws IllegalStateException with the page's exception text if the expression throws
   */
  Object eval(String expression) throws Exception {
    Map<String, Object> r = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
    if (r.containsKey("exceptionDetails")) {
      throw new IllegalStateException("page threw on `" + expression + "`: " + Json.write(r.get("exceptionDetails"), false));
    }
    Map<String, Object> result = Json.getObject(r, "result", "Runtime.evaluate");
    return result.get("value");
  }

  /** The browser's stderr lines seen while starting. */
  List<String> startupLog() {
    return List.copyOf(stderr);
  }

  @Override
  public void close() {
    try {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(2, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // the browser is being stopped anyway
    }
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    children.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    deleteTree(profile);
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp dir left behind is harmless
    }
  }
}
