package dev.agentmemory.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void shouldDoubleTheWaitUpToItsMaximum_andStartOverAfterASuccess() {
    Backoff backoff = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(1));

    assertThat(backoff.failed()).isEqualTo(Duration.ofMillis(250));
    assertThat(backoff.failed()).isEqualTo(Duration.ofMillis(500));
    assertThat(backoff.failed()).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.failed()).isEqualTo(Duration.ofSeconds(1));
    backoff.succeeded();
    assertThat(backoff.failed()).isEqualTo(Duration.ofMillis(250));
  }
}
