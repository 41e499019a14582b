package dev.agentmemory.daemon.grpc;

import dev.agentmemory.daemon.DaemonServices;
import dev.agentmemory.daemon.Projects;
import dev.agentmemory.daemon.config.ConfigKey;
import dev.agentmemory.daemon.config.ConfigLoader;
import dev.agentmemory.daemon.config.DaemonConfig;
import dev.agentmemory.hook.Platform;
import dev.agentmemory.proto.Event;
import dev.agentmemory.proto.EventRole;
import dev.agentmemory.proto.EventType;
import dev.agentmemory.proto.IngestEventRequest;
import dev.agentmemory.proto.MemoryServiceGrpc;
import dev.agentmemory.scheduler.MemoryScheduler;
import dev.agentmemory.storage.MemoryStore;
import dev.agentmemory.wire.Headers;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension: the real memory service over a temp RocksDB store, served in-process (no
 * sockets), with a fixed clock. {@code GrpcCleanupRule} is JUnit 4 only, hence this.
 */
public final class InProcessMemoryService implements BeforeEachCallback, AfterEachCallback {
  /** "Now" for every test: 2026-01-15T12:00:00Z. */
  public static final Instant NOW = Instant.parse("2026-01-15T12:00:00Z");

  private final long maxTextBytes;
  private final String multiAgentMode;
  private Path dir;
  private DaemonServices services;
  private Server server;
  private ManagedChannel channel;

  public InProcessMemoryService(long maxTextBytes) {
    this(maxTextBytes, "separate");
  }

  /** @param multiAgentMode "separate" or "unified" */
  public InProcessMemoryService(long maxTextBytes, String multiAgentMode) {
    this.maxTextBytes = maxTextBytes;
    this.multiAgentMode = multiAgentMode;
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    dir = Files.createTempDirectory("memory-grpc-test");
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    DaemonConfig config = new ConfigLoader(new Platform(Platform.Os.LINUX, dir, Map.of())).load(Optional.empty(), Map.of(
        ConfigKey.DB_PATH, dir.resolve("db").toString(),
        ConfigKey.MAX_EVENT_BYTES, Long.toString(maxTextBytes),
        ConfigKey.TIMEZONE, "UTC",
        ConfigKey.TOC_REFRESH_INTERVAL, "100ms",
        ConfigKey.REDACTION_ENABLED, "false",
        ConfigKey.MULTI_AGENT_MODE, multiAgentMode));
    services = DaemonServices.open(config, Map.of(), clock, Optional.empty());
    services.startScheduler();
    String name = InProcessServerBuilder.generateName();
    server = InProcessServerBuilder.forName(name)
        .directExecutor()
        .addService(MemoryGrpcService.definition(services))
        .build()
        .start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
  }


  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    channel.shutdownNow();
    server.shutdownNow();
    services.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  /** Waits (bounded) until the TOC worker has taken in every ingested event. */
  public void awaitTocBuilt() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (services.projects().all().stream().anyMatch(p -> p.store().outbox().pending() > 0)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("TOC worker did not catch up within 20 s");
      }
      Thread.sleep(20);
    }
  }

  /** Stores one message event (a new ULID) through the stub. */
  public void ingest(String session, long timestampMs, EventRole role, String text) {
    stub().ingestEvent(IngestEventRequest.newBuilder().setEvent(Event.newBuilder()
        .setEventId(com.github.f4b6a3.ulid.UlidCreator.getMonotonicUlid().toString())
        .setSessionId(session)
        .setTimestampMs(timestampMs)
        .setEventType(role == EventRole.EVENT_ROLE_USER
            ? EventType.EVENT_TYPE_USER_MESSAGE : EventType.EVENT_TYPE_ASSISTANT_MESSAGE)
        .setRole(role)
        .setText(text)).build());
  }

  public MemoryServiceGrpc.MemoryServiceBlockingStub stub() {
    return MemoryServiceGrpc.newBlockingStub(channel);
  }

  public MemoryScheduler scheduler() {
    return services.scheduler();
  }

  /** The default store. */
  public MemoryStore store() {
    return services.projects().defaultStore().store();
  }

  public Projects projects() {
    return services.projects();
  }

  /** A stub whose calls name {@code project} in the project header. */
  public MemoryServiceGrpc.MemoryServiceBlockingStub stub(String project) {
    Metadata headers = new Metadata();
    headers.put(Headers.PROJECT, project);
    return stub().withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }
}
