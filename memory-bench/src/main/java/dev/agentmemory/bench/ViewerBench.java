package dev.agentmemory.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * {@code memory-bench viewer [--launcher PATH] [--events 100000] [--cache DIR]}: the web viewer's
 * pages on a copy of the cached store that {@code load} generates, the daemon's keyword index built
 * first: each page's response time on loopback (the server's time plus a local round trip), p50 and
 * p95 of 10 loads after 2 warm-ups.
 */
final class ViewerBench {
  private static final int RUNS = 10;
  private static final ObjectMapper JSON = new ObjectMapper();

  private ViewerBench() {}

  static void main(String[] args) throws Exception {
    List<String> options = List.of(args);
    Path launcher = LoadCommand.launcher(options);
    int events = Integer.parseInt(LoadCommand.value(options, "--events", "100000"));
    Path cache = LoadCommand.cache(options);
    Path work = Files.createTempDirectory("memory-bench-viewer");
    try {
      try (DaemonUnderTest daemon = DaemonUnderTest.onIndexedCopy(launcher, work, cache, events)) {
        Path exported = work.resolve("all.jsonl");
        OpsBench.cli(launcher, work, "admin", "export", "--output", exported.toString());
        String session = OpsBench.newestSession(exported);
        long[] span = span(exported, session);
        String address = OpsBench.cli(launcher, work, "ui", "--no-browser").out().trim();
        String base = address.substring(0, address.indexOf('?'));
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        String setCookie = http.send(HttpRequest.newBuilder(URI.create(address)).build(),
            HttpResponse.BodyHandlers.discarding()).headers().firstValue("Set-Cookie").orElseThrow();
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        System.out.printf("%-44s %8s %8s %10s   (%d events, %d runs each)%n", "page", "p50 ms", "p95 ms", "bytes",
            events, RUNS);
        for (String page : List.of("/", "/timeline", "/sessions?days=7", "/search?q=rounding+invoice+total", "/browse",
            "/next", "/session?id=" + session + "&from=" + span[0] + "&to=" + span[1], "/session?id=" + session)) {
          measure(http, base + page.substring(1), cookie, page);
        }
      }
    } finally {
      LocomoSummaryEval.deleteRecursively(work);
    }
  }

  /** The first and last time of {@code session}'s events in an export, as the viewer's links carry them. */
  private static long[] span(Path exported, String session) throws Exception {
    long[] span = {Long.MAX_VALUE, 0};
    for (String line : Files.readAllLines(exported)) {
      JsonNode node = JSON.readTree(line);
      if (node.path("session_id").asText().equals(session)) {
        span[0] = Math.min(span[0], node.path("timestamp_ms").asLong());
        span[1] = Math.max(span[1], node.path("timestamp_ms").asLong());
      }
    }
    return span;
  }

  private static void measure(HttpClient http, String url, String cookie, String page) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookie).build();
    double[] ms = new double[RUNS];
    int bytes = 0;
    for (int run = -2; run < RUNS; run++) {
      long start = System.nanoTime();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(page + " answered " + response.statusCode() + ": " + response.body());
      }
      if (run >= 0) {
        ms[run] = (System.nanoTime() - start) / 1e6;
        bytes = response.body().length();
      }
    }
    Arrays.sort(ms);
    System.out.printf("%-44s %8.1f %8.1f %10d%n", page.length() > 44 ? page.substring(0, 41) + "..." : page,
        ms[RUNS / 2], ms[(int) Math.ceil(RUNS * 0.95) - 1], bytes);
  }
}
