package dev.agentmemory.toc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConclusionsTest {

  @Test
  void shouldPickWhatWasSettled_overHowTheWorkWent() {
    String outcome = Conclusions.of(List.of(
        "Two options: JWTs with a 24 hour expiry, or opaque tokens in Redis. Let me check Redis is running.",
        "We'll use opaque tokens with a 15 minute sliding expiry. SessionStore.touch extends the TTL."), 200);

    assertThat(outcome).isEqualTo("We'll use opaque tokens with a 15 minute sliding expiry. SessionStore.touch extends the TTL.");
  }

  @Test
  void shouldKeepAnEarlierDecision_whenTheLastAnswerIsBookkeeping() {
    String outcome = Conclusions.of(List.of(
        "Root cause: the query has no ORDER BY. I added ORDER BY issued_at to the export.",
        "Committed as 'Order the export' on branch fix/export-order."), 200);

    assertThat(outcome).isEqualTo("Root cause: the query has no ORDER BY. I added ORDER BY issued_at to the export.");
  }

  @Test
  void shouldGiveTheMostConclusiveSentenceAlone_whenTwoDoNotFit() {
    String outcome = Conclusions.of(List.of(
        "The lookup used the alpha-3 code AUT while the tax table is keyed by alpha-2 codes, so it fell back to zero.",
        "TaxRates.forCountry now converts to alpha-2."), 80);

    assertThat(outcome).isEqualTo("TaxRates.forCountry now converts to alpha-2.");
  }

  @Test
  void shouldSayTheLastSentence_whenNothingSoundsConcluded_andNothingWhenNothingWasSaid() {
    assertThat(Conclusions.of(List.of("Moment is large. Luxon has time zones.", "The bundle is big today."), 200))
        .isEqualTo("The bundle is big today.");
    assertThat(Conclusions.of(List.of(), 200)).isEmpty();
  }
}
