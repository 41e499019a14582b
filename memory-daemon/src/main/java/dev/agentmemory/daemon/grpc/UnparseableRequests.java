package dev.agentmemory.daemon.grpc;

import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests that cannot be parsed (bytes that are no message of the method, strings that are not
 * UTF-8) answer INVALID_ARGUMENT naming the method. grpc-java parses before any handler runs and
 * answers such a request UNKNOWN ("Application error processing RPC") with a stack trace in the
 * log for each; a local client in a loop could fill the disk that way. So requests reach the
 * service as bytes and are parsed here, where a failure can be answered, and logged at most once a
 * minute with a count.
 */
final class UnparseableRequests implements ServerInterceptor {
  private static final Logger LOG = LoggerFactory.getLogger(UnparseableRequests.class);
  private static final long LOG_INTERVAL_MS = 60_000;

  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong lastLogMs = new AtomicLong(Long.MIN_VALUE / 2);

  private UnparseableRequests() {}

  /** {@code service}, parsing its requests where a failure is answered INVALID_ARGUMENT. */
  static ServerServiceDefinition guard(ServerServiceDefinition service) {
    return ServerInterceptors.intercept(ServerInterceptors.useInputStreamMessages(service), new UnparseableRequests());
  }

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    // useInputStreamMessages parses inside the next listener's onMessage: its failure lands here
    return new SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
      private boolean refusedThisCall;

      @Override
      public void onMessage(Q message) {
        if (refusedThisCall) {
          return;
        }
        try {
          super.onMessage(message);
        } catch (StatusRuntimeException e) {
          if (!(message instanceof InputStream)) {
            throw e;
          }
          refusedThisCall = true;
          String method = call.getMethodDescriptor().getFullMethodName();
          String reason = e.getCause() == null ? e.getStatus().getDescription() : e.getCause().getMessage();
          report(method, reason);
          call.close(Status.INVALID_ARGUMENT.withDescription(
              "Cannot parse the request of " + method + ": " + reason
                  + ". Send a message of the method's request type (see docs/api.md)."), new Metadata());
        }
      }

      @Override
      public void onHalfClose() {
        if (!refusedThisCall) {
          super.onHalfClose();
        }
      }
    };
  }

  private void report(String method, String reason) {
    long count = refused.incrementAndGet();
    long now = System.currentTimeMillis();
    long last = lastLogMs.get();
    if (now - last >= LOG_INTERVAL_MS && lastLogMs.compareAndSet(last, now)) {
      LOG.warn("Refused {} unparseable request(s) so far; the latest, to {}: {} (logged at most once a minute)",
          count, method, reason);
    }
  }
}
