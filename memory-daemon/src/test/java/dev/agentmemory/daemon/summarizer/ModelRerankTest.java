package dev.agentmemory.daemon.summarizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmemory.search.SearchHit;
import dev.agentmemory.storage.MemoryStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRerankTest {
  @TempDir Path dir;
  private MemoryStore store;
  private FakeLlmServer server;
  private UsageMeter meter;

  @BeforeEach
  void open() throws Exception {
    store = MemoryStore.open(dir.resolve("db"));
    server = new FakeLlmServer();
    meter = new UsageMeter(store.checkpoints(), 10_000, ZoneOffset.UTC, Clock.systemUTC());
  }

  @AfterEach
  void close() {
    server.close();
    store.close();
  }

  private ModelRerank rerank(int candidates, Duration timeout) {
    return new ModelRerank(new OpenAiProvider(new HttpJson(timeout), server.baseUrl() + "/v1", "gpt-test",
        Optional.empty()), meter, candidates, "openai (gpt-test at 127.0.0.1)", ZoneOffset.UTC);
  }

  private static List<SearchHit> hits(int count) {
    return IntStream.rangeClosed(1, count).mapToObj(i -> new SearchHit("e" + i, "event", 1f - i / 100f,
        1_700_000_000_000L, "s1", "claude", 1, "passage number **" + i + "**", "passage number " + i, "", List.of(), ""))
        .toList();
  }

  private static List<String> ids(ModelRerank.Ranked ranked) {
    return ranked.hits().stream().map(SearchHit::docId).toList();
  }

  @Test
  void shouldPutTheCandidatesInTheModelsOrderAndKeepTheOthersAfter() {
    // given
    server.then(FakeLlmServer.Reply.ok(FakeLlmServer.openAiAnswer("{\"ranking\": [3, 1, \"2\", 3, 9]}", 120, 8)));

    // when
    ModelRerank.Ranked ranked = rerank(3, Duration.ofSeconds(5)).rerank("which passage?", hits(5));

    // then: 3, 1, 2 as ranked (the repeat and the number out of range ignored), 4 and 5 not asked about
    assertThat(ids(ranked)).containsExactly("e3", "e1", "e2", "e4", "e5");
    assertThat(ranked.outcome()).isEqualTo("reranked by openai (gpt-test at 127.0.0.1)");
    assertThat(server.requests).hasSize(1);
    String prompt = server.requests.get(0).body();
    assertThat(prompt).contains("Question: which passage?").contains("[3] (2023-11-14) passage number 3")
        .doesNotContain("[4]").doesNotContain("**");
    assertThat(meter.today().inputTokens()).isEqualTo(120);
    assertThat(meter.today().outputTokens()).isEqualTo(8);
  }

  @Test
  void shouldKeepTheSearchOrderWhenTheModelIsTooSlow() {
    // given
    server.then(new FakeLlmServer.Reply(200, Map.of(),
        FakeLlmServer.openAiAnswer("{\"ranking\": [2, 1]}", 10, 2), 3_000));

    // when
    long start = System.nanoTime();
    ModelRerank.Ranked ranked = rerank(20, Duration.ofMillis(300)).rerank("which passage?", hits(2));

    // then
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    assertThat(ids(ranked)).containsExactly("e1", "e2");
    assertThat(ranked.outcome()).startsWith("not reranked: no answer from 127.0.0.1 within");
  }

  @Test
  void shouldKeepTheSearchOrderWhenTheAnswerIsNoRanking() {
    // given
    server.then(FakeLlmServer.Reply.ok(FakeLlmServer.openAiAnswer("Passage 2 is best.", 10, 5)));

    // when
    ModelRerank.Ranked ranked = rerank(20, Duration.ofSeconds(5)).rerank("which passage?", hits(2));

    // then
    assertThat(ids(ranked)).containsExactly("e1", "e2");
    assertThat(ranked.outcome()).isEqualTo("not reranked: the model's answer named no passage");
  }

  @Test
  void shouldKeepTheSearchOrderWhenTheProviderFails() {
    // given
    server.then(new FakeLlmServer.Reply(503, Map.of(), "{\"error\":\"overloaded\"}", 0));

    // when
    ModelRerank.Ranked ranked = rerank(20, Duration.ofSeconds(5)).rerank("which passage?", hits(2));

    // then: one request, no retry (a search does not wait for back-off)
    assertThat(ids(ranked)).containsExactly("e1", "e2");
    assertThat(ranked.outcome()).startsWith("not reranked: HTTP 503");
    assertThat(server.requests).hasSize(1);
  }

  @Test
  void shouldNotAskOnceTheDailyBudgetIsSpent() {
    // given
    meter.recordRequest(9_000, 1_000);

    // when
    ModelRerank.Ranked ranked = rerank(20, Duration.ofSeconds(5)).rerank("which passage?", hits(2));

    // then
    assertThat(ids(ranked)).containsExactly("e1", "e2");
    assertThat(ranked.outcome()).contains("daily token budget of 10000 tokens is spent");
    assertThat(server.requests).isEmpty();
  }

  @Test
  void shouldNotAskAboutASingleHit() {
    // when
    ModelRerank.Ranked ranked = rerank(20, Duration.ofSeconds(5)).rerank("which passage?", hits(1));

    // then
    assertThat(ids(ranked)).containsExactly("e1");
    assertThat(ranked.outcome()).isEmpty();
    assertThat(server.requests).isEmpty();
  }
}
