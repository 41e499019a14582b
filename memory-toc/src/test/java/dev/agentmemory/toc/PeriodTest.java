package dev.agentmemory.toc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmemory.domain.InvalidArgumentException;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class PeriodTest {
  @Test
  void shouldDeriveTitlesAndRangesFromIds() {
    ZoneId paris = ZoneId.of("Europe/Paris");
    Period week = Period.parse("toc:week:2026:W01");

    assertThat(week.title()).isEqualTo("Week 1 of 2026");
    assertThat(week.firstDay()).isEqualTo(LocalDate.parse("2025-12-29"));
    assertThat(((Period.Week) week).months()).extracting(Period::id)
        .containsExactly("toc:month:2025:12", "toc:month:2026:01");
    assertThat(Period.parse("toc:day:2026-01-31").title()).isEqualTo("Saturday, January 31, 2026");
    assertThat(Period.parse("toc:month:2026:02").title()).isEqualTo("February 2026");
    assertThat(Period.parse("toc:year:2026").title()).isEqualTo("2026");
    Period day = Period.parse("toc:day:2026-03-29"); // the day Paris switches to summer time: 23 hours
    assertThat(day.endMs(paris) - day.startMs(paris) + 1).isEqualTo(23 * 3_600_000L);
  }

  @Test
  void shouldRoundTripEveryKindOfId() {
    for (String id : new String[] {"toc:year:2026", "toc:month:2026:01", "toc:week:2026:W53".replace("2026", "2020"),
        "toc:day:2026-01-31", "toc:segment:2026-01-31:01KDV92TG0K4C5ME89BN0S41AX"}) {
      assertThat(Period.parse(id).id()).isEqualTo(id);
    }
  }

  @Test
  void shouldRefuseWhatIsNotANodeId() {
    for (String bad : new String[] {"", "toc:day:2026-02-30", "toc:week:2026:W54", "toc:month:2026:13", "day:2026-01-01",
        "toc:segment:2026-01-31:not-a-ulid"}) {
      assertThatThrownBy(() -> Period.parse(bad)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("node_id");
    }
  }
}
