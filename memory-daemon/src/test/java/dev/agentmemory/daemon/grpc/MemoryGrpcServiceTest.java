package dev.agentmemory.daemon.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.f4b6a3.ulid.UlidCreator;
import dev.agentmemory.proto.Event;
import dev.agentmemory.proto.EventRole;
import dev.agentmemory.proto.EventType;
import dev.agentmemory.proto.GetEventsRequest;
import dev.agentmemory.proto.GetEventsResponse;
import dev.agentmemory.proto.IngestEventRequest;
import dev.agentmemory.proto.IngestEventResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MemoryGrpcServiceTest {
  private static final long NOW_MS = InProcessMemoryService.NOW.toEpochMilli();
  private static final long DAY_MS = 24L * 60 * 60 * 1000;

  @RegisterExtension final InProcessMemoryService service = new InProcessMemoryService(1024);

  private static Event.Builder event(long timestampMs) {
    return Event.newBuilder()
        .setEventId(UlidCreator.getUlid().toString())
        .setSessionId("session-1")
        .setTimestampMs(timestampMs)
        .setEventType(EventType.EVENT_TYPE_USER_MESSAGE)
        .setRole(EventRole.EVENT_ROLE_USER)
        .setText("fix the invoice bug")
        .putMetadata("cwd", "/home/ann/shop");
  }

  private IngestEventResponse ingest(Event event) {
    return service.stub().ingestEvent(IngestEventRequest.newBuilder().setEvent(event).build());
  }

  private GetEventsResponse events(long from, long to, int limit) {
    return service.stub().getEvents(
        GetEventsRequest.newBuilder().setFromTimestampMs(from).setToTimestampMs(to).setLimit(limit).build());
  }

  @Test
  void shouldStoreAnEventAndReturnItFromGetEvents() {
    // given
    Event event = event(NOW_MS - 1000).setAgent("Claude").build();

    // when
    IngestEventResponse response = ingest(event);

    // then
    assertThat(response.getEventId()).isEqualTo(event.getEventId());
    assertThat(response.getCreated()).isTrue();
    assertThat(response.getDeduplicated()).isFalse();
    GetEventsResponse read = events(0, NOW_MS, 10);
    assertThat(read.getEventsList()).containsExactly(event.toBuilder().setAgent("claude").build());
    assertThat(read.getHasMore()).isFalse();
  }

  @Test
  void shouldAnswerCreatedFalseAndStoreNothing_whenTheIdIsIngestedAgainWithAnotherPayload() {
    // given
    Event first = event(NOW_MS - 1000).build();
    ingest(first);

    // when
    IngestEventResponse again = ingest(first.toBuilder().setText("other").setTimestampMs(NOW_MS - 5).build());

    // then
    assertThat(again.getCreated()).isFalse();
    assertThat(again.getEventId()).isEqualTo(first.getEventId());
    assertThat(events(0, NOW_MS, 10).getEventsList()).containsExactly(first);
  }

  @Test
  void shouldTreatIdsThatDifferOnlyInCaseAsOneEvent() {
    Event first = event(NOW_MS - 1000).build();
    ingest(first);

    IngestEventResponse again = ingest(first.toBuilder().setEventId(first.getEventId().toLowerCase()).build());

    assertThat(again.getCreated()).isFalse();
  }

  @Test
  void shouldCreateExactlyOnce_whenManyClientsSendTheSameIdConcurrently() throws Exception {
    // given
    Event event = event(NOW_MS - 1000).build();
    int clients = 32;
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<IngestEventResponse>> responses = new ArrayList<>();

    // when
    for (int i = 0; i < clients; i++) {
      int n = i;
      responses.add(pool.submit(() -> {
        go.await();
        return ingest(event.toBuilder().setText("attempt " + n).build());
      }));
    }
    go.countDown();
    int created = 0;
    for (Future<IngestEventResponse> response : responses) {
      created += response.get().getCreated() ? 1 : 0;
    }
    pool.shutdown();

    // then
    assertThat(created).isEqualTo(1);
    assertThat(events(0, NOW_MS, 100).getEventsCount()).isEqualTo(1);
  }

  @Test
  void shouldKeepUnknownEnumNumbersAndAcceptUnspecifiedOnes() {
    Event unknown = event(NOW_MS - 2).setEventTypeValue(42).setRoleValue(17).build();
    Event unspecified = event(NOW_MS - 1)
        .setEventType(EventType.EVENT_TYPE_UNSPECIFIED)
        .setRole(EventRole.EVENT_ROLE_UNSPECIFIED)
        .build();

    ingest(unknown);
    ingest(unspecified);

    List<Event> stored = events(0, NOW_MS, 10).getEventsList();
    assertThat(stored).containsExactly(unknown, unspecified);
    assertThat(stored.get(0).getEventTypeValue()).isEqualTo(42);
    assertThat(stored.get(0).getRoleValue()).isEqualTo(17);
  }

  @Test
  void shouldRejectAMissingEvent() {
    assertInvalid(() -> service.stub().ingestEvent(IngestEventRequest.getDefaultInstance()), "event");
  }

  @Test
  void shouldRejectAnEmptyEventId() {
    assertInvalid(() -> ingest(event(NOW_MS).setEventId("").build()), "event_id");
  }

  @Test
  void shouldRejectAnEventIdThatIsNotAUlid() {
    assertInvalid(() -> ingest(event(NOW_MS).setEventId("evt-1234").build()), "event_id");
    assertInvalid(() -> ingest(event(NOW_MS).setEventId("01ARZ3NDEKTSV4RRFFQ69G5FA").build()), "event_id");
    assertInvalid(() -> ingest(event(NOW_MS).setEventId("81ARZ3NDEKTSV4RRFFQ69G5FAV").build()), "event_id");
  }

  @Test
  void shouldRejectAnEmptySessionId() {
    assertInvalid(() -> ingest(event(NOW_MS).setSessionId("").build()), "session_id");
    assertInvalid(() -> ingest(event(NOW_MS).setSessionId("   ").build()), "session_id");
  }

  @Test
  void shouldRejectNonPositiveTimestamps() {
    assertInvalid(() -> ingest(event(0).build()), "timestamp_ms");
    assertInvalid(() -> ingest(event(-5).build()), "timestamp_ms");
  }

  @Test
  void shouldRejectTimestampsMoreThanADayInTheFuture_butAcceptADayOfSkew() {
    assertInvalid(() -> ingest(event(NOW_MS + DAY_MS + 1).build()), "timestamp_ms");
    assertThat(ingest(event(NOW_MS + DAY_MS).build()).getCreated()).isTrue();
  }

  @Test
  void shouldRejectTextAboveTheConfiguredMaximum_countingUtf8Bytes() {
    // given: the extension allows 1024 bytes; 'é' takes two
    String fits = "é".repeat(512);
    String tooLong = "é".repeat(513);

    // then
    assertThat(ingest(event(NOW_MS).setText(fits).build()).getCreated()).isTrue();
    assertInvalid(() -> ingest(event(NOW_MS).setText(tooLong).build()), "text");
  }

  @Test
  void shouldStoreNothing_whenAnEventIsRejected() {
    UnaryOperator<Event.Builder> breakIt = b -> b.setSessionId("");
    Event rejected = breakIt.apply(event(NOW_MS)).build();

    assertInvalid(() -> ingest(rejected), "session_id");

    assertThat(events(0, NOW_MS, 10).getEventsCount()).isZero();
    assertThat(service.store().outbox().pending()).isZero();
  }

  @Test
  void shouldReturnEventsInSourceTimestampOrder_withInclusiveBounds() {
    // given: ingested out of order
    Event c = event(3000).build();
    Event a = event(1000).build();
    Event b = event(2000).build();
    Event outside = event(3001).build();
    List.of(c, outside, a, b).forEach(this::ingest);

    // when
    GetEventsResponse response = events(1000, 3000, 10);

    // then
    assertThat(response.getEventsList()).containsExactly(a, b, c);
    assertThat(response.getHasMore()).isFalse();
  }

  @Test
  void shouldLimitPagesAndSayWhenMoreMatched() {
    // given
    for (int i = 1; i <= 60; i++) {
      ingest(event(i * 1000L).build());
    }

    // then
    assertThat(events(0, NOW_MS, 0).getEventsCount()).isEqualTo(50);
    assertThat(events(0, NOW_MS, 0).getHasMore()).isTrue();
    assertThat(events(0, NOW_MS, -1).getEventsCount()).isEqualTo(50);
    assertThat(events(0, NOW_MS, 10).getEventsCount()).isEqualTo(10);
    assertThat(events(0, NOW_MS, 60).getHasMore()).isFalse();
    assertThat(events(0, NOW_MS, 60).getEventsCount()).isEqualTo(60);
    assertThat(events(0, NOW_MS, 100_000).getEventsCount()).isEqualTo(60);
  }

  @Test
  void shouldReturnAnEmptyPage_whenNothingMatches() {
    ingest(event(5000).build());

    GetEventsResponse response = events(6000, 7000, 10);

    assertThat(response.getEventsList()).isEmpty();
    assertThat(response.getHasMore()).isFalse();
  }

  @Test
  void shouldRejectAnInvertedRange() {
    assertInvalid(() -> events(2000, 1000, 10), "to_timestamp_ms");
  }

  private static void assertInvalid(ThrowingCallable call, String field) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
          assertThat(e.getStatus().getDescription()).contains(field);
        });
  }
}
