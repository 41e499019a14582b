package dev.agentmemory.daemon.grpc;

import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;

/** How a unary call answers: the call's result, or its failure mapped to a status ({@link GrpcErrors}). */
final class Calls {
  private Calls() {}

  static <T> void unary(String rpc, StreamObserver<T> response, Supplier<T> call) {
    T answer;
    try {
      answer = call.get();
    } catch (RuntimeException e) {
      response.onError(GrpcErrors.toStatus(rpc, e));
      return;
    }
    response.onNext(answer);
    response.onCompleted();
  }
}
