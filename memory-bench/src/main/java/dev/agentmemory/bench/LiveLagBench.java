package dev.agentmemory.bench;

import com.github.f4b6a3.ulid.UlidCreator;
import dev.agentmemory.daemon.MemoryDaemon;
import dev.agentmemory.daemon.config.ConfigKey;
import dev.agentmemory.daemon.config.ConfigLoader;
import dev.agentmemory.daemon.config.DaemonConfig;
import dev.agentmemory.hook.Platform;
import dev.agentmemory.proto.Event;
import dev.agentmemory.proto.EventRole;
import dev.agentmemory.proto.EventType;
import dev.agentmemory.proto.GetNodeRequest;
import dev.agentmemory.proto.GetNodeResponse;
import dev.agentmemory.proto.IngestEventRequest;
import dev.agentmemory.proto.MemoryServiceGrpc;
import dev.agentmemory.toc.Period;
import dev.agentmemory.wire.Headers;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Live TOC lag: a daemon (in this process, real gRPC on loopback) takes a steady stream of events
 * stamped with the current time; a poller reads today's day node and its segments every 100 ms.
 * Lag = now minus the newest event time the TOC covers. Events arrive in time order, and the
 * worker consumes them in that order, so everything older is covered too.
 */
public final class LiveLagBench {
  private LiveLagBench() {}

  public static void main(String[] args) throws Exception {
    int rate = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    Path dir = Files.createTempDirectory("memory-bench-lag");
    Platform platform = new Platform(Platform.Os.LINUX, dir, Map.of("XDG_RUNTIME_DIR", dir.resolve("run").toString()));
    DaemonConfig config = new ConfigLoader(platform).load(Optional.empty(), Map.of(
        ConfigKey.GRPC_PORT, "0", ConfigKey.DB_PATH, dir.resolve("db").toString(), ConfigKey.TIMEZONE, "UTC"));
    try (MemoryDaemon daemon = MemoryDaemon.start(config, platform, Clock.systemUTC(), Optional.empty())) {
      ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", daemon.port()).usePlaintext()
          .intercept(Headers.bearer(daemon.token())).build();
      MemoryServiceGrpc.MemoryServiceBlockingStub memory = MemoryServiceGrpc.newBlockingStub(channel);
      SyntheticTexts texts = new SyntheticTexts();
      AtomicBoolean running = new AtomicBoolean(true);
      Latencies lags = new Latencies(seconds * 20 + 100);
      Thread poller = new Thread(() -> poll(memory, running, lags), "lag-poller");
      poller.start();
      long start = System.nanoTime();
      long sent = 0;
      while (System.nanoTime() - start < seconds * 1_000_000_000L) {
        long due = start + sent * 1_000_000_000L / rate;
        while (System.nanoTime() < due) {
          Thread.onSpinWait();
        }
        int session = (int) (sent % 4);
        memory.ingestEvent(IngestEventRequest.newBuilder().setEvent(Event.newBuilder()
            .setEventId(UlidCreator.getMonotonicUlid().toString())
            .setSessionId("live-" + session)
            .setTimestampMs(System.currentTimeMillis())
            .setEventType(EventType.EVENT_TYPE_USER_MESSAGE)
            .setRole(EventRole.EVENT_ROLE_USER)
            .setText(texts.next())).build());
        sent++;
      }
      double achieved = sent / ((System.nanoTime() - start) / 1e9);
      Thread.sleep(3000);
      running.set(false);
      poller.join();
      channel.shutdownNow();
      System.out.printf("Live TOC lag at %.0f events/s for %d s (refresh_interval %s): p50 %.0f ms, p99 %.0f ms, max %.0f ms%n",
          achieved, seconds, config.toc().refreshInterval(), lags.percentileMs(50), lags.percentileMs(99), lags.percentileMs(100));
    } finally {
      LocomoSummaryEval.deleteRecursively(dir);
    }
  }

  private static void poll(MemoryServiceGrpc.MemoryServiceBlockingStub memory, AtomicBoolean running, Latencies lags) {
    long deadlineWarmup = System.currentTimeMillis() + 2000;
    while (running.get()) {
      long newest = 0;
      GetNodeResponse day = memory.getNode(GetNodeRequest.newBuilder()
          .setNodeId(Period.dayId(LocalDate.now(ZoneOffset.UTC))).build());
      if (day.hasNode()) {
        for (String segment : day.getNode().getChildNodeIdsList()) {
          GetNodeResponse node = memory.getNode(GetNodeRequest.newBuilder().setNodeId(segment).build());
          if (node.hasNode()) {
            newest = Math.max(newest, node.getNode().getEndTimeMs());
          }
        }
      }
      long now = System.currentTimeMillis();
      if (newest > 0 && now > deadlineWarmup) {
        lags.add((now - newest) * 1_000_000L);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Chat-sized texts that vary, so segments are summarized as in a real session. */
  static final class SyntheticTexts {
    private static final String[] WORDS = ("invoice rounding checkout gateway retry timeout cache index query "
        + "migration deploy config test build release token session parser schema endpoint latency").split(" ");
    private final Random random = new Random(3);

    String next() {
      StringBuilder text = new StringBuilder("Please look at the ");
      for (int i = 0; i < 12 + random.nextInt(30); i++) {
        text.append(WORDS[random.nextInt(WORDS.length)]).append(i % 9 == 8 ? ". The " : " ");
      }
      return text.append("issue.").toString();
    }
  }
}
