package dev.agentmemory.daemon.grpc;

import dev.agentmemory.daemon.operations.MemoryOperations;
import dev.agentmemory.proto.GetSchedulerStatusRequest;
import dev.agentmemory.proto.GetSchedulerStatusResponse;
import dev.agentmemory.proto.PauseJobRequest;
import dev.agentmemory.proto.PauseJobResponse;
import dev.agentmemory.proto.ResetJobCheckpointRequest;
import dev.agentmemory.proto.ResetJobCheckpointResponse;
import dev.agentmemory.proto.ResumeJobRequest;
import dev.agentmemory.proto.ResumeJobResponse;
import dev.agentmemory.proto.RunJobRequest;
import dev.agentmemory.proto.RunJobResponse;
import dev.agentmemory.scheduler.MemoryScheduler;
import dev.agentmemory.scheduler.UnknownJobException;
import io.grpc.stub.StreamObserver;
import java.util.Optional;

/** The scheduled jobs: status, pause, resume, run now, checkpoint reset. */
final class SchedulerRpcs {
  private final MemoryScheduler scheduler;
  private final MemoryOperations operations;

  SchedulerRpcs(MemoryScheduler scheduler, MemoryOperations operations) {
    this.scheduler = scheduler;
    this.operations = operations;
  }

  void getSchedulerStatus(GetSchedulerStatusRequest request, StreamObserver<GetSchedulerStatusResponse> response) {
    Calls.unary("GetSchedulerStatus", response, () -> AdminMapper.status(scheduler.isRunning(), scheduler.status()));
  }

  void pauseJob(PauseJobRequest request, StreamObserver<PauseJobResponse> response) {
    // wire-protocol.md: an unknown job is success=false with an error naming the known jobs.
    Calls.unary("PauseJob", response, () -> {
      Optional<String> error = jobCall(() -> scheduler.pause(request.getJobName()));
      PauseJobResponse.Builder answer = PauseJobResponse.newBuilder().setSuccess(error.isEmpty());
      error.ifPresent(answer::setError);
      return answer.build();
    });
  }

  void resumeJob(ResumeJobRequest request, StreamObserver<ResumeJobResponse> response) {
    Calls.unary("ResumeJob", response, () -> {
      Optional<String> error = jobCall(() -> scheduler.resume(request.getJobName()));
      ResumeJobResponse.Builder answer = ResumeJobResponse.newBuilder().setSuccess(error.isEmpty());
      error.ifPresent(answer::setError);
      return answer.build();
    });
  }

  void runJob(RunJobRequest request, StreamObserver<RunJobResponse> response) {
    Calls.unary("RunJob", response, () -> {
      Optional<String> error = jobCall(() -> scheduler.runNow(request.getJobName()));
      RunJobResponse.Builder answer = RunJobResponse.newBuilder().setSuccess(error.isEmpty());
      error.ifPresent(answer::setError);
      return answer.build();
    });
  }

  void resetJobCheckpoint(
      ResetJobCheckpointRequest request, StreamObserver<ResetJobCheckpointResponse> response) {
    Calls.unary("ResetJobCheckpoint", response, () -> {
      ResetJobCheckpointResponse.Builder answer = ResetJobCheckpointResponse.newBuilder();
      try {
        answer.setSuccess(true)
            .setDescription(operations.resetCheckpoint(ProjectHeader.current(), request.getJobName()));
      } catch (UnknownJobException e) {
        answer.setSuccess(false).setError(e.getMessage());
      }
      return answer.build();
    });
  }

  /** Runs a call on a named job; an unknown name becomes the error text. */
  private static Optional<String> jobCall(Runnable call) {
    try {
      call.run();
      return Optional.empty();
    } catch (UnknownJobException e) {
      return Optional.of(e.getMessage());
    }
  }
}
