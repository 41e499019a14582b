package dev.agentmemory.daemon.grpc;

import dev.agentmemory.daemon.EventService;
import dev.agentmemory.proto.MemoryServiceGrpc;
import dev.agentmemory.storage.MemoryStore;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
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
  private Path dir;
  private MemoryStore store;
  private Server server;
  private ManagedChannel channel;

  public InProcessMemoryService(long maxTextBytes) {
    this.maxTextBytes = maxTextBytes;
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    dir = Files.createTempDirectory("memory-grpc-test");
    store = MemoryStore.open(dir.resolve("db"));
    EventService events = new EventService(store.events(), Clock.fixed(NOW, ZoneOffset.UTC), maxTextBytes, "");
    String name = InProcessServerBuilder.generateName();
    server = InProcessServerBuilder.forName(name)
        .directExecutor()
        .addService(new MemoryGrpcService(events))
        .build()
        .start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    channel.shutdownNow();
    server.shutdownNow();
    store.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  public MemoryServiceGrpc.MemoryServiceBlockingStub stub() {
    return MemoryServiceGrpc.newBlockingStub(channel);
  }

  public MemoryStore store() {
    return store;
  }
}
