package dev.agentmemory.daemon.viewer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.agentmemory.domain.MemoryException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web viewer's server: loopback only, on a port of its own, guarded like the gRPC transport.
 * The daemon's per-start token opens it once ({@code /?token=...}, the address `memory-daemon ui`
 * prints) and is then carried by a same-site, HttpOnly cookie. A request without it gets 401 and
 * nothing else; a Host header that is not this address (DNS rebinding) gets 403; no CORS headers,
 * and the pages load nothing from anywhere else (a Content-Security-Policy of 'self').
 */
public final class ViewerServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ViewerServer.class);
  static final String COOKIE = "agent_memory_viewer";

  private final HttpServer server;
  private final ExecutorService threads;
  private final byte[] token;
  private final ViewerPages pages;

  private ViewerServer(HttpServer server, ExecutorService threads, String token, ViewerPages pages) {
    this.server = server;
    this.threads = threads;
    this.token = token.getBytes(StandardCharsets.UTF_8);
    this.pages = pages;
  }

  /** Starts the viewer on 127.0.0.1 and a free port. */
  public static ViewerServer start(ViewerPages pages, String token) {
    // without it the JDK server's separate header and body writes meet the client's delayed ACK:
    // every page took 40 ms more (memory-bench viewer)
    System.setProperty("sun.net.httpserver.nodelay", "true");
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
      ExecutorService threads = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "memory-viewer");
        thread.setDaemon(true);
        return thread;
      });
      ViewerServer viewer = new ViewerServer(server, threads, token, pages);
      server.createContext("/", viewer::handle);
      server.setExecutor(threads);
      server.start();
      LOG.info("Web viewer on {}", viewer.address());
      return viewer;
    } catch (IOException e) {
      throw new MemoryException("Cannot start the web viewer on loopback: " + e.getMessage(), e);
    }
  }

  /** {@code http://127.0.0.1:PORT/}. */
  public String address() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      answer(exchange);
    }
  }

  private void answer(HttpExchange exchange) throws IOException {
    try {
      String host = exchange.getRequestHeaders().getFirst("Host");
      int port = server.getAddress().getPort();
      if (host == null || !(host.equals("127.0.0.1:" + port) || host.equals("localhost:" + port))) {
        send(exchange, 403, "text/plain", "Forbidden: this viewer answers to 127.0.0.1:" + port + " only.");
        return;
      }
      URI uri = exchange.getRequestURI();
      Map<String, String> query = query(uri.getRawQuery());
      if (query.containsKey("token") && matches(query.get("token"))) {
        // the token leaves the address at once: a cookie carries it from here on
        query.remove("token");
        exchange.getResponseHeaders().add("Set-Cookie", COOKIE + "=" + new String(token, StandardCharsets.UTF_8)
            + "; Path=/; HttpOnly; SameSite=Strict");
        exchange.getResponseHeaders().add("Location", uri.getPath() + queryString(query));
        send(exchange, 303, "text/plain", "");
        return;
      }
      if (!cookie(exchange).map(this::matches).orElse(false)) {
        send(exchange, 401, "text/plain", "Unauthorized: open the viewer with `memory-daemon ui`.");
        return;
      }
      boolean post = exchange.getRequestMethod().equals("POST");
      if (!post && !exchange.getRequestMethod().equals("GET")) {
        send(exchange, 405, "text/plain", "Only GET, and POST to forget.");
        return;
      }
      if (post) {
        // a change comes from the viewer's own pages only: the same-site cookie, and its Origin
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        if (origin != null && !origin.equals("http://" + host)) {
          send(exchange, 403, "text/plain", "Forbidden: a change must come from the viewer's own page.");
          return;
        }
        query.putAll(query(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
      }
      ViewerPages.Page page = post ? pages.change(uri.getPath(), query) : pages.render(uri.getPath(), query);
      send(exchange, page.status(), "text/html; charset=utf-8", page.html());
    } catch (RuntimeException e) {
      LOG.warn("The viewer could not answer {}: {}", exchange.getRequestURI().getPath(), e.toString());
      send(exchange, 500, "text/plain", "The viewer failed: " + e.getMessage());
    }
  }

  private boolean matches(String given) {
    return MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8));
  }

  private static Optional<String> cookie(HttpExchange exchange) {
    for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", List.of())) {
      for (String part : header.split(";")) {
        String[] pair = part.trim().split("=", 2);
        if (pair.length == 2 && pair[0].equals(COOKIE)) {
          return Optional.of(pair[1]);
        }
      }
    }
    return Optional.empty();
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> query = new LinkedHashMap<>();
    if (raw != null) {
      for (String part : raw.split("&")) {
        String[] pair = part.split("=", 2);
        query.put(decode(pair[0]), pair.length == 2 ? decode(pair[1]) : "");
      }
    }
    return query;
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  private static String queryString(Map<String, String> query) {
    StringBuilder out = new StringBuilder();
    query.forEach((key, value) -> out.append(out.length() == 0 ? "?" : "&").append(Html.url(key)).append('=')
        .append(Html.url(value)));
    return out.toString();
  }

  private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.getResponseHeaders().add("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'");
    exchange.getResponseHeaders().add("X-Frame-Options", "DENY");
    exchange.getResponseHeaders().add("Referrer-Policy", "same-origin"); // no-referrer would make a form's Origin "null"
    exchange.getResponseHeaders().add("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
