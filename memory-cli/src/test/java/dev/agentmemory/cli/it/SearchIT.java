package dev.agentmemory.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.f4b6a3.ulid.Ulid;
import dev.agentmemory.proto.Event;
import dev.agentmemory.proto.EventRole;
import dev.agentmemory.proto.EventType;
import dev.agentmemory.proto.GetStoreStatsRequest;
import dev.agentmemory.proto.GetStoreStatsResponse;
import dev.agentmemory.proto.GetVectorIndexStatusRequest;
import dev.agentmemory.proto.HybridMode;
import dev.agentmemory.proto.HybridSearchRequest;
import dev.agentmemory.proto.HybridSearchResponse;
import dev.agentmemory.proto.IngestEventRequest;
import dev.agentmemory.proto.MemoryServiceGrpc;
import dev.agentmemory.proto.SearchHit;
import dev.agentmemory.proto.SearchRequest;
import dev.agentmemory.proto.SearchResponse;
import dev.agentmemory.proto.TimeRange;
import dev.agentmemory.proto.VectorIndexStatus;
import dev.agentmemory.proto.VectorMatch;
import dev.agentmemory.proto.VectorTargetType;
import dev.agentmemory.proto.VectorTeleportRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Search as the packaged daemon serves it: every mode, over gRPC and the CLI, crash and rebuild. */
class SearchIT {
  private static final ZoneId ZONE = ZoneId.of("Europe/Paris");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] DECISIONS = {
    "The checkout page crashed because the payment provider timed out after thirty seconds.",
    "We decided to keep session tokens in Redis instead of the Postgres sessions table.",
    "The invoice rounding bug came from using float instead of BigDecimal in InvoiceService.",
    "Upgraded the build to Gradle 8 and renamed the deprecated configurations.",
    "The Kafka consumer lag alert fired because a partition was rebalanced every few minutes.",
    "Added a null check in ProfileHandler so users without an avatar no longer get a 500.",
  };

  @TempDir Path tmp;
  private DaemonProcess daemon;
  private final Random random = new Random(7);

  @BeforeEach
  void sandbox() {
    daemon = new DaemonProcess(tmp);
    daemon.env.put("MEMORY_TIMEZONE", ZONE.getId());
    daemon.env.put("MEMORY_TOC_REFRESH_INTERVAL", "200ms");
  }

  @AfterEach
  void cleanUp() {
    daemon.stopQuietly();
  }

  @Test
  void shouldFindWhatWasSaidInEveryMode_overGrpcAndTheCli() throws Exception {
    // given: one decision a day, each in a session of its own, asked by the user and answered
    int port = daemon.start();
    ManagedChannel channel = daemon.channel(port);
    MemoryServiceGrpc.MemoryServiceBlockingStub memory = MemoryServiceGrpc.newBlockingStub(channel);
    List<Event> answers = new ArrayList<>();
    try {
      for (int i = 0; i < DECISIONS.length; i++) {
        LocalDateTime time = LocalDateTime.parse("2026-03-02T10:00").plusDays(i);
        Event question = event("s" + i, time, EventRole.EVENT_ROLE_USER, "What did we find out in ticket " + (100 + i) + "?");
        Event answer = event("s" + i, time.plusMinutes(1), EventRole.EVENT_ROLE_ASSISTANT, DECISIONS[i]);
        memory.ingestEvent(IngestEventRequest.newBuilder().setEvent(question).build());
        memory.ingestEvent(IngestEventRequest.newBuilder().setEvent(answer).build());
        answers.add(answer);
      }
      awaitIndexed(memory, stats -> caughtUp(stats) && stats.getSearchPendingVectors() == 0 && stats.getSearchVectors() > 0);

      // then: keyword, semantic and hybrid search each find the answer first
      assertThat(search(memory, "invoice rounding BigDecimal", HybridMode.HYBRID_MODE_BM25_ONLY).getHitsList())
          .first().extracting(SearchHit::getDocId).isEqualTo(answers.get(2).getEventId());
      // (a paraphrase further off, "where do we store login state", has a cosine of 0.24: below the
      // evidence floor, so semantic search now answers it with nothing rather than with a guess)
      SearchResponse semantic = search(memory, "which database holds the session tokens", HybridMode.HYBRID_MODE_VECTOR_ONLY);
      assertThat(semantic.getModeUsed()).isEqualTo(HybridMode.HYBRID_MODE_VECTOR_ONLY);
      assertThat(semantic.getHitsList()).first().extracting(SearchHit::getDocId).isEqualTo(answers.get(1).getEventId());
      SearchResponse hybrid = search(memory, "kafka lag", HybridMode.HYBRID_MODE_HYBRID);
      assertThat(hybrid.getModeUsed()).isEqualTo(HybridMode.HYBRID_MODE_HYBRID);
      SearchHit hit = hybrid.getHits(0);
      assertThat(hit.getDocId()).isEqualTo(answers.get(4).getEventId());
      assertThat(hit.getDocType()).isEqualTo("event");
      assertThat(hit.getSessionId()).isEqualTo("s4");
      assertThat(hit.getRole()).isEqualTo(EventRole.EVENT_ROLE_ASSISTANT);
      assertThat(hit.getSnippet()).contains("**Kafka**", "**lag**");
      assertThat(hit.getNodeId()).startsWith("toc:segment:2026-03-06:");

      // the spec's calls: events as targets (doc_type "event"), the vector index's status
      HybridSearchResponse spec = memory.hybridSearch(HybridSearchRequest.newBuilder().setQuery("null avatar profile")
          .setTopK(3).setMode(HybridMode.HYBRID_MODE_HYBRID).setTarget(VectorTargetType.VECTOR_TARGET_TYPE_EVENT).build());
      assertThat(spec.getMatchesList()).first().satisfies(match -> {
        assertThat(match.getDocId()).isEqualTo(answers.get(5).getEventId());
        assertThat(match.getDocType()).isEqualTo("event");
      });
      List<VectorMatch> teleport = memory.vectorTeleport(VectorTeleportRequest.newBuilder().setQuery("payment timeout")
          .setTopK(2).setTarget(VectorTargetType.VECTOR_TARGET_TYPE_EVENT).build()).getMatchesList();
      assertThat(teleport).first().extracting(VectorMatch::getDocId).isEqualTo(answers.get(0).getEventId());
      VectorIndexStatus status = memory.getVectorIndexStatus(GetVectorIndexStatusRequest.getDefaultInstance());
      assertThat(status.getAvailable()).isTrue();
      assertThat(status.getDimension()).isEqualTo(384);
      assertThat(status.getVectorCount()).isGreaterThanOrEqualTo(2L * DECISIONS.length);

      // and bad requests are refused, naming the field
      assertInvalid(() -> memory.search(SearchRequest.newBuilder().setQuery("kafka").setTopK(-1).build()), "top_k");
      assertInvalid(() -> memory.search(SearchRequest.newBuilder().setQuery("kafka")
          .setTimeFilter(TimeRange.newBuilder().setStartMs(2_000).setEndMs(1_000)).build()), "time_filter");
      assertInvalid(() -> memory.search(SearchRequest.newBuilder().setQuery("kafka").setModeValue(42).build()), "mode");
      assertInvalid(() -> memory.hybridSearch(HybridSearchRequest.newBuilder().setQuery("kafka").setTargetValue(9).build()),
          "target");
      assertThat(memory.search(SearchRequest.newBuilder().setQuery("  ").build()).getHitsList()).isEmpty();
    } finally {
      channel.shutdownNow();
    }

    // the CLI as the docs type it: readable, marked, with the ids to read on; JSON for scripts
    DaemonProcess.Result text = daemon.run("search", "gradle upgrade");
    assertThat(text.exitCode()).as(text.toString()).isZero();
    assertThat(text.out()).contains("2026-03-05 10:01", "assistant", "**Gradle**", answers.get(3).getEventId(),
        "memory-daemon query node toc:segment:2026-03-05:");
    DaemonProcess.Result json = daemon.run("search", "gradle upgrade", "--json", "--mode", "bm25", "--top", "1");
    JsonNode results = JSON.readTree(json.out()).get("results");
    assertThat(results).hasSize(1);
    assertThat(results.get(0).get("doc_id").asText()).isEqualTo(answers.get(3).getEventId());
    DaemonProcess.Result since = daemon.run("search", "what did we find out", "--since", "2026-03-06", "--json");
    assertThat(JSON.readTree(since.out()).get("results")).isNotEmpty().allSatisfy(
        result -> assertThat(result.get("session_id").asText()).isIn("s4", "s5"));
    // what was never discussed answers nothing, saying how it searched; a named day is preferred, no filter
    DaemonProcess.Result offTopic = daemon.run("search", "How did we configure the Kubernetes ingress TLS certificates?");
    assertThat(offTopic.exitCode()).as(offTopic.toString()).isZero();
    assertThat(offTopic.out()).startsWith("Nothing found (hybrid; the default store)").contains("none closely enough");
    JsonNode dated = JSON.readTree(daemon.run("search", "kafka lag 2026-03-05", "--json").out());
    assertThat(dated.path("time_preference").path("phrase").asText()).isEqualTo("2026-03-05");
    assertThat(dated.has("time_filter")).isFalse();
    assertThat(dated.path("how").asText()).contains("preferring \"2026-03-05\"");
    assertThat(dated.path("results").get(0).path("session_id").asText()).isEqualTo("s4");
    DaemonProcess.Result badMode = daemon.run("search", "gradle", "--mode", "fuzzy");
    assertThat(badMode.exitCode()).isEqualTo(2);
    assertThat(badMode.err()).contains("--mode");
  }

  @Test
  void shouldOrderTheBestCandidatesByTheConfiguredModel_andKeepItsOwnOrderWhenTheModelIsSlow() throws Exception {
    // given: an OpenAI-compatible server on loopback that ranks first the passage about Gradle, at
    // first at once, then slower than the daemon waits
    AtomicLong delayMs = new AtomicLong();
    List<String> prompts = Collections.synchronizedList(new ArrayList<>());
    com.sun.net.httpserver.HttpServer model = com.sun.net.httpserver.HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    model.createContext("/v1/chat/completions", exchange -> {
      String prompt = JSON.readTree(exchange.getRequestBody()).path("messages").path(1).path("content").asText();
      prompts.add(prompt);
      Matcher gradle = Pattern.compile("\\[(\\d+)\\][^\\n]*Gradle").matcher(prompt);
      String ranking = gradle.find() ? "{\"ranking\": [" + gradle.group(1) + "]}" : "{\"ranking\": []}";
      byte[] body = JSON.createObjectNode().<ObjectNode>set("choices",
          JSON.createArrayNode().add(JSON.createObjectNode().set("message",
              JSON.createObjectNode().put("role", "assistant").put("content", ranking)))).toString()
          .getBytes(StandardCharsets.UTF_8);
      try {
        Thread.sleep(delayMs.get());
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
      } catch (InterruptedException | IOException e) {
        // the daemon gave up waiting
      } finally {
        exchange.close();
      }
    });
    model.setExecutor(Executors.newCachedThreadPool());
    model.start();
    daemon.env.put("MEMORY_SEARCH_VECTORS", "false");
    daemon.env.put("MEMORY_SUMMARIZER_PROVIDER", "openai");
    daemon.env.put("MEMORY_SUMMARIZER_MODEL", "ranker-test");
    daemon.env.put("MEMORY_SUMMARIZER_BASE_URL", "http://127.0.0.1:" + model.getAddress().getPort() + "/v1");
    daemon.env.put("MEMORY_SEARCH_RERANK", "true");
    daemon.env.put("MEMORY_SEARCH_RERANK_TIMEOUT", "1s");
    ManagedChannel channel = daemon.channel(daemon.start());
    try {
      MemoryServiceGrpc.MemoryServiceBlockingStub memory = MemoryServiceGrpc.newBlockingStub(channel);
      List<Event> answers = new ArrayList<>();
      for (int i = 0; i < DECISIONS.length; i++) {
        Event answer = event("s" + i, LocalDateTime.parse("2026-03-02T10:00").plusDays(i), EventRole.EVENT_ROLE_ASSISTANT,
            DECISIONS[i] + " We decided that in ticket " + (100 + i) + ".");
        memory.ingestEvent(IngestEventRequest.newBuilder().setEvent(answer).build());
        answers.add(answer);
      }
      awaitIndexed(memory, SearchIT::caughtUp);

      // when: a question every decision matches a little
      SearchResponse reranked = search(memory, "what we decided in the ticket", HybridMode.HYBRID_MODE_BM25_ONLY);

      // then: the model saw more candidates than are answered (5), and its first choice is first;
      // the answer says who ordered it
      assertThat(prompts).hasSize(1);
      assertThat(prompts.get(0)).startsWith("Question: what we decided in the ticket").contains("[6]");
      assertThat(reranked.getHitsList()).hasSize(5).first().extracting(SearchHit::getDocId)
          .isEqualTo(answers.get(3).getEventId());
      assertThat(reranked.getModelStage()).isEqualTo("reranked by openai (ranker-test at 127.0.0.1)");
      DaemonProcess.Result text = daemon.run("search", "what we decided in the ticket", "--mode", "bm25");
      assertThat(text.out()).as(text.toString()).contains("reranked by openai (ranker-test at 127.0.0.1)");

      // and when the model answers later than search.rerank_timeout, the search's own order, saying so
      delayMs.set(5_000);
      long start = System.nanoTime();
      SearchResponse plain = search(memory, "what we decided in the ticket", HybridMode.HYBRID_MODE_BM25_ONLY);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
      assertThat(plain.getModelStage()).startsWith("not reranked: no answer from 127.0.0.1 within");
      assertThat(plain.getHitsList()).extracting(SearchHit::getScore).isSortedAccordingTo(Comparator.reverseOrder());
      assertThat(plain.getHitsList()).hasSize(5).first().extracting(SearchHit::getDocId)
          .isNotEqualTo(answers.get(3).getEventId());
    } finally {
      channel.shutdownNow();
      model.stop(0);
    }
  }

  @Test
  void shouldIndexEveryEventExactlyOnce_whenKilledWhileIndexing_andRebuildTheSameIndex() throws Exception {
    // given: keyword search only (the model is not what this is about), events each with a word of its own
    daemon.env.put("MEMORY_SEARCH_VECTORS", "false");
    int port = daemon.start();
    long pid = daemon.pid();
    ManagedChannel channel = daemon.channel(port);
    MemoryServiceGrpc.MemoryServiceBlockingStub memory = MemoryServiceGrpc.newBlockingStub(channel);
    List<Event> acknowledged = new ArrayList<>();
    LocalDateTime start = LocalDateTime.parse("2026-04-01T09:00");

    // when: the daemon is killed with SIGKILL while events arrive and are indexed
    CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
      for (int i = 0; ; i++) {
        Event event = event("kill-" + i / 50, start.plusSeconds(i * 7L), i % 2 == 0 ? EventRole.EVENT_ROLE_USER
            : EventRole.EVENT_ROLE_ASSISTANT, "Note " + i + " about " + word(i) + " and the deployment pipeline.");
        try {
          memory.ingestEvent(IngestEventRequest.newBuilder().setEvent(event).build());
        } catch (RuntimeException e) {
          return;
        }
        synchronized (acknowledged) {
          acknowledged.add(event);
        }
      }
    });
    awaitIndexed(memory, stats -> stats.getSearchDocuments() >= 1_500);
    ProcessHandle.of(pid).orElseThrow().destroyForcibly();
    writer.get(30, TimeUnit.SECONDS);
    channel.shutdownNow();
    ProcessHandle.of(pid).ifPresent(process -> process.onExit().join());

    // then: after a restart every acknowledged event is found by its word, exactly once
    ManagedChannel again = daemon.channel(daemon.start());
    MemoryServiceGrpc.MemoryServiceBlockingStub restarted = MemoryServiceGrpc.newBlockingStub(again);
    try {
      GetStoreStatsResponse live = awaitIndexed(restarted, SearchIT::caughtUp);
      List<List<String>> liveAnswers = new ArrayList<>();
      for (int i = 0; i < acknowledged.size(); i++) {
        String id = acknowledged.get(i).getEventId();
        List<SearchHit> hits = search(restarted, word(i), HybridMode.HYBRID_MODE_BM25_ONLY).getHitsList();
        assertThat(hits).as("hits for event %d (%s)", i, word(i)).isNotEmpty();
        assertThat(hits.get(0).getDocId()).as("event %d", i).isEqualTo(id);
        assertThat(hits).filteredOn(h -> h.getDocId().equals(id)).as("event %d", i).hasSize(1);
        liveAnswers.add(docIds(hits));
      }

      // and the index rebuilt from the log is the one live indexing built
      DaemonProcess.Result rebuild = daemon.run("admin", "rebuild-index");
      assertThat(rebuild.exitCode()).as(rebuild.toString()).isZero();
      assertThat(rebuild.out()).contains("Rebuilt the search index from " + live.getEvents() + " events");
      GetStoreStatsResponse rebuilt = awaitIndexed(restarted, SearchIT::caughtUp);
      assertThat(rebuilt.getSearchDocuments()).isEqualTo(live.getSearchDocuments());
      for (int i = 0; i < acknowledged.size(); i += 97) {
        List<String> answer = docIds(search(restarted, word(i), HybridMode.HYBRID_MODE_BM25_ONLY).getHitsList());
        assertThat(answer.get(0)).as("event %d", i).isEqualTo(liveAnswers.get(i).get(0));
        assertThat(answer).as("event %d", i).containsExactlyInAnyOrderElementsOf(liveAnswers.get(i));
      }
    } finally {
      again.shutdownNow();
    }
  }

  @Test
  void shouldLoadTheModelAndSearchSemantically_withoutANetwork() throws Exception {
    // given: a network namespace with loopback only, and strace recording every connection attempt
    Path transcript = Path.of("..", "memory-hook", "src", "test", "resources", "claude-code", "transcript.jsonl")
        .toAbsolutePath().normalize();
    Path trace = tmp.resolve("connections.txt");
    Path script = tmp.resolve("offline.sh");
    Path stats = tmp.resolve("stats.json");
    Files.writeString(script, String.join("\n",
        "set -e",
        "ip link set lo up",
        "strace -f -qq -e trace=bind,connect,sendto,sendmsg -e signal=none -o '" + trace + "' \"$MEMORY\" start --foreground --port 0 > '"
            + tmp.resolve("daemon.out") + "' 2>&1 &",
        "for i in $(seq 1 300); do [ -f \"$XDG_RUNTIME_DIR/agent-memory/daemon.json\" ] && break; sleep 0.2; done",
        "\"$MEMORY\" admin import claude --path '" + transcript + "'",
        "for i in $(seq 1 240); do",
        "  \"$MEMORY\" admin stats --project billing-svc --json > '" + stats + "'",
        "  grep -q '\"pending_vectors\" : 0' '" + stats + "' && grep -q '\"vectors\" : [1-9]' '" + stats + "' && break",
        "  sleep 0.5",
        "done",
        "\"$MEMORY\" search 'why zero tax' --mode vector --all-projects --json > '" + tmp.resolve("found.json") + "'",
        "\"$MEMORY\" stop",
        "wait", ""));
    List<String> unshare = DaemonProcess.runsAsRoot() ? List.of("unshare", "--net") : List.of("unshare", "--net", "--map-root-user");
    List<String> command = new ArrayList<>(unshare);
    command.addAll(List.of("sh", script.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(tmp.resolve("offline.out").toFile());
    builder.environment().clear();
    builder.environment().putAll(daemon.env);
    builder.environment().put("MEMORY", daemon.command.toString());

    // when
    Process process = builder.start();
    assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("the offline run finished").isTrue();

    // then: the model loaded and answered in a vector search, and nothing tried to leave the machine
    String output = Files.readString(tmp.resolve("offline.out"));
    assertThat(process.exitValue()).as(output + daemon.logs()).isZero();
    JsonNode found = JSON.readTree(tmp.resolve("found.json").toFile());
    assertThat(found.get("mode_used").asText()).isEqualTo("vector");
    List<String> snippets = new ArrayList<>();
    found.get("results").forEach(result -> snippets.add(result.get("snippet").asText()));
    assertThat(snippets.subList(0, Math.min(3, snippets.size()))).as("the best three of " + snippets)
        .anyMatch(snippet -> snippet.contains("Austrian"));
    List<String> calls = Files.readAllLines(trace);
    assertThat(calls).as("strace saw the daemon bind its port").anyMatch(line -> line.contains("bind(")
        && line.contains("127.0.0.1"));
    assertThat(calls).filteredOn(line -> line.contains("sa_family=") && !line.contains("bind("))
        .as("every address the daemon sent to or connected to is on this machine")
        .allSatisfy(line -> assertThat(line).containsAnyOf("AF_UNIX", "AF_NETLINK", "inet_addr(\"127.0.0.1\")", "\"::1\""));
  }

  /** A word of its own for event {@code i}, that no analyzer stems into another's. */
  private static String word(int i) {
    StringBuilder word = new StringBuilder("zq");
    for (int n = i; n > 0 || word.length() == 2; n /= 26) {
      word.append((char) ('a' + n % 26));
    }
    return word.append("x").toString();
  }

  private static SearchResponse search(MemoryServiceGrpc.MemoryServiceBlockingStub memory, String query, HybridMode mode) {
    return memory.search(SearchRequest.newBuilder().setQuery(query).setMode(mode).setTopK(5).build());
  }

  private static void assertInvalid(Runnable call, String field) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(e.getStatus().getDescription()).contains(field);
    });
  }

  private static boolean caughtUp(GetStoreStatsResponse stats) {
    return stats.getSearchBehind() == 0 && stats.getOutbox() == 0 && stats.getSearchDocuments() > 0;
  }

  private static List<String> docIds(List<SearchHit> hits) {
    return hits.stream().map(SearchHit::getDocId).toList();
  }

  /** Waits until the default store's search index satisfies {@code ready}; returns those stats. */
  private static GetStoreStatsResponse awaitIndexed(MemoryServiceGrpc.MemoryServiceBlockingStub memory,
      Predicate<GetStoreStatsResponse> ready) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    GetStoreStatsResponse stats;
    do {
      stats = memory.getStoreStats(GetStoreStatsRequest.getDefaultInstance());
      if (ready.test(stats)) {
        return stats;
      }
      Thread.sleep(200);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("the search index did not catch up in 120 s: " + stats);
  }

  private Event event(String session, LocalDateTime time, EventRole role, String text) {
    long ts = time.atZone(ZONE).toInstant().toEpochMilli();
    byte[] random10 = new byte[10];
    random.nextBytes(random10);
    boolean user = role == EventRole.EVENT_ROLE_USER;
    return Event.newBuilder()
        .setEventId(new Ulid(ts, random10).toString())
        .setSessionId(session)
        .setTimestampMs(ts)
        .setEventType(user ? EventType.EVENT_TYPE_USER_MESSAGE : EventType.EVENT_TYPE_ASSISTANT_MESSAGE)
        .setRole(role)
        .setText(text)
        .setAgent("claude")
        .build();
  }
}
