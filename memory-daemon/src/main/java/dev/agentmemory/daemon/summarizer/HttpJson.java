package dev.agentmemory.daemon.summarizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** POSTs JSON with a timeout and turns HTTP failures into (non-)retryable {@link LlmException}s. */
final class HttpJson {
  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client;
  private final Duration timeout;

  HttpJson(Duration timeout) {
    this.timeout = timeout;
    this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  JsonNode post(URI uri, Map<String, String> headers, JsonNode body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri)
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    headers.forEach(request::header);
    HttpResponse<String> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new LlmException("no answer from " + uri.getHost() + " within " + timeout.toSeconds() + " s", true, 0, e);
    } catch (IOException e) {
      throw new LlmException("cannot reach " + uri.getHost() + ": " + e.getMessage(), true, 0, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LlmException("interrupted", false, 0, e);
    }
    int status = response.statusCode();
    if (status == 429 || status >= 500) {
      throw new LlmException("HTTP " + status + " from " + uri.getHost() + ": " + brief(response.body()), true,
          retryAfterMs(response), null);
    }
    if (status >= 400) {
      throw new LlmException("HTTP " + status + " from " + uri.getHost() + ": " + brief(response.body()), false);
    }
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new LlmException("the answer of " + uri.getHost() + " is not JSON: " + brief(response.body()), false, 0, e);
    }
  }

  /** Retry-After as seconds or as an HTTP date; 0 when absent or unreadable. */
  static long retryAfterMs(HttpResponse<?> response) {
    return response.headers().firstValue("Retry-After").map(value -> {
      try {
        return Math.max(0, Long.parseLong(value.trim()) * 1000);
      } catch (NumberFormatException e) {
        try {
          ZonedDateTime when = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
          return Math.max(0, when.toInstant().toEpochMilli() - System.currentTimeMillis());
        } catch (RuntimeException unreadable) {
          return 0L;
        }
      }
    }).orElse(0L);
  }

  private static String brief(String body) {
    String flat = body == null ? "" : body.replaceAll("\\s+", " ").strip();
    return flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
  }
}
