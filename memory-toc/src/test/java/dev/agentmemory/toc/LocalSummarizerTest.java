package dev.agentmemory.toc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmemory.event.EventRole;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalSummarizerTest {
  private final LocalSummarizer summarizer = new LocalSummarizer();

  private static SummaryEvent event(int n, EventRole role, String text) {
    return new SummaryEvent("01KDV92TG0K4C5ME89BN0S41A" + (char) ('A' + n), 1_000L + n, role.number(), 0, text, Map.of());
  }

  @Test
  void shouldFindTheTopicOfACodeHeavySegment_andCiteEveryBullet() {
    List<SummaryEvent> events = List.of(
        event(0, EventRole.USER, "The invoice totals are off by a cent. Please fix the rounding in InvoiceService.java."),
        event(1, EventRole.TOOL, "$ ./gradlew test\nInvoiceServiceTest > shouldRoundHalfUp FAILED\n"
            + "    at shop.billing.InvoiceService.total(InvoiceService.java:42)\nBUILD FAILED in 12s"),
        event(2, EventRole.ASSISTANT, "The root cause is that InvoiceService.total() sums double values. "
            + "I changed it to BigDecimal with HALF_UP rounding and InvoiceServiceTest passes now."),
        event(3, EventRole.ASSISTANT, "We should also round per line item before summing, as the tax rules require."));

    Summary summary = summarizer.summarize(new SummaryRequest("toc:segment:x", events, List.of(), TermWeights.uniform()));

    assertThat(summary.title()).containsIgnoringCase("rounding");
    assertThat(summary.keywords()).hasSizeBetween(3, 7).anySatisfy(k -> assertThat(k).containsIgnoringCase("InvoiceService"));
    assertThat(summary.bullets()).hasSizeBetween(3, 5);
    assertThat(summary.bullets()).allSatisfy(bullet ->
        assertThat(events).anySatisfy(e -> {
          assertThat(e.eventId()).isEqualTo(bullet.eventIdStart());
          assertThat(e.text()).contains(bullet.excerpt());
        }));
    assertThat(summary.summary()).isNotBlank().doesNotContainIgnoringCase("pending");
  }

  @Test
  void shouldSummarizeWhatWasSaid_notLifecycleMarkersRedactionLabelsOrIds() {
    List<SummaryEvent> events = List.of(
        event(0, EventRole.SYSTEM, "Session started (source: startup)"),
        event(1, EventRole.USER, "What did we decide about the ledger? The export job in "
            + "/tmp/junit-1640466238739904025/ledger keeps failing with key [REDACTED:aws-access-key]."),
        event(2, EventRole.TOOL, "ls /tmp/junit-1640466238739904025/ledger\nledger.csv ledger-export.log"),
        event(3, EventRole.ASSISTANT, "We decided to keep the ledger in Postgres; the export job now reads it "
            + "from the ledger table instead of the CSV files."),
        event(4, EventRole.SYSTEM, "Session ended (reason: other)"));

    Summary summary = summarizer.summarize(new SummaryRequest("toc:segment:x", events, List.of(), TermWeights.uniform()));

    assertThat(summary.title()).doesNotContainIgnoringCase("session");
    assertThat(summary.bullets()).noneSatisfy(bullet -> assertThat(bullet.text()).containsIgnoringCase("session"))
        .anySatisfy(bullet -> assertThat(bullet.text()).contains("Postgres"));
    assertThat(summary.keywords()).isNotEmpty().noneSatisfy(keyword -> assertThat(keyword)
        .containsAnyOf("aws-access-key", "REDACTED", "1640466238739904025", "junit", "startup"));
  }

  @Test
  void shouldBeDeterministic() {
    List<SummaryEvent> events = List.of(
        event(0, EventRole.USER, "Can you upgrade the Gradle wrapper in the payments repository to 8.10?"),
        event(1, EventRole.ASSISTANT, "I upgraded the Gradle wrapper and regenerated the checksums; the build passes."));
    SummaryRequest request = new SummaryRequest("toc:segment:x", events, List.of(), TermWeights.uniform());

    assertThat(summarizer.summarize(request)).isEqualTo(summarizer.summarize(request));
  }

  @Test
  void shouldCutPrefixesOnCharacterBoundaries() {
    String text = "ab😀cd"; // the emoji is two chars (a surrogate pair)

    assertThat(Texts.prefix(text, 3)).isEqualTo("ab");
    assertThat(Texts.prefix(text, 4)).isEqualTo("ab😀");
    assertThat(Texts.prefix(text, 100)).isEqualTo(text);
  }

  @Test
  void shouldTreatIdentifiersAndPathsAsTerms_andStemPlainWords() {
    assertThat(Texts.terms("Fixed tests in src/billing/InvoiceService.java and max_retries"))
        .containsExactly("fix", "test", "src", "bill", "invoiceservice.java", "max_retries");
  }
}
