package dev.agentmemory.daemon.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmemory.proto.Event;
import dev.agentmemory.proto.EventRole;
import dev.agentmemory.proto.ExportEventsRequest;
import dev.agentmemory.proto.ExportEventsResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ExportRpcTest {
  private static final long JAN_12 = 1_768_176_000_000L;

  @RegisterExtension final InProcessMemoryService service = new InProcessMemoryService(1 << 20);

  private List<ExportEventsResponse> pages(int limit) {
    List<ExportEventsResponse> pages = new ArrayList<>();
    String after = "";
    do {
      ExportEventsResponse page = service.stub().exportEvents(
          ExportEventsRequest.newBuilder().setAfter(after).setLimit(limit).build());
      pages.add(page);
      after = page.getNext();
    } while (!after.isEmpty());
    return pages;
  }

  @Test
  void shouldPageThroughEveryEventOnce_inLogOrder_evenWithEqualTimestamps() {
    // given: 25 events, five on each millisecond
    for (int i = 0; i < 25; i++) {
      service.ingest("s" + i % 3, JAN_12 + i / 5, EventRole.EVENT_ROLE_USER, "event " + i);
    }

    // when
    List<ExportEventsResponse> pages = pages(7);

    // then
    List<Event> all = pages.stream().flatMap(page -> page.getEventsList().stream()).toList();
    assertThat(pages).hasSize(4);
    assertThat(all).hasSize(25);
    assertThat(new HashSet<>(all.stream().map(Event::getEventId).toList())).hasSize(25);
    assertThat(all).isSortedAccordingTo((a, b) -> a.getTimestampMs() != b.getTimestampMs()
        ? Long.compare(a.getTimestampMs(), b.getTimestampMs()) : a.getEventId().compareTo(b.getEventId()));
  }

  @Test
  void shouldEndAPageBeforeItsTextsPassTwoMebibytes() {
    // given: five events of 900 KB
    for (int i = 0; i < 5; i++) {
      service.ingest("big", JAN_12 + i, EventRole.EVENT_ROLE_TOOL, "x".repeat(900_000));
    }

    // when / then: two a page (1.8 MB), whatever the limit
    assertThat(pages(1000)).extracting(ExportEventsResponse::getEventsCount).containsExactly(2, 2, 1);
  }

  @Test
  void shouldRefuseACursorThatIsNotOne() {
    assertThatThrownBy(() -> service.stub().exportEvents(ExportEventsRequest.newBuilder().setAfter("page-2").build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
          assertThat(e.getStatus().getDescription()).contains("after");
        });
  }
}
