package dev.agentmemory.daemon.summarizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentmemory.event.EventRole;
import dev.agentmemory.storage.MemoryStore;
import dev.agentmemory.storage.SummarizerUsage;
import dev.agentmemory.toc.LocalSummarizer;
import dev.agentmemory.toc.Summary;
import dev.agentmemory.toc.SummaryEvent;
import dev.agentmemory.toc.SummaryRequest;
import dev.agentmemory.toc.TermWeights;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LlmSummarizerTest {
  private static final String GOOD = """
      {"title": "Fix invoice rounding", "summary": "The rounding bug was fixed.",
       "bullets": ["The user asked to fix the invoice rounding bug.", "InvoiceService now uses BigDecimal."],
       "keywords": ["InvoiceService", "rounding", "BigDecimal"]}""";

  @TempDir Path dir;
  private MemoryStore store;
  private FakeLlmServer server;
  private UsageMeter meter;

  @BeforeEach
  void open() throws Exception {
    store = MemoryStore.open(dir.resolve("db"));
    server = new FakeLlmServer();
    meter = new UsageMeter(store.checkpoints(), 100_000, ZoneOffset.UTC, Clock.systemUTC());
  }

  @AfterEach
  void close() {
    server.close();
    store.close();
  }

  private static List<SummaryEvent> events() {
    return List.of(
        new SummaryEvent("01KDV92TG0K4C5ME89BN0S41AA", 1000, EventRole.USER.number(), 2,
            "Please fix the invoice rounding bug. Totals are off by a cent.", Map.of()),
        new SummaryEvent("01KDV92TG0K4C5ME89BN0S41AB", 2000, EventRole.ASSISTANT.number(), 3,
            "I changed InvoiceService to use BigDecimal with HALF_UP rounding. The tests pass.", Map.of()));
  }

  private static SummaryRequest request() {
    return new SummaryRequest("toc:segment:2026-01-01:01KDV92TG0K4C5ME89BN0S41AA", events(), List.of(), TermWeights.uniform());
  }

  private LlmSummarizer openAi(Duration timeout, int retries) {
    return new LlmSummarizer(new OpenAiProvider(new HttpJson(timeout), server.baseUrl() + "/v1", "gpt-test",
        Optional.of("sk-test")), retries, meter);
  }

  @Test
  void shouldUseChatCompletionsWithJsonOutput_andMatchEveryBulletToARealEvent() throws Exception {
    server.then(FakeLlmServer.Reply.ok(FakeLlmServer.openAiAnswer(GOOD, 120, 40)));

    Summary summary = openAi(Duration.ofSeconds(5), 0).summarize(request());

    FakeLlmServer.Request sent = server.requests.get(0);
    assertThat(sent.path()).isEqualTo("/v1/chat/completions");
    assertThat(sent.header("Authorization")).isEqualTo("Bearer sk-test");
    JsonNode body = HttpJson.JSON.readTree(sent.body());
    assertThat(body.path("model").asText()).isEqualTo("gpt-test");
    assertThat(body.path("response_format").path("type").asText()).isEqualTo("json_object");
    assertThat(body.path("messages").path(1).path("content").asText()).contains("invoice rounding bug");
    assertThat(summary.title()).isEqualTo("Fix invoice rounding");
    assertThat(summary.keywords()).containsExactly("InvoiceService", "rounding", "BigDecimal");
    assertThat(summary.bullets()).hasSize(2);
    assertThat(summary.bullets().get(0).eventIdStart()).isEqualTo("01KDV92TG0K4C5ME89BN0S41AA");
    assertThat(summary.bullets().get(1).eventIdStart()).isEqualTo("01KDV92TG0K4C5ME89BN0S41AB");
    assertThat(events().get(1).text()).contains(summary.bullets().get(1).excerpt());
    assertThat(meter.today()).isEqualTo(new SummarizerUsage(1, 120, 40, 0));
  }

  @Test
  void shouldUseTheAnthropicMessagesApiWithItsVersionHeader() throws Exception {
    server.then(FakeLlmServer.Reply.ok(FakeLlmServer.anthropicAnswer(GOOD, 90, 30)));
    LlmSummarizer anthropic = new LlmSummarizer(
        new AnthropicProvider(new HttpJson(Duration.ofSeconds(5)), server.baseUrl(), "claude-test", "ak-test"), 0, meter);

    Summary summary = anthropic.summarize(request());

    FakeLlmServer.Request sent = server.requests.get(0);
    assertThat(sent.path()).isEqualTo("/v1/messages");
    assertThat(sent.header("x-api-key")).isEqualTo("ak-test");
    assertThat(sent.header("anthropic-version")).isEqualTo("2023-06-01");
    assertThat(HttpJson.JSON.readTree(sent.body()).path("system").asText()).contains("JSON");
    assertThat(summary.title()).isEqualTo("Fix invoice rounding");
    assertThat(meter.today().inputTokens()).isEqualTo(90);
  }

  @Test
  void shouldAcceptAFencedJsonBlock() {
    server.then(FakeLlmServer.Reply.ok(FakeLlmServer.openAiAnswer("```json\n" + GOOD + "\n```", 10, 10)));

    assertThat(openAi(Duration.ofSeconds(5), 0).summarize(request()).bullets()).hasSize(2);
  }

  @Test
  void shouldRefuseMalformedAnswers_andFallBackToTheLocalSummarizer() {
    server.then(FakeLlmServer.Reply.ok(FakeLlmServer.openAiAnswer("Sure! Here is a summary: it was about invoices.", 10, 10)))
        .then(FakeLlmServer.Reply.ok(FakeLlmServer.openAiAnswer("{\"title\": \"x\", \"bullets\": \"not a list\"}", 10, 10)));
    LlmSummarizer api = openAi(Duration.ofSeconds(5), 3);

    assertThatThrownBy(() -> api.summarize(request())).isInstanceOf(LlmException.class).hasMessageContaining("not JSON");
    Summary fallback = new FallbackSummarizer(api, new LocalSummarizer(), meter).summarize(request());

    assertThat(server.requests).hasSize(2); // malformed answers are not retried
    assertThat(fallback.bullets()).isNotEmpty();
    assertThat(meter.today().fallbacks()).isEqualTo(1);
  }

  @Test
  void shouldHonourRetryAfterOn429() {
    server.then(new FakeLlmServer.Reply(429, Map.of("Retry-After", "1"), "{\"error\":\"rate limited\"}", 0))
        .then(FakeLlmServer.Reply.ok(FakeLlmServer.openAiAnswer(GOOD, 10, 10)));

    long start = System.nanoTime();
    Summary summary = openAi(Duration.ofSeconds(5), 2).summarize(request());

    assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(1_000);
    assertThat(summary.title()).isEqualTo("Fix invoice rounding");
    assertThat(server.requests).hasSize(2);
  }

  @Test
  void shouldRetryAServerErrorAndSucceed() {
    server.then(new FakeLlmServer.Reply(500, Map.of(), "{\"error\":\"boom\"}", 0))
        .then(new FakeLlmServer.Reply(503, Map.of(), "{\"error\":\"busy\"}", 0))
        .then(FakeLlmServer.Reply.ok(FakeLlmServer.openAiAnswer(GOOD, 10, 10)));

    assertThat(openAi(Duration.ofSeconds(5), 3).summarize(request()).title()).isEqualTo("Fix invoice rounding");
    assertThat(server.requests).hasSize(3);
    assertThat(meter.today().requests()).isEqualTo(1);
  }

  @Test
  void shouldGiveUpOnSlowResponsesAfterTheRetries_withoutBlockingTheToc() {
    for (int i = 0; i < 2; i++) {
      server.then(new FakeLlmServer.Reply(200, Map.of(), FakeLlmServer.openAiAnswer(GOOD, 10, 10), 3_000));
    }
    LlmSummarizer api = openAi(Duration.ofSeconds(1), 1);

    long start = System.nanoTime();
    Summary summary = new FallbackSummarizer(api, new LocalSummarizer(), meter).summarize(request());

    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
    assertThat(summary.bullets()).isNotEmpty();
    assertThat(meter.today().fallbacks()).isEqualTo(1);
    assertThat(server.requests).hasSize(2);
  }

  @Test
  void shouldStopCallingTheApi_whenTheDailyBudgetRunsOut() {
    meter = new UsageMeter(store.checkpoints(), 1_500, ZoneOffset.UTC, Clock.systemUTC());
    server.then(FakeLlmServer.Reply.ok(FakeLlmServer.openAiAnswer(GOOD, 1_000, 600)))
        .then(FakeLlmServer.Reply.ok(FakeLlmServer.openAiAnswer(GOOD, 1_000, 600)));
    LlmSummarizer api = openAi(Duration.ofSeconds(5), 0);
    FallbackSummarizer summarizer = new FallbackSummarizer(api, new LocalSummarizer(), meter);

    summarizer.summarize(request());
    Summary second = summarizer.summarize(request());

    assertThat(server.requests).hasSize(1);
    assertThat(second.bullets()).isNotEmpty();
    assertThat(meter.today()).isEqualTo(new SummarizerUsage(1, 1_000, 600, 1));
    assertThatThrownBy(() -> api.summarize(request())).hasMessageContaining("daily token budget");
  }

  @Test
  void shouldBoundThePromptOfAHugeSegment() throws Exception {
    List<SummaryEvent> many = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      many.add(new SummaryEvent(String.format("01KDV92TG0K4C5ME89BN%06d", i), i, EventRole.ASSISTANT.number(), 3,
          "line " + i + " " + "x".repeat(3_000), Map.of()));
    }
    server.then(FakeLlmServer.Reply.ok(FakeLlmServer.openAiAnswer(GOOD, 10, 10)));

    openAi(Duration.ofSeconds(5), 0).summarize(new SummaryRequest("n", many, List.of(), TermWeights.uniform()));

    String prompt = HttpJson.JSON.readTree(server.requests.get(0).body()).path("messages").path(1).path("content").asText();
    assertThat(prompt.length()).isLessThanOrEqualTo(SummaryPrompt.MAX_PROMPT_CHARS);
    assertThat(prompt).contains("line 0 ", "line 499 ", "messages left out");
  }
}
