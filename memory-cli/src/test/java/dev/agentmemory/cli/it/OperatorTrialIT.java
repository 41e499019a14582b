package dev.agentmemory.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Defects an operator met going through docs/operations.md, checked against the packaged daemon. */
class OperatorTrialIT {
  @TempDir Path tmp;
  private DaemonProcess daemon;

  @BeforeEach
  void sandbox() {
    daemon = new DaemonProcess(tmp);
  }

  @AfterEach
  void cleanUp() {
    daemon.stopQuietly();
  }

  @Test
  void shouldStopWithinSeconds_whenAMonitorHoldsAHealthWatchStream() throws Exception {
    // given: a monitoring client watching health
    int port = daemon.start();
    ManagedChannel channel = daemon.channel(port);
    List<ServingStatus> seen = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> ended = new CompletableFuture<>();
    HealthGrpc.newStub(channel).watch(HealthCheckRequest.getDefaultInstance(), new StreamObserver<>() {
      @Override
      public void onNext(HealthCheckResponse value) {
        seen.add(value.getStatus());
      }

      @Override
      public void onError(Throwable t) {
        ended.complete(null);
      }

      @Override
      public void onCompleted() {
        ended.complete(null);
      }
    });
    long deadline = System.currentTimeMillis() + 10_000;
    while (!seen.contains(ServingStatus.SERVING) && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    assertThat(seen).contains(ServingStatus.SERVING);

    // when
    long start = System.nanoTime();
    DaemonProcess.Result stop = daemon.run("stop");
    long tookMs = (System.nanoTime() - start) / 1_000_000;

    // then: stopped promptly, and the watcher heard NOT_SERVING before its stream ended
    try {
      assertThat(stop.exitCode()).as(stop.toString()).isZero();
      assertThat(stop.out()).contains("Memory daemon stopped.");
      assertThat(tookMs).as("stop took %d ms", tookMs).isLessThan(6_000);
      ended.get(5, TimeUnit.SECONDS);
      assertThat(seen).contains(ServingStatus.NOT_SERVING);
    } finally {
      channel.shutdownNow();
    }
  }
}
