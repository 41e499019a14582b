package dev.agentmemory.daemon.summarizer;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/** A local HTTP server (loopback, real HTTP) that answers like a provider API, from a script. */
final class FakeLlmServer implements AutoCloseable {
  record Reply(int status, Map<String, String> headers, String body, long delayMs) {
    static Reply ok(String body) {
      return new Reply(200, Map.of(), body, 0);
    }
  }

  record Request(String path, Map<String, List<String>> headers, String body) {
    String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }
  }

  private final HttpServer server;
  private final Deque<Reply> script = new ArrayDeque<>();
  final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

  FakeLlmServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      requests.add(new Request(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()), body));
      Reply reply;
      synchronized (script) {
        reply = script.isEmpty() ? new Reply(500, Map.of(), "{\"error\":\"script empty\"}", 0) : script.poll();
      }
      try {
        Thread.sleep(reply.delayMs());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
      reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      try {
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      } catch (IOException e) {
        // the client gave up (timeout tests)
      }
    });
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
  }

  FakeLlmServer then(Reply reply) {
    synchronized (script) {
      script.add(reply);
    }
    return this;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  static String openAiAnswer(String content, int promptTokens, int completionTokens) {
    return "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":" + quote(content) + "}}],"
        + "\"usage\":{\"prompt_tokens\":" + promptTokens + ",\"completion_tokens\":" + completionTokens + "}}";
  }

  static String anthropicAnswer(String text, int inputTokens, int outputTokens) {
    return "{\"content\":[{\"type\":\"text\",\"text\":" + quote(text) + "}],"
        + "\"usage\":{\"input_tokens\":" + inputTokens + ",\"output_tokens\":" + outputTokens + "}}";
  }

  static String quote(String text) {
    return HttpJson.JSON.getNodeFactory().textNode(text).toString();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
