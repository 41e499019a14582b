package dev.agentmemory.daemon.grpc;

import dev.agentmemory.daemon.AdminService;
import dev.agentmemory.daemon.EventService;
import dev.agentmemory.daemon.IngestPolicy;
import dev.agentmemory.daemon.MaintenanceJobs;
import dev.agentmemory.daemon.TocWorker;
import dev.agentmemory.daemon.config.ConfigLoader;
import dev.agentmemory.daemon.config.DaemonConfig;
import dev.agentmemory.hook.Platform;
import dev.agentmemory.daemon.summarizer.UsageMeter;
import dev.agentmemory.proto.MemoryServiceGrpc;
import dev.agentmemory.scheduler.MemoryScheduler;
import dev.agentmemory.storage.MemoryStore;
import dev.agentmemory.toc.LocalSummarizer;
import dev.agentmemory.toc.TocBuilder;
import dev.agentmemory.toc.TocConfig;
import dev.agentmemory.toc.TocQuery;
import dev.agentmemory.toc.TocRebuilder;
import dev.agentmemory.toc.TocRollup;
import dev.agentmemory.toc.TokenCounter;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
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
  private static final TokenCounter TOKENS = new TokenCounter();

  /** "Now" for every test: 2026-01-15T12:00:00Z. */
  public static final Instant NOW = Instant.parse("2026-01-15T12:00:00Z");

  private final long maxTextBytes;
  private Path dir;
  private MemoryStore store;
  private Server server;
  private ManagedChannel channel;
  private TocWorker worker;
  private MemoryScheduler scheduler;

  public InProcessMemoryService(long maxTextBytes) {
    this.maxTextBytes = maxTextBytes;
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    dir = Files.createTempDirectory("memory-grpc-test");
    store = MemoryStore.open(dir.resolve("db"));
    TocBuilder builder = new TocBuilder(store, TocConfig.defaults(ZoneOffset.UTC), new LocalSummarizer(), TOKENS);
    worker = new TocWorker(store, builder, Duration.ofMillis(50));
    worker.start();
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    EventService events = new EventService(store.events(), clock, IngestPolicy.plain(maxTextBytes), worker::nudge);
    DaemonConfig config = new ConfigLoader(new Platform(Platform.Os.LINUX, dir, Map.of())).load(Optional.empty(), Map.of());
    scheduler = new MemoryScheduler(MaintenanceJobs.specs(config, store, builder,
        new TocRollup(store, builder, new LocalSummarizer(), clock), Optional.empty(), clock), store.jobs(), ZoneOffset.UTC, clock);
    scheduler.start();
    String name = InProcessServerBuilder.generateName();
    server = InProcessServerBuilder.forName(name)
        .directExecutor()
        .addService(new MemoryGrpcService(
            events, new TocQuery(store), new TocRebuilder(store, builder), scheduler, new AdminService(store, "local",
            new UsageMeter(store.checkpoints(), 0, ZoneOffset.UTC, clock))))
        .build()
        .start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException, InterruptedException {
    channel.shutdownNow();
    server.shutdownNow();
    scheduler.close();
    worker.close();
    store.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  /** Waits (bounded) until the TOC worker has taken in every ingested event. */
  public void awaitTocBuilt() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (store.outbox().pending() > 0) {
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

  public MemoryStore store() {
    return store;
  }
}
