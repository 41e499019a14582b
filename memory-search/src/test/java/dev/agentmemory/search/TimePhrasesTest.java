package dev.agentmemory.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Every phrase docs/search.md lists, read on Friday 2026-11-20 in Paris. */
class TimePhrasesTest {
  private static final ZoneId ZONE = ZoneId.of("Europe/Paris");
  private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 11, 20, 15, 0, 0, 0, ZONE);

  @ParameterizedTest
  @CsvSource({
    "what happened today,                2026-11-20, 2026-11-21",
    "the bug from yesterday,             2026-11-19, 2026-11-20",
    "deploys this week,                  2026-11-16, 2026-11-21",
    "what did we fix last week,          2026-11-09, 2026-11-16",
    "the past week,                      2026-11-13, 2026-11-21",
    "this month's releases,              2026-11-01, 2026-11-21",
    "last month,                         2026-10-01, 2026-11-01",
    "this year,                          2026-01-01, 2026-11-21",
    "last year,                          2025-01-01, 2026-01-01",
    "two days ago,                       2026-11-18, 2026-11-19",
    "2 days ago,                         2026-11-18, 2026-11-19",
    "3 weeks ago,                        2026-10-27, 2026-11-03",
    "on Tuesday,                         2026-11-17, 2026-11-18",
    "last tuesday,                       2026-11-17, 2026-11-18",
    "the migration in May,               2026-05-01, 2026-06-01",
    "in December,                        2025-12-01, 2026-01-01",
    "in May 2025,                        2025-05-01, 2025-06-01",
    "since June,                         2026-06-01, 2026-11-21",
    "on 2026-10-12,                      2026-10-12, 2026-10-13",
  })
  void shouldReadThePeriodAQueryNames(String query, LocalDate from, LocalDate to) {
    Optional<TimePhrases.Found> found = TimePhrases.find(query, NOW);

    assertThat(found).as(query).isPresent();
    assertThat(found.get().startMs()).as(query).isEqualTo(from.atStartOfDay(ZONE).toInstant().toEpochMilli());
    assertThat(found.get().endMs()).as(query).isEqualTo(to.atStartOfDay(ZONE).toInstant().toEpochMilli());
  }

  @Test
  void shouldTakeThePhraseOutOfTheQuery() {
    assertThat(TimePhrases.find("what did we fix last week about invoices", NOW).orElseThrow().rest())
        .isEqualTo("what did we fix about invoices");
  }

  @Test
  void shouldFindNothing_whenNoTimeIsNamed() {
    assertThat(TimePhrases.find("invoice rounding in InvoiceService", NOW)).isEmpty();
  }
}
