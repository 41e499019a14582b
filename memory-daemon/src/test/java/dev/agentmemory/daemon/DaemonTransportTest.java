package dev.agentmemory.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmemory.daemon.config.ConfigKey;
import dev.agentmemory.daemon.config.ConfigLoader;
import dev.agentmemory.daemon.lifecycle.DaemonFiles;
import dev.agentmemory.hook.Platform;
import dev.agentmemory.proto.GetEventsRequest;
import dev.agentmemory.proto.MemoryServiceGrpc;
import dev.agentmemory.wire.Headers;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.StreamObserver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who may call: TCP only with the daemon's token (health excepted), the Unix socket without. */
class DaemonTransportTest {
  @TempDir Path tmp;

  private MemoryDaemon start(Map<ConfigKey, String> extra) {
    Platform platform = platform();
    Map<ConfigKey, String> flags = new HashMap<>(Map.of(ConfigKey.GRPC_PORT, "0", ConfigKey.DB_PATH,
        tmp.resolve("db").toString(), ConfigKey.SEARCH_VECTORS, "false"));
    flags.putAll(extra);
    return MemoryDaemon.start(new ConfigLoader(platform).load(Optional.empty(), flags), platform, Clock.systemUTC(),
        Optional.empty());
  }

  private Platform platform() {
    return new Platform(Platform.Os.LINUX, tmp.resolve("home"), Map.of("XDG_RUNTIME_DIR", tmp.resolve("run").toString()));
  }

  private static ManagedChannel tcp(MemoryDaemon daemon, Optional<String> token) {
    NettyChannelBuilder builder = NettyChannelBuilder.forAddress("127.0.0.1", daemon.port()).usePlaintext();
    token.ifPresent(value -> builder.intercept(Headers.bearer(value)));
    return builder.build();
  }

  private static StatusRuntimeException refusal(ManagedChannel channel) {
    try {
      return Assertions.assertThrows(StatusRuntimeException.class,
          () -> MemoryServiceGrpc.newBlockingStub(channel).getEvents(GetEventsRequest.newBuilder().setToTimestampMs(1).build()));
    } finally {
      channel.shutdownNow();
    }
  }

  @Test
  void shouldRefuseCallsOverTcpWithoutTheToken_butAnswerHealth() {
    try (MemoryDaemon daemon = start(Map.of())) {
      // when
      StatusRuntimeException none = refusal(tcp(daemon, Optional.empty()));
      StatusRuntimeException wrong = refusal(tcp(daemon, Optional.of("not-the-token")));
      ManagedChannel anonymous = tcp(daemon, Optional.empty());
      ServingStatus health = HealthGrpc.newBlockingStub(anonymous).check(HealthCheckRequest.getDefaultInstance()).getStatus();
      Status reflection = reflect(anonymous);
      anonymous.shutdownNow();

      // then
      assertThat(none.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
      assertThat(none.getStatus().getDescription()).contains("No token sent", "authorization: Bearer TOKEN",
          "memory-daemon auth token", "daemon.sock");
      assertThat(wrong.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
      assertThat(wrong.getStatus().getDescription()).contains("not this daemon's");
      assertThat(health).isEqualTo(ServingStatus.SERVING);
      assertThat(reflection.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    }
  }

  @Test
  void shouldAnswerOverTcpWithTheToken_andOverTheSocketWithout() throws Exception {
    try (MemoryDaemon daemon = start(Map.of())) {
      ManagedChannel withToken = tcp(daemon, Optional.of(daemon.token()));
      EventLoopGroup group = new EpollEventLoopGroup(1);
      ManagedChannel socket = NettyChannelBuilder.forAddress(new DomainSocketAddress(daemon.info().socket()))
          .channelType(EpollDomainSocketChannel.class).eventLoopGroup(group).usePlaintext().build();
      try {
        assertThat(MemoryServiceGrpc.newBlockingStub(withToken).getEvents(GetEventsRequest.newBuilder().setToTimestampMs(1).build())
            .getEventsCount()).isZero();
        assertThat(MemoryServiceGrpc.newBlockingStub(socket).getEvents(GetEventsRequest.newBuilder().setToTimestampMs(1).build())
            .getEventsCount()).isZero();
        assertThat(reflect(withToken).isOk()).isTrue();
        assertThat(reflect(socket).isOk()).isTrue();
      } finally {
        withToken.shutdownNow();
        socket.shutdownNow();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void shouldKeepTokenAndSocketForTheUserOnly_andMakeANewTokenAtEachStart() throws Exception {
    // given
    DaemonFiles files = new DaemonFiles(platform().pidFile());
    String first;
    Path socket;
    try (MemoryDaemon daemon = start(Map.of())) {
      first = daemon.token();
      socket = Path.of(daemon.info().socket());

      // then
      assertThat(Files.readString(files.tokenFile()).strip()).isEqualTo(first);
      assertThat(mode(files.tokenFile())).isEqualTo("rw-------");
      assertThat(mode(socket)).isEqualTo("rw-------");
      assertThat(mode(files.tokenFile().getParent())).isEqualTo("rwx------");
      assertThat(first).hasSizeGreaterThanOrEqualTo(43);
    }
    assertThat(files.tokenFile()).doesNotExist();
    assertThat(socket).doesNotExist();

    try (MemoryDaemon again = start(Map.of())) {
      assertThat(again.token()).isNotEqualTo(first);
    }
  }

  @Test
  void shouldAnswerEveryLocalCaller_whenTokensAreTurnedOff() {
    try (MemoryDaemon daemon = start(Map.of(ConfigKey.GRPC_AUTH, "none", ConfigKey.GRPC_SOCKET, "off"))) {
      ManagedChannel anonymous = tcp(daemon, Optional.empty());
      try {
        assertThat(MemoryServiceGrpc.newBlockingStub(anonymous).getEvents(GetEventsRequest.newBuilder().setToTimestampMs(1).build())
            .getEventsCount()).isZero();
        assertThat(daemon.info().socket()).isEmpty();
      } finally {
        anonymous.shutdownNow();
      }
    }
  }

  @Test
  void shouldRefuseToStart_whenSomethingElseIsWhereTheSocketGoes() throws Exception {
    Path socket = Files.createDirectories(tmp.resolve("elsewhere")).resolve("daemon.sock");
    Files.writeString(socket, "not a socket");

    assertThatThrownBy(() -> start(Map.of(ConfigKey.GRPC_SOCKET, socket.toString())))
        .isInstanceOf(DaemonStartException.class)
        .hasMessageContaining("something else is there");
    assertThat(socket).hasContent("not a socket");
  }

  private static String mode(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  /** Lists the services through reflection v1; the status the call ended with. */
  private static Status reflect(ManagedChannel channel) {
    CompletableFuture<Status> ended = new CompletableFuture<>();
    StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel).serverReflectionInfo(
        new StreamObserver<>() {
          @Override
          public void onNext(ServerReflectionResponse response) {}

          @Override
          public void onError(Throwable t) {
            ended.complete(Status.fromThrowable(t));
          }

          @Override
          public void onCompleted() {
            ended.complete(Status.OK);
          }
        });
    requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
    requests.onCompleted();
    return ended.join();
  }
}
