package dev.agentmemory.daemon.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.f4b6a3.ulid.UlidCreator;
import dev.agentmemory.proto.CompactStoreRequest;
import dev.agentmemory.proto.CompactStoreResponse;
import dev.agentmemory.proto.Event;
import dev.agentmemory.proto.EventRole;
import dev.agentmemory.proto.EventType;
import dev.agentmemory.proto.GetNodeRequest;
import dev.agentmemory.proto.GetSchedulerStatusRequest;
import dev.agentmemory.proto.GetSchedulerStatusResponse;
import dev.agentmemory.proto.GetStoreStatsRequest;
import dev.agentmemory.proto.GetStoreStatsResponse;
import dev.agentmemory.proto.IngestEventRequest;
import dev.agentmemory.proto.JobResultStatus;
import dev.agentmemory.proto.JobStatusProto;
import dev.agentmemory.proto.PauseJobRequest;
import dev.agentmemory.proto.PauseJobResponse;
import dev.agentmemory.proto.ResetJobCheckpointRequest;
import dev.agentmemory.proto.ResumeJobRequest;
import dev.agentmemory.proto.RunJobRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SchedulerRpcTest {
  private static final long JAN_12_9AM = 1_768_208_400_000L; // Monday 2026-01-12T09:00:00Z; "now" is Jan 15

  @RegisterExtension final InProcessMemoryService service = new InProcessMemoryService(1 << 20);

  private JobStatusProto job(String name) {
    return service.stub().getSchedulerStatus(GetSchedulerStatusRequest.getDefaultInstance()).getJobsList().stream()
        .filter(j -> j.getJobName().equals(name)).findFirst().orElseThrow();
  }

  private void ingestAMonday() throws InterruptedException {
    String[] texts = {"Please fix the flaky CheckoutServiceTest on CI.",
        "The test depends on the wall clock; I injected a fixed Clock into CheckoutService.",
        "The CheckoutServiceTest passes now, ten runs in a row."};
    for (int i = 0; i < texts.length; i++) {
      service.stub().ingestEvent(IngestEventRequest.newBuilder().setEvent(Event.newBuilder()
          .setEventId(UlidCreator.getMonotonicUlid().toString()).setSessionId("s").setTimestampMs(JAN_12_9AM + i * 60_000L)
          .setEventType(EventType.EVENT_TYPE_USER_MESSAGE).setRole(i == 0 ? EventRole.EVENT_ROLE_USER : EventRole.EVENT_ROLE_ASSISTANT)
          .setText(texts[i])).build());
    }
    service.awaitTocBuilt();
  }

  @Test
  void shouldListEveryJobWithItsRealNextRun() {
    GetSchedulerStatusResponse status = service.stub().getSchedulerStatus(GetSchedulerStatusRequest.getDefaultInstance());

    assertThat(status.getSchedulerRunning()).isTrue();
    assertThat(status.getJobsList()).extracting(JobStatusProto::getJobName).containsExactly(
        "toc_rollup_day", "toc_rollup_week", "toc_rollup_month", "toc_rollup_year", "rocksdb_compaction", "backup");
    assertThat(status.getJobsList()).allSatisfy(job -> {
      assertThat(job.getNextRunMs()).isGreaterThan(System.currentTimeMillis());
      assertThat(job.getRunCount()).isZero();
      assertThat(job.getLastResult()).isEqualTo(JobResultStatus.JOB_RESULT_STATUS_UNSPECIFIED);
      assertThat(job.hasLastError()).isFalse();
    });
    assertThat(job("toc_rollup_day").getCronExpr()).isEqualTo("0 0 1 * * ?");
  }

  @Test
  void shouldPauseAndResume_andNameTheKnownJobsForAnUnknownOne() {
    PauseJobResponse unknown = service.stub().pauseJob(PauseJobRequest.newBuilder().setJobName("toc_rollup_daily").build());
    assertThat(unknown.getSuccess()).isFalse();
    assertThat(unknown.getError()).contains("toc_rollup_daily", "toc_rollup_day", "rocksdb_compaction");

    assertThat(service.stub().pauseJob(PauseJobRequest.newBuilder().setJobName("toc_rollup_week").build()).getSuccess()).isTrue();
    assertThat(job("toc_rollup_week").getIsPaused()).isTrue();
    assertThat(service.stub().resumeJob(ResumeJobRequest.newBuilder().setJobName("toc_rollup_week").build()).getSuccess()).isTrue();
    assertThat(job("toc_rollup_week").getIsPaused()).isFalse();
    assertThat(service.stub().resumeJob(ResumeJobRequest.newBuilder().setJobName("nope").build()).getSuccess()).isFalse();
  }

  @Test
  void shouldRunARollupOnDemand_andCountTheSuccess() throws Exception {
    ingestAMonday();

    assertThat(service.stub().runJob(RunJobRequest.newBuilder().setJobName("toc_rollup_day").build()).getSuccess()).isTrue();
    long deadline = System.currentTimeMillis() + 10_000;
    while (job("toc_rollup_day").getRunCount() == 0 && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }

    JobStatusProto day = job("toc_rollup_day");
    assertThat(day.getRunCount()).isEqualTo(1);
    assertThat(day.getLastResult()).isEqualTo(JobResultStatus.JOB_RESULT_STATUS_SUCCESS);
    assertThat(day.getLastRunMs()).isPositive();
    assertThat(service.stub().getNode(GetNodeRequest.newBuilder().setNodeId("toc:day:2026-01-12").build()).getNode().hasSummary())
        .isTrue();
    assertThat(service.stub().runJob(RunJobRequest.newBuilder().setJobName("toc").build()).getError()).contains("Known jobs");
  }

  @Test
  void shouldReportExactCounts_andCompact() throws Exception {
    ingestAMonday();

    GetStoreStatsResponse stats = service.stub().getStoreStats(GetStoreStatsRequest.getDefaultInstance());
    assertThat(stats.getEvents()).isEqualTo(3);
    assertThat(stats.getOutbox()).isZero();
    assertThat(stats.getTocNodes()).isEqualTo(5); // year, month, week, day, segment
    assertThat(stats.getGrips()).isPositive();
    assertThat(stats.getDiskBytes()).isPositive();

    CompactStoreResponse all = service.stub().compactStore(CompactStoreRequest.getDefaultInstance());
    assertThat(all.getCompactedList()).contains("events", "toc_nodes", "outbox", "checkpoints");
    assertThat(service.stub().compactStore(CompactStoreRequest.newBuilder().setColumnFamily("grips").build())
        .getCompactedList()).containsExactly("grips");
    assertThatThrownBy(() -> service.stub().compactStore(CompactStoreRequest.newBuilder().setColumnFamily("evnts").build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
          assertThat(e.getStatus().getDescription()).contains("evnts", "events, toc_nodes");
        });
  }

  @Test
  void shouldResetARollupCheckpoint() {
    assertThat(service.stub().resetJobCheckpoint(ResetJobCheckpointRequest.newBuilder().setJobName("toc_rollup_day").build())
        .getDescription()).contains("rolls up again");
    assertThat(service.stub().resetJobCheckpoint(ResetJobCheckpointRequest.newBuilder().setJobName("x").build()).getSuccess())
        .isFalse();
  }
}
