package dev.agentmemory.daemon.grpc;

import dev.agentmemory.daemon.MaintenanceJobs;
import dev.agentmemory.daemon.ProjectNames;
import dev.agentmemory.daemon.ProjectStore;
import dev.agentmemory.daemon.Projects;
import dev.agentmemory.daemon.config.ConfigKey;
import dev.agentmemory.daemon.config.ConfigLoader;
import dev.agentmemory.daemon.config.DaemonConfig;
import dev.agentmemory.hook.Platform;
import dev.agentmemory.daemon.summarizer.Summarizers;
import dev.agentmemory.daemon.summarizer.UsageMeter;
import dev.agentmemory.proto.MemoryServiceGrpc;
import dev.agentmemory.scheduler.MemoryScheduler;
import dev.agentmemory.storage.MemoryStore;
import dev.agentmemory.toc.LocalSummarizer;
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
  private ProjectStore main;
  private Projects projects;
  private Server server;
  private ManagedChannel channel;
  private MemoryScheduler scheduler;

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
    main = ProjectStore.open("", config.storage().dbPath(), config, store -> selection(store, clock), clock);
    projects = new Projects(config, main, name -> ProjectStore.open(name,
        ProjectNames.storeDir(config.storage().dbPath(), name), config, store -> selection(store, clock), clock));
    scheduler = new MemoryScheduler(MaintenanceJobs.specs(config, projects, Optional.empty(), clock),
        main.store().jobs(), ZoneOffset.UTC, clock);
    scheduler.start();
    String name = InProcessServerBuilder.generateName();
    server = InProcessServerBuilder.forName(name)
        .directExecutor()
        .addService(MemoryGrpcService.definition(projects, scheduler))
        .build()
        .start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
  }

  private static Summarizers.Selection selection(MemoryStore store, Clock clock) {
    return new Summarizers.Selection(Optional.empty(), new LocalSummarizer(),
        new UsageMeter(store.checkpoints(), 0, ZoneOffset.UTC, clock), "local");
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    channel.shutdownNow();
    server.shutdownNow();
    scheduler.close();
    projects.close();
    main.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  /** Waits (bounded) until the TOC worker has taken in every ingested event. */
  public void awaitTocBuilt() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (projects.all().stream().anyMatch(p -> p.store().outbox().pending() > 0)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("TOC worker did not catch up within 20 s");
      }
      Thread.sleep(20);
    }
  }

  public MemoryServiceGrpc.MemoryServiceBlockingStub stub() {
    return MemoryServiceGrpc.newBlockingStub(channel);
  }

  public MemoryScheduler scheduler() {
    return scheduler;
  }

  /** The default store. */
  public MemoryStore store() {
    return main.store();
  }

  public Projects projects() {
    return projects;
  }

  /** A stub whose calls name {@code project} in the project header. */
  public MemoryServiceGrpc.MemoryServiceBlockingStub stub(String project) {
    Metadata headers = new Metadata();
    headers.put(ProjectHeader.KEY, project);
    return stub().withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }
}
