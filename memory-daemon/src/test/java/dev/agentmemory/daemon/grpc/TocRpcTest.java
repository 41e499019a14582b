package dev.agentmemory.daemon.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmemory.proto.BrowseTocRequest;
import dev.agentmemory.proto.BrowseTocResponse;
import dev.agentmemory.proto.Event;
import dev.agentmemory.proto.EventRole;
import dev.agentmemory.proto.ExpandEventRequest;
import dev.agentmemory.proto.ExpandGripRequest;
import dev.agentmemory.proto.ExpandGripResponse;
import dev.agentmemory.proto.GetEventsRequest;
import dev.agentmemory.proto.GetNodeRequest;
import dev.agentmemory.proto.GetTocRootRequest;
import dev.agentmemory.proto.RebuildTocProgress;
import dev.agentmemory.proto.RebuildTocRequest;
import dev.agentmemory.proto.TocLevel;
import dev.agentmemory.proto.TocNode;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TocRpcTest {
  private static final long DAY = 86_400_000L;
  private static final long JAN_12 = 1_768_176_000_000L; // Monday 2026-01-12T00:00:00Z

  @RegisterExtension final InProcessMemoryService service = new InProcessMemoryService(1 << 20);

  private void ingest(String session, long ts, EventRole role, String text) {
    service.ingest(session, ts, role, text);
  }


  private void threeDays() throws InterruptedException {
    for (int day = 0; day < 3; day++) {
      long t = JAN_12 + day * DAY + 9 * 3_600_000L;
      ingest("s" + day, t, EventRole.EVENT_ROLE_USER, "Please fix the flaky checkout test in CheckoutServiceTest.");
      ingest("s" + day, t + 60_000, EventRole.EVENT_ROLE_ASSISTANT, "The checkout test failed because the clock was not mocked.");
      ingest("s" + day, t + 120_000, EventRole.EVENT_ROLE_ASSISTANT, "I injected a fixed Clock into CheckoutService and the test passes.");
    }
    service.awaitTocBuilt();
  }

  @Test
  void shouldAnswerAnEmptyRoot_forAnEmptyStore() {
    assertThat(service.stub().getTocRoot(GetTocRootRequest.getDefaultInstance()).getNodesList()).isEmpty();
  }

  @Test
  void shouldWalkFromTheRootToTheEventsOfAGrip() throws InterruptedException {
    // given
    threeDays();

    // when / then: root -> year -> month -> week -> day -> segment -> grip -> events
    List<TocNode> years = service.stub().getTocRoot(GetTocRootRequest.getDefaultInstance()).getNodesList();
    assertThat(years).extracting(TocNode::getNodeId).containsExactly("toc:year:2026");
    TocNode month = onlyChild(years.get(0));
    assertThat(month.getNodeId()).isEqualTo("toc:month:2026:01");
    List<TocNode> weeks = children(month);
    assertThat(weeks).extracting(TocNode::getNodeId).containsExactly("toc:week:2026:W03");
    List<TocNode> days = children(weeks.get(0));
    assertThat(days).extracting(TocNode::getNodeId)
        .containsExactly("toc:day:2026-01-12", "toc:day:2026-01-13", "toc:day:2026-01-14");
    TocNode segment = onlyChild(days.get(0));
    assertThat(segment.getLevel()).isEqualTo(TocLevel.TOC_LEVEL_SEGMENT);
    assertThat(segment.getTitle()).isNotBlank();
    assertThat(segment.hasSummary()).isTrue();
    String gripId = segment.getBullets(0).getGripIds(0);

    ExpandGripResponse expansion = service.stub().expandGrip(
        ExpandGripRequest.newBuilder().setGripId(gripId).setEventsBefore(5).setEventsAfter(5).build());
    assertThat(expansion.hasGrip()).isTrue();
    assertThat(expansion.getGrip().getSource()).isEqualTo(segment.getNodeId());
    assertThat(expansion.getExcerptEventsList()).extracting(Event::getEventId).contains(expansion.getGrip().getEventIdStart());
    assertThat(expansion.getEventsBeforeCount() + expansion.getExcerptEventsCount() + expansion.getEventsAfterCount())
        .isEqualTo(3);
  }

  @Test
  void shouldExpandAnEvent_withItsSessionNeighbours() throws InterruptedException {
    // given
    threeDays();
    List<Event> day = service.stub().getEvents(GetEventsRequest.newBuilder()
        .setFromTimestampMs(JAN_12).setToTimestampMs(JAN_12 + DAY - 1).setLimit(10).build()).getEventsList();

    // when
    ExpandGripResponse middle = service.stub().expandEvent(ExpandEventRequest.newBuilder()
        .setEventId(day.get(1).getEventId().toLowerCase(Locale.ROOT)).setEventsBefore(5).setEventsAfter(5).build());

    // then
    assertThat(middle.hasGrip()).isFalse();
    assertThat(middle.getExcerptEventsList()).extracting(Event::getEventId).containsExactly(day.get(1).getEventId());
    assertThat(middle.getEventsBeforeList()).extracting(Event::getEventId).containsExactly(day.get(0).getEventId());
    assertThat(middle.getEventsAfterList()).extracting(Event::getEventId).containsExactly(day.get(2).getEventId());
    assertThatThrownBy(() -> service.stub().expandEvent(ExpandEventRequest.newBuilder()
        .setEventId("01ARZ3NDEKTSV4RRFFQ69G5FAV").build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    assertInvalid(() -> service.stub().expandEvent(ExpandEventRequest.newBuilder().setEventId("nope").build()), "event_id");
    assertInvalid(() -> service.stub().expandEvent(ExpandEventRequest.newBuilder()
        .setEventId(day.get(1).getEventId()).setEventsAfter(-1).build()), "events_after");
  }

  @Test
  void shouldPageThroughChildren_withOpaqueTokens() throws InterruptedException {
    threeDays();

    BrowseTocResponse first = service.stub().browseToc(
        BrowseTocRequest.newBuilder().setParentId("toc:week:2026:W03").setLimit(2).build());
    BrowseTocResponse second = service.stub().browseToc(BrowseTocRequest.newBuilder()
        .setParentId("toc:week:2026:W03").setLimit(2).setContinuationToken(first.getContinuationToken()).build());

    assertThat(first.getChildrenList()).extracting(TocNode::getNodeId).containsExactly("toc:day:2026-01-12", "toc:day:2026-01-13");
    assertThat(first.getHasMore()).isTrue();
    assertThat(second.getChildrenList()).extracting(TocNode::getNodeId).containsExactly("toc:day:2026-01-14");
    assertThat(second.getHasMore()).isFalse();
    assertThat(second.hasContinuationToken()).isFalse();
    // limit 0 means the default page
    assertThat(service.stub().browseToc(BrowseTocRequest.newBuilder().setParentId("toc:week:2026:W03").build())
        .getChildrenCount()).isEqualTo(3);
  }

  @Test
  void shouldAnswerUnknownsWithEmptyAnswers_andRejectBadInput() {
    assertThat(service.stub().getNode(GetNodeRequest.newBuilder().setNodeId("toc:day:1999-01-01").build()).hasNode()).isFalse();
    assertThat(service.stub().getNode(GetNodeRequest.newBuilder().setNodeId("no such thing").build()).hasNode()).isFalse();
    assertThat(service.stub().browseToc(BrowseTocRequest.newBuilder().setParentId("toc:year:1999").build())
        .getChildrenList()).isEmpty();
    assertThat(service.stub().expandGrip(ExpandGripRequest.newBuilder().setGripId("grip:0000000000000:01ARZ3NDEKTSV4RRFFQ69G5FAV").build())
        .hasGrip()).isFalse();

    assertInvalid(() -> service.stub().getNode(GetNodeRequest.getDefaultInstance()), "node_id");
    assertInvalid(() -> service.stub().browseToc(BrowseTocRequest.newBuilder()
        .setParentId("toc:year:2026").setContinuationToken("not-a-token!").build()), "continuation_token");
    assertInvalid(() -> service.stub().expandGrip(ExpandGripRequest.newBuilder()
        .setGripId("grip:1").setEventsBefore(-1).build()), "events_before");
    assertInvalid(() -> service.stub().expandGrip(ExpandGripRequest.newBuilder()
        .setGripId("grip:1").setEventsAfter(-2).build()), "events_after");
  }

  @Test
  void shouldRebuildOverRpc_andReportProgress() throws InterruptedException {
    threeDays();
    List<TocNode> before = service.stub().getTocRoot(GetTocRootRequest.getDefaultInstance()).getNodesList();

    List<RebuildTocProgress> dryRun = new ArrayList<>();
    service.stub().rebuildToc(RebuildTocRequest.newBuilder().setDryRun(true).setFromDate("2026-01-13").build())
        .forEachRemaining(dryRun::add);
    List<RebuildTocProgress> run = new ArrayList<>();
    service.stub().rebuildToc(RebuildTocRequest.getDefaultInstance()).forEachRemaining(run::add);

    assertThat(dryRun).singleElement().satisfies(p -> {
      assertThat(p.getEventsTotal()).isEqualTo(6);
      assertThat(p.getFinished()).isTrue();
      assertThat(p.getFirstTimestampMs()).isEqualTo(JAN_12 + DAY + 9 * 3_600_000L);
    });
    assertThat(run).last().satisfies(p -> {
      assertThat(p.getEventsDone()).isEqualTo(9);
      assertThat(p.getFinished()).isTrue();
    });
    List<TocNode> after = service.stub().getTocRoot(GetTocRootRequest.getDefaultInstance()).getNodesList();
    assertThat(after).hasSameSizeAs(before);
    assertThat(after.get(0).getChildNodeIdsList()).isEqualTo(before.get(0).getChildNodeIdsList());
    assertInvalid(() -> service.stub().rebuildToc(RebuildTocRequest.newBuilder().setFromDate("31/01/2026").build())
        .forEachRemaining(p -> {}), "from_date");
  }

  private TocNode onlyChild(TocNode parent) {
    List<TocNode> children = children(parent);
    assertThat(children).hasSize(1);
    return children.get(0);
  }

  private List<TocNode> children(TocNode parent) {
    return service.stub().browseToc(BrowseTocRequest.newBuilder().setParentId(parent.getNodeId()).build()).getChildrenList();
  }

  private static void assertInvalid(ThrowingCallable call, String field) {
    assertThatThrownBy(call).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(e.getStatus().getDescription()).contains(field);
    });
  }
}
