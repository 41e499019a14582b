package dev.agentmemory.cli.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmemory.cli.CliException;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class TimeArgumentTest {
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  @Test
  void shouldReadMillisecondsDatesAndDateTimes() {
    assertThat(TimeArgument.parse("--from", "1767225600000", PARIS, false)).isEqualTo(1767225600000L);
    // 2026-01-31 00:00 in Paris is 2026-01-30T23:00Z
    assertThat(TimeArgument.parse("--from", "2026-01-31", PARIS, false)).isEqualTo(1769814000000L);
    assertThat(TimeArgument.parse("--to", "2026-01-31", PARIS, true)).isEqualTo(1769814000000L + 86_400_000L - 1);
    assertThat(TimeArgument.parse("--from", "2026-01-31T00:00:00Z", PARIS, false)).isEqualTo(1769817600000L);
    assertThat(TimeArgument.parse("--from", "2026-01-31T01:00+01:00", PARIS, false)).isEqualTo(1769817600000L);
    assertThat(TimeArgument.parse("--from", "2026-01-31T01:00", PARIS, false)).isEqualTo(1769817600000L);
  }

  @Test
  void shouldExplainWhatItExpects() {
    assertThatThrownBy(() -> TimeArgument.parse("--from", "yesterday", PARIS, false))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("--from 'yesterday'")
        .hasMessageContaining("2026-01-31");
  }
}
