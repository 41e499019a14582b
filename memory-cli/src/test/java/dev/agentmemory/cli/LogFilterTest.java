package dev.agentmemory.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LogFilterTest {
  @Test
  void shouldReadPerLoggerLevelsAndABareRootLevel() {
    LogFilter filter = LogFilter.parse("info, dev.agentmemory.storage=DEBUG,io.grpc=warning", "MEMORY_LOG", true);

    assertThat(filter.rootLevel()).contains("info");
    assertThat(filter.loggerLevels())
        .containsExactlyInAnyOrderEntriesOf(Map.of("dev.agentmemory.storage", "debug", "io.grpc", "warn"));
  }

  @Test
  void shouldMapTheEarlierImplementationsCrateNames() {
    LogFilter filter = LogFilter.parse("memory_daemon=trace,tonic=error,foo::bar=info", "RUST_LOG", false);

    assertThat(filter.loggerLevels()).containsExactlyInAnyOrderEntriesOf(
        Map.of("dev.agentmemory.daemon", "trace", "io.grpc", "error", "foo.bar", "info"));
  }

  @Test
  void shouldNameTheVariable_whenOurOwnFilterIsMalformed() {
    assertThatThrownBy(() -> LogFilter.parse("dev.agentmemory=loud", "MEMORY_LOG", true))
        .hasMessageContaining("MEMORY_LOG")
        .hasMessageContaining("dev.agentmemory=loud");
  }

  @Test
  void shouldSkipWhatItCannotRead_inRustLog() {
    LogFilter filter = LogFilter.parse("hyper=loud,memory_toc=debug,[span]=info", "RUST_LOG", false);

    assertThat(filter.loggerLevels()).containsExactly(Map.entry("dev.agentmemory.toc", "debug"));
  }

  @Test
  void shouldPreferMemoryLogOverRustLog() {
    LogFilter filter = LogFilter.fromEnvironment(Map.of("MEMORY_LOG", "a=debug", "RUST_LOG", "b=debug"));

    assertThat(filter.loggerLevels()).containsOnlyKeys("a");
    assertThat(LogFilter.fromEnvironment(Map.of("RUST_LOG", "b=debug")).loggerLevels()).containsOnlyKeys("b");
    assertThat(LogFilter.fromEnvironment(Map.of()).loggerLevels()).isEmpty();
  }
}
