package dev.agentmemory.daemon.grpc;

import dev.agentmemory.daemon.Forgetting;
import dev.agentmemory.daemon.operations.MemoryOperations;
import dev.agentmemory.domain.InvalidArgumentException;
import dev.agentmemory.proto.BackupRequest;
import dev.agentmemory.proto.BackupResponse;
import dev.agentmemory.proto.CompactStoreRequest;
import dev.agentmemory.proto.CompactStoreResponse;
import dev.agentmemory.proto.ForgetRequest;
import dev.agentmemory.proto.ForgetResponse;
import dev.agentmemory.proto.GetStoreStatsRequest;
import dev.agentmemory.proto.GetStoreStatsResponse;
import dev.agentmemory.proto.VerifyStoresRequest;
import dev.agentmemory.proto.VerifyStoresResponse;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Maintenance: stats, compaction, backup, forget, verification. */
final class AdminRpcs {
  private final MemoryOperations operations;

  AdminRpcs(MemoryOperations operations) {
    this.operations = operations;
  }

  void getStoreStats(GetStoreStatsRequest request, StreamObserver<GetStoreStatsResponse> response) {
    Calls.unary("GetStoreStats", response, () -> AdminMapper.stats(operations.stats(ProjectHeader.current())));
  }

  void compactStore(CompactStoreRequest request, StreamObserver<CompactStoreResponse> response) {
    Calls.unary("CompactStore", response, () -> {
      long start = System.nanoTime();
      List<String> compacted = operations.compact(ProjectHeader.current(), request.getColumnFamily());
      return CompactStoreResponse.newBuilder()
          .addAllCompacted(compacted)
          .setDurationMs((System.nanoTime() - start) / 1_000_000)
          .build();
    });
  }

  void backup(BackupRequest request, StreamObserver<BackupResponse> response) {
    Calls.unary("Backup", response, () -> AdminMapper.backup(operations.backup(
        request.getDest().isBlank() ? Optional.empty() : Optional.of(request.getDest().trim()),
        request.getKeep() > 0 ? OptionalInt.of(request.getKeep()) : OptionalInt.empty())));
  }

  void forget(ForgetRequest request, StreamObserver<ForgetResponse> response) {
    Calls.unary("Forget", response, () -> {
      String project = ProjectHeader.current();
      if (request.getWholeProject()) {
        if (project.isBlank() || !request.getSessionId().isBlank() || !request.getEventId().isBlank()
            || request.getBeforeMs() != 0) {
          throw new InvalidArgumentException(
              "whole_project takes no session_id, event_id or before_ms, and needs the x-memory-project header");
        }
        return AdminMapper.forget(operations.forget(project, Optional.empty(), request.getDryRun()));
      }
      if (request.getBeforeMs() < 0) {
        throw new InvalidArgumentException("before_ms must be a time in ms since the epoch, got " + request.getBeforeMs());
      }
      Forgetting.Selection what = Forgetting.Selection.of(request.getSessionId(), request.getEventId(),
          request.getBeforeMs());
      return AdminMapper.forget(operations.forget(project, Optional.of(what), request.getDryRun()));
    });
  }

  void verifyStores(VerifyStoresRequest request, StreamObserver<VerifyStoresResponse> response) {
    Calls.unary("VerifyStores", response, () -> AdminMapper.verification(operations.verify()));
  }
}
