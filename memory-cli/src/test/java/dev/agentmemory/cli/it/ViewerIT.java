package dev.agentmemory.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web viewer of the packaged daemon, over HTTP as a browser talks to it: `ui --no-browser`
 * gives the address with the token, which becomes an HttpOnly same-site cookie; without it, or
 * with another Host, nothing is served; the pages show what was captured.
 */
class ViewerIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @TempDir Path tmp;
  private DaemonProcess daemon;
  private Path project;

  @BeforeEach
  void start() throws Exception {
    daemon = new DaemonProcess(tmp);
    daemon.env.put("MEMORY_SEARCH_VECTORS", "false");
    project = Files.createDirectories(tmp.resolve("work/ledger/.git")).getParent();
    daemon.start();
  }

  @AfterEach
  void stop() {
    daemon.stopQuietly();
  }

  @Test
  void shouldShowTheCapturedMemory_onlyToWhoHoldsTheToken() throws Exception {
    // given: a prompt captured in project ledger (with markup in it)
    Path payload = Files.createTempFile(tmp, "payload", ".json");
    Files.writeString(payload, JSON.createObjectNode().put("session_id", "s-viewer")
        .put("hook_event_name", "UserPromptSubmit").put("cwd", project.toString())
        .put("prompt", "Why does the <b>ledger</b> export skip quarantined rows").toString());
    assertThat(daemon.runWithInput(payload, "hook").exitCode()).isZero();
    DaemonProcess.await(() -> daemon.runIn(project, "search", "ledger export").out(), "quarantined");

    // when: the address `ui` gives is opened
    DaemonProcess.Result ui = daemon.runIn(project, "ui", "--no-browser");
    URI withToken = URI.create(ui.out().trim());
    String base = "http://" + withToken.getAuthority();
    HttpResponse<String> opened = get(withToken.toString(), null);

    // then: the token moves into a cookie the page's scripts cannot read, and leaves the address
    assertThat(ui.exitCode()).as(ui.toString()).isZero();
    assertThat(withToken.getHost()).isEqualTo("127.0.0.1");
    assertThat(opened.statusCode()).isEqualTo(303);
    assertThat(opened.headers().firstValue("Location")).hasValue("/?project=ledger");
    String setCookie = opened.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(setCookie).contains("HttpOnly", "SameSite=Strict");
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));

    // then: the pages show the memory, escaped, and say how they searched
    HttpResponse<String> search = get(base + "/search?project=ledger&q=ledger+export", cookie);
    assertThat(search.statusCode()).isEqualTo(200);
    assertThat(search.body()).contains("&lt;b&gt;", "quarantined rows", "mode bm25", "project ledger")
        .doesNotContain("<b>ledger</b>");
    assertThat(search.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(search.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
        assertThat(csp).startsWith("default-src 'self'"));
    assertThat(get(base + "/sessions?project=ledger", cookie).body()).contains("/session?project=ledger&amp;id=s-viewer")
        .contains("quarantined rows");
    assertThat(get(base + "/session?project=ledger&id=s-viewer", cookie).body()).contains("quarantined rows");
    String today = java.time.LocalDate.now().toString();
    assertThat(get(base + "/timeline?project=ledger", cookie).body()).contains("title=\"" + today + ": 1 events\"");
    assertThat(get(base + "/timeline?project=ledger&agent=codex", cookie).body()).contains("title=\"" + today + ": 0 events\"");
    assertThat(get(base + "/sessions?project=ledger&day=" + today, cookie).body()).contains("quarantined rows");
    assertThat(get(base + "/?project=ledger", cookie).body()).contains("Events", "project ledger");
    assertThat(get(base + "/search?project=ledger&q=zzzqqq", cookie).body()).contains("Nothing matched");
    assertThat(get(base + "/?project=nosuch", cookie).statusCode()).isEqualTo(404);

    // then: the TOC drill-down leads from the year to the prompt through a grip
    DaemonProcess.await(() -> get(base + "/browse?project=ledger", cookie).body(), "node=toc%3Ayear%3A2");
    String day = DaemonProcess.await(() -> get(base + "/browse?project=ledger&node=toc:day:" + today, cookie).body(),
        "node=toc%3Asegment%3A");
    String segment = first(day, "node=(toc%3Asegment%3A[^\"&]+)"); // as the page links it: encoded
    String bullets = DaemonProcess.await(() -> get(base + "/browse?project=ledger&node=" + segment, cookie).body(),
        "/grip?");
    String grip = first(bullets, "id=(grip%3A[^\"&]+)");
    assertThat(get(base + "/grip?project=ledger&id=" + grip, cookie).body()).contains("cited", "quarantined rows");

    // when/then: forgetting the session: a preview, refused unconfirmed or from another origin, then done
    assertThat(get(base + "/forget?project=ledger&session=s-viewer", cookie).body())
        .contains("Would forget session s-viewer in project ledger: 1 events", "method=\"post\"");
    assertThat(post(base + "/forget", cookie, base, "project=ledger&session=s-viewer").statusCode()).isEqualTo(400);
    assertThat(post(base + "/forget", cookie, "http://attacker.example", "project=ledger&session=s-viewer&confirm=forget")
        .statusCode()).isEqualTo(403);
    HttpResponse<String> forgot = post(base + "/forget", cookie, base, "project=ledger&session=s-viewer&confirm=forget");
    assertThat(forgot.statusCode()).as(forgot.body()).isEqualTo(200);
    assertThat(forgot.body()).contains("Forgot 1 events", "Audit:");
    assertThat(get(base + "/search?project=ledger&q=ledger+export", cookie).body()).doesNotContain("quarantined");
    assertThat(daemon.run("admin", "stats", "--project", "ledger", "--json").out()).contains("forgot session s-viewer");

    // then: nothing without the token, with a wrong one, or for another Host (DNS rebinding)
    assertThat(get(base + "/search?project=ledger&q=ledger", null).statusCode()).isEqualTo(401);
    assertThat(get(base + "/search?project=ledger&q=ledger", null).body()).doesNotContain("quarantined");
    assertThat(get(base + "/?token=wrong", null).statusCode()).isEqualTo(401);
    String rebound = rawGet(withToken.getPort(), "/search?project=ledger&q=ledger", cookie,
        "attacker.example:" + withToken.getPort());
    assertThat(rebound).startsWith("HTTP/1.1 403").doesNotContain("quarantined");
  }

  private static HttpResponse<String> get(String url, String cookie) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String first(String text, String regex) {
    java.util.regex.Matcher matcher = java.util.regex.Pattern.compile(regex).matcher(text);
    assertThat(matcher.find()).as("%s in %s", regex, text).isTrue();
    return matcher.group(1);
  }

  private static HttpResponse<String> post(String url, String cookie, String origin, String form) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookie).header("Origin", origin)
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A request with a Host header of our choosing (Java's HTTP client will not send one), as text. */
  private static String rawGet(int port, String path, String cookie, String host) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nCookie: " + cookie
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
