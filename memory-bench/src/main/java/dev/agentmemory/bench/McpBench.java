package dev.agentmemory.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentmemory.event.Event;
import dev.agentmemory.proto.GetStoreStatsRequest;
import dev.agentmemory.proto.GetStoreStatsResponse;
import dev.agentmemory.proto.IngestEventRequest;
import dev.agentmemory.proto.MemoryServiceGrpc;
import dev.agentmemory.toc.TokenCounter;
import dev.agentmemory.wire.EventMessages;
import dev.agentmemory.wire.Headers;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code memory-bench mcp [LAUNCHER] [QUERIES] [LOCOMO_DIR]}: the agent's view of search. LoCoMo's
 * conversations go into project "bench" of a packaged daemon (every unit embedded), then
 * {@code memory-daemon mcp}, started by the MCP SDK's stdio client, answers memory_search for
 * LoCoMo's questions: round trip per call, and the answer's size in cl100k tokens.
 */
final class McpBench {
  private static final String PROJECT = "bench";

  private McpBench() {}

  public static void main(String[] args) throws Exception {
    Path launcher = Path.of(args.length > 0 ? args[0] : "memory-cli/target/memory-daemon/bin/memory-daemon");
    int queries = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    Path dir = Path.of(args.length > 2 ? args[2] : "memory-bench/src/test/resources/locomo-dev");
    Path home = Files.createTempDirectory("memory-bench-mcp");
    try (DaemonUnderTest daemon = DaemonUnderTest.start(launcher, home, home.resolve("db"))) {
      List<String> questions = ingest(daemon, dir);
      ProcessBuilder sandbox = new ProcessBuilder();
      DaemonUnderTest.sandbox(sandbox, home);
      Map<String, String> env = new HashMap<>(sandbox.environment());
      env.put("MEMORY_PROJECT", PROJECT);
      ServerParameters server = ServerParameters.builder(launcher.toString()).args("mcp").env(env).build();
      McpSyncClient client = McpClient.sync(new StdioClientTransport(server, new JacksonMcpJsonMapper(new ObjectMapper())))
          .requestTimeout(Duration.ofSeconds(30)).build();
      long started = System.nanoTime();
      client.initialize();
      double initializeMs = (System.nanoTime() - started) / 1e6;
      for (int i = 0; i < 5; i++) {
        search(client, questions.get(i)); // warm-up: class loading and JIT of the server
      }
      Latencies times = new Latencies(queries);
      List<Integer> tokens = new ArrayList<>();
      TokenCounter counter = TokenCounter.shared();
      for (int i = 0; i < queries; i++) {
        long start = System.nanoTime();
        String answer = search(client, questions.get(i % questions.size()));
        times.add(System.nanoTime() - start);
        tokens.add(counter.count(answer));
      }
      client.closeGracefully();
      Collections.sort(tokens);
      System.out.printf("memory-daemon mcp: initialize (process start to answer) %.0f ms%n", initializeMs);
      System.out.printf("memory_search (limit 8), %d calls: round trip p50 %.1f ms, p95 %.1f ms%n", queries,
          times.percentileMs(50), times.percentileMs(95));
      System.out.printf("answer size (cl100k tokens): p50 %d, p95 %d, max %d%n", tokens.get(tokens.size() / 2),
          tokens.get((int) (tokens.size() * 0.95)), tokens.get(tokens.size() - 1));
    } finally {
      LocomoSummaryEval.deleteRecursively(home);
    }
  }

  private static String search(McpSyncClient client, String query) {
    CallToolResult result = client.callTool(new McpSchema.CallToolRequest("memory_search", Map.of("query", query)));
    String text = result.content().stream().map(content -> ((TextContent) content).text()).reduce("", String::concat);
    if (Boolean.TRUE.equals(result.isError())) {
      throw new IllegalStateException("memory_search failed: " + text);
    }
    return text;
  }

  /** Stores every conversation in project "bench", waits until indexed and embedded; returns the questions. */
  private static List<String> ingest(DaemonUnderTest daemon, Path dir) throws Exception {
    ManagedChannel channel = daemon.channel();
    Metadata header = new Metadata();
    header.put(Headers.PROJECT, PROJECT);
    MemoryServiceGrpc.MemoryServiceBlockingStub memory = MemoryServiceGrpc.newBlockingStub(channel)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(header));
    List<String> questions = new ArrayList<>();
    for (Locomo.Conversation conversation : Locomo.load(dir)) {
      for (Event event : Locomo.events(conversation)) {
        memory.ingestEvent(IngestEventRequest.newBuilder().setEvent(EventMessages.toProto(event)).build());
      }
      conversation.questions().forEach(question -> questions.add(question.text()));
    }
    long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
    while (System.nanoTime() < deadline) {
      GetStoreStatsResponse stats = memory.getStoreStats(GetStoreStatsRequest.getDefaultInstance());
      if (stats.getOutbox() == 0 && stats.getSearchBehind() == 0 && stats.getSearchDocuments() > 0
          && stats.getSearchPendingVectors() == 0) {
        break;
      }
      Thread.sleep(1_000);
    }
    channel.shutdownNow();
    return questions;
  }
}
