package dev.agentmemory.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmemory.daemon.config.DaemonConfig.GrpcConfig;
import org.junit.jupiter.api.Test;

class EndpointTest {
  @Test
  void shouldParseTheFormsUsersWrite() {
    assertThat(Endpoint.parse("127.0.0.1:50051")).isEqualTo(new Endpoint("127.0.0.1", 50051));
    assertThat(Endpoint.parse("http://localhost:50052")).isEqualTo(new Endpoint("localhost", 50052));
    assertThat(Endpoint.parse("http://[::1]:50051/")).isEqualTo(new Endpoint("::1", 50051));
    assertThat(Endpoint.parse("[::1]:50051").toString()).isEqualTo("[::1]:50051");
  }

  @Test
  void shouldRefuseWhatIsNotHostAndPort() {
    assertThatThrownBy(() -> Endpoint.parse("localhost")).hasMessageContaining("HOST:PORT");
    assertThatThrownBy(() -> Endpoint.parse("localhost:http")).hasMessageContaining("port");
    assertThatThrownBy(() -> Endpoint.parse("localhost:0")).hasMessageContaining("port");
    assertThatThrownBy(() -> Endpoint.parse("https://localhost:50051")).hasMessageContaining("plaintext");
  }

  @Test
  void shouldConnectToLoopback_whenTheDaemonBindsAWildcard() {
    assertThat(Endpoint.of(new GrpcConfig("0.0.0.0", 50051))).isEqualTo(new Endpoint("127.0.0.1", 50051));
    assertThat(Endpoint.of(new GrpcConfig("127.0.0.2", 7))).isEqualTo(new Endpoint("127.0.0.2", 7));
  }
}
