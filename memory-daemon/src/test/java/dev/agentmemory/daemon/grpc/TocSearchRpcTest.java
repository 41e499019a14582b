package dev.agentmemory.daemon.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmemory.proto.EventRole;
import dev.agentmemory.proto.SearchChildrenRequest;
import dev.agentmemory.proto.SearchChildrenResponse;
import dev.agentmemory.proto.SearchMatch;
import dev.agentmemory.proto.SearchNodeRequest;
import dev.agentmemory.proto.SearchNodeResponse;
import dev.agentmemory.proto.SearchNodeResult;
import dev.agentmemory.proto.TocLevel;
import dev.agentmemory.toc.TokenCounter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SearchNode and SearchChildren (search-protocol.md "TOC-local search"), token_budget included. */
class TocSearchRpcTest {
  private static final long DAY = 86_400_000L;
  private static final long JAN_12 = 1_768_176_000_000L; // Monday 2026-01-12T00:00:00Z

  @RegisterExtension final InProcessMemoryService service = new InProcessMemoryService(1 << 20);

  private void threeDays() throws InterruptedException {
    for (int day = 0; day < 3; day++) {
      long t = JAN_12 + day * DAY + 9 * 3_600_000L;
      service.ingest("s" + day, t, EventRole.EVENT_ROLE_USER, "Please fix the flaky checkout test in CheckoutServiceTest.");
      service.ingest("s" + day, t + 60_000, EventRole.EVENT_ROLE_ASSISTANT,
          "The checkout test failed because the clock was not mocked; the retry logic also hid the failure.");
      service.ingest("s" + day, t + 120_000, EventRole.EVENT_ROLE_ASSISTANT,
          "I injected a fixed Clock into CheckoutService and the checkout test passes on every run now.");
    }
    service.awaitTocBuilt();
  }

  @Test
  void shouldFindMatchingDays_andBoundTheAnswerByTokenBudget() throws InterruptedException {
    // given
    threeDays();
    SearchChildrenRequest days = SearchChildrenRequest.newBuilder().setChildLevel(TocLevel.TOC_LEVEL_DAY)
        .setQuery("checkout clock").build();

    // when
    SearchChildrenResponse unbounded = service.stub().searchChildren(days);
    SearchChildrenResponse bounded = service.stub().searchChildren(days.toBuilder().setTokenBudget(12).build());

    // then: every day matches; with 12 tokens only the best match of the best day, cut to fit
    assertThat(unbounded.getResultsList()).extracting(SearchNodeResult::getNodeId)
        .containsExactlyInAnyOrder("toc:day:2026-01-12", "toc:day:2026-01-13", "toc:day:2026-01-14");
    assertThat(unbounded.getResults(0).getMatchesCount()).isGreaterThan(1);
    int tokens = bounded.getResultsList().stream().flatMap(result -> result.getMatchesList().stream())
        .mapToInt(match -> TokenCounter.shared().count(match.getText())).sum();
    assertThat(tokens).isLessThanOrEqualTo(12);
    assertThat(bounded.getResultsCount()).isGreaterThanOrEqualTo(1);
    assertThat(bounded.getHasMore()).as("days left out for the budget").isTrue();
  }

  @Test
  void shouldSearchOneNode_withinItsBudget_andAnswerUnmatchedForAnUnknownNode() throws InterruptedException {
    // given
    threeDays();
    SearchNodeRequest request = SearchNodeRequest.newBuilder().setNodeId("toc:day:2026-01-12").setQuery("checkout test").build();

    // when
    SearchNodeResponse all = service.stub().searchNode(request);
    SearchNodeResponse tight = service.stub().searchNode(request.toBuilder().setTokenBudget(3).build());
    SearchNodeResponse unknown = service.stub().searchNode(request.toBuilder().setNodeId("toc:day:1999-01-01").build());

    // then
    assertThat(all.getMatched()).isTrue();
    assertThat(all.getLevel()).isEqualTo(TocLevel.TOC_LEVEL_DAY);
    assertThat(all.getMatchesList()).extracting(SearchMatch::getScore).isSortedAccordingTo((a, b) -> Float.compare(b, a));
    assertThat(tight.getMatched()).isTrue();
    assertThat(tight.getMatchesCount()).as("the best match, cut to fit").isEqualTo(1);
    assertThat(tight.getMatches(0).getText()).endsWith(" …");
    assertThat(all.getMatches(0).getText()).startsWith(tight.getMatches(0).getText().replace(" …", ""));
    assertThat(unknown.getMatched()).isFalse();
  }
}
