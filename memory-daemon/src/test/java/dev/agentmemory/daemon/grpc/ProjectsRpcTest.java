package dev.agentmemory.daemon.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.f4b6a3.ulid.UlidCreator;
import dev.agentmemory.proto.Event;
import dev.agentmemory.proto.EventRole;
import dev.agentmemory.proto.EventType;
import dev.agentmemory.proto.GetEventsRequest;
import dev.agentmemory.proto.GetEventsResponse;
import dev.agentmemory.proto.GetStoreStatsRequest;
import dev.agentmemory.proto.GetStoreStatsResponse;
import dev.agentmemory.proto.GetTocRootRequest;
import dev.agentmemory.proto.IngestEventRequest;
import dev.agentmemory.proto.MemoryServiceGrpc.MemoryServiceBlockingStub;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ProjectsRpcTest {
  private static final long NOW_MS = InProcessMemoryService.NOW.toEpochMilli();

  /** An event whose text is {@code label}. */
  private static Event event(String label, long timestampMs) {
    return Event.newBuilder()
        .setEventId(UlidCreator.getUlid().toString())
        .setSessionId("session-1")
        .setTimestampMs(timestampMs)
        .setEventType(EventType.EVENT_TYPE_USER_MESSAGE)
        .setRole(EventRole.EVENT_ROLE_USER)
        .setText(label)
        .build();
  }

  private static void ingest(MemoryServiceBlockingStub stub, Event event) {
    stub.ingestEvent(IngestEventRequest.newBuilder().setEvent(event).build());
  }

  private static List<String> texts(GetEventsResponse response) {
    return response.getEventsList().stream().map(Event::getText).toList();
  }

  private static GetEventsResponse events(MemoryServiceBlockingStub stub, int limit) {
    return stub.getEvents(GetEventsRequest.newBuilder().setToTimestampMs(NOW_MS).setLimit(limit).build());
  }

  @Nested
  class Separate {
    @RegisterExtension final InProcessMemoryService service = new InProcessMemoryService(1 << 20);

    @Test
    void shouldKeepEachProjectsEventsInItsOwnStore() throws Exception {
      // given
      ingest(service.stub("shop-api"), event("shop-1", NOW_MS - 5000));
      ingest(service.stub("billing"), event("billing-1", NOW_MS - 4000));
      ingest(service.stub(), event("none-1", NOW_MS - 3000));

      // when
      List<String> shop = texts(events(service.stub("shop-api"), 10));
      List<String> billing = texts(events(service.stub("billing"), 10));
      List<String> all = texts(events(service.stub(), 10));

      // then
      assertThat(shop).containsExactly("shop-1");
      assertThat(billing).containsExactly("billing-1");
      assertThat(all).containsExactly("shop-1", "billing-1", "none-1");
      assertThat(service.projects().names()).containsExactly("billing", "shop-api");
      assertThat(Files.isDirectory(service.projects().defaultStore().store().path()
          .resolve("projects").resolve("shop-api"))).isTrue();
    }

    @Test
    void shouldBuildEachProjectsTocFromItsOwnEventsOnly() throws Exception {
      // given
      ingest(service.stub("shop-api"), event("shop-1", NOW_MS - 5000));
      service.awaitTocBuilt();

      // when
      int shopYears = service.stub("shop-api").getTocRoot(GetTocRootRequest.getDefaultInstance()).getNodesCount();
      int defaultYears = service.stub().getTocRoot(GetTocRootRequest.getDefaultInstance()).getNodesCount();
      GetStoreStatsResponse stats = service.stub("shop-api").getStoreStats(GetStoreStatsRequest.getDefaultInstance());

      // then
      assertThat(shopYears).isEqualTo(1);
      assertThat(defaultYears).isZero();
      assertThat(stats.getProject()).isEqualTo("shop-api");
      assertThat(stats.getEvents()).isEqualTo(1);
      assertThat(stats.getProjectsList()).containsExactly("shop-api");
    }

    @Test
    void shouldMergeStoresOldestFirstAndCutAtTheLimit_whenNoProjectIsNamed() {
      // given
      for (int i = 0; i < 3; i++) {
        ingest(service.stub("a"), event("a" + i, NOW_MS - 10_000 + 2 * i));
        ingest(service.stub("b"), event("b" + i, NOW_MS - 10_000 + 2 * i + 1));
      }

      // when
      GetEventsResponse page = events(service.stub(), 4);

      // then
      assertThat(texts(page)).containsExactly("a0", "b0", "a1", "b1");
      assertThat(page.getHasMore()).isTrue();
    }

    @Test
    void shouldAnswerNotFoundNamingTheKnownProjects_whenReadingAProjectThatHasNoStore() {
      // given
      ingest(service.stub("shop-api"), event("shop-1", NOW_MS - 5000));

      // when / then
      assertThatThrownBy(() -> events(service.stub("shop"), 10))
          .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
            assertThat(e.getStatus().getDescription()).contains("'shop'", "shop-api");
          });
    }

    @Test
    void shouldRejectAProjectNameThatCannotBeADirectory() {
      assertThatThrownBy(() -> ingest(service.stub(".."), event("x", NOW_MS - 5000)))
          .isInstanceOfSatisfying(StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
      assertThat(service.projects().names()).isEmpty();
    }

    @Test
    void shouldRouteASpooledEventByItsProjectMetadata() {
      // given
      dev.agentmemory.event.Event spooled = new dev.agentmemory.event.Event(UlidCreator.getUlid().toString(),
          "session-1", NOW_MS - 5000, 2, 1, "spooled-1",
          Map.of("project", "shop-api", "cwd", "/home/dev/shop-api"), "claude");

      // when
      service.projects().ingest(spooled);

      // then
      assertThat(texts(events(service.stub("shop-api"), 10))).containsExactly("spooled-1");
      assertThat(service.store().events().count()).isZero();
    }
  }

  @Nested
  class Unified {
    @RegisterExtension final InProcessMemoryService service = new InProcessMemoryService(1 << 20, "unified");

    @Test
    void shouldKeepEverythingInTheDefaultStore() {
      // given
      ingest(service.stub("shop-api"), event("shop-1", NOW_MS - 5000));
      ingest(service.stub("billing"), event("billing-1", NOW_MS - 4000));

      // when
      List<String> read = texts(events(service.stub(), 10));

      // then
      assertThat(read).containsExactly("shop-1", "billing-1");
      assertThat(service.projects().names()).isEmpty();
    }
  }
}
