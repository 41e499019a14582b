package dev.agentmemory.daemon.grpc;

import dev.agentmemory.domain.FailedPreconditionException;
import dev.agentmemory.domain.InvalidArgumentException;
import dev.agentmemory.domain.NotFoundException;
import dev.agentmemory.storage.StorageException;
import dev.agentmemory.storage.StorageFullException;
import dev.agentmemory.storage.UnavailableException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place where exceptions become gRPC statuses (and are logged, once). */
final class GrpcErrors {
  private static final Logger LOG = LoggerFactory.getLogger(GrpcErrors.class);

  private GrpcErrors() {}

  static StatusRuntimeException toStatus(String rpc, Throwable error) {
    if (error instanceof StatusRuntimeException status) {
      return status;
    }
    Status status;
    if (error instanceof InvalidArgumentException) {
      LOG.debug("{}: invalid argument: {}", rpc, error.getMessage());
      status = Status.INVALID_ARGUMENT.withDescription(error.getMessage());
    } else if (error instanceof NotFoundException) {
      LOG.debug("{}: not found: {}", rpc, error.getMessage());
      status = Status.NOT_FOUND.withDescription(error.getMessage());
    } else if (error instanceof FailedPreconditionException) {
      LOG.debug("{}: failed precondition: {}", rpc, error.getMessage());
      status = Status.FAILED_PRECONDITION.withDescription(error.getMessage());
    } else if (error instanceof UnavailableException) {
      LOG.warn("{}: unavailable: {}", rpc, error.getMessage());
      status = Status.UNAVAILABLE.withDescription(error.getMessage());
    } else if (error instanceof StorageFullException) {
      // the disk watch logs when the disk fills and when it frees up: no line per refused call
      LOG.debug("{}: disk full: {}", rpc, error.getMessage());
      status = Status.RESOURCE_EXHAUSTED.withDescription(error.getMessage());
    } else if (error instanceof StorageException) {
      LOG.error("Expected to serve {}, but storage failed", rpc, error);
      status = Status.INTERNAL.withDescription(
          "Storage error: " + error.getMessage() + ". Check the daemon log; if the store is damaged, restore it from a backup.");
    } else {
      LOG.error("Expected to serve {}, but it failed unexpectedly", rpc, error);
      status = Status.INTERNAL.withDescription("Unexpected error in " + rpc + ": " + error + ". See the daemon log.");
    }
    return status.asRuntimeException();
  }
}
