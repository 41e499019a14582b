package dev.agentmemory.daemon.grpc;

import dev.agentmemory.wire.Headers;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.health.v1.HealthGrpc;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Guards the TCP port: every call but the standard health service must carry {@code authorization:
 * Bearer TOKEN} with this daemon's token, compared in constant time (as mvnd and Jupyter guard
 * their local ports). Any local user can connect to a loopback port; only this user can read the
 * token. Health stays open so monitors and {@code grpc_health_probe} need no secret.
 */
final class TokenCheck implements ServerInterceptor {

  private final byte[] expected;
  private final String howTo;

  /**
   * @param token the daemon's token
   * @param howTo what a refused client is told to do (where the token is, the socket path)
   */
  TokenCheck(String token, String howTo) {
    this.expected = token.getBytes(StandardCharsets.US_ASCII);
    this.howTo = howTo;
  }

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    if (call.getMethodDescriptor().getServiceName().equals(HealthGrpc.SERVICE_NAME) || carriesToken(headers)) {
      return next.startCall(call, headers);
    }
    String reason = headers.containsKey(Headers.AUTHORIZATION) ? "The token sent is not this daemon's" : "No token sent";
    call.close(Status.UNAUTHENTICATED.withDescription(reason + ". " + howTo), new Metadata());
    return new ServerCall.Listener<>() {};
  }

  private boolean carriesToken(Metadata headers) {
    Iterable<String> values = headers.getAll(Headers.AUTHORIZATION);
    if (values == null) {
      return false;
    }
    boolean matches = false;
    for (String value : values) {
      if (value.regionMatches(true, 0, Headers.BEARER, 0, Headers.BEARER.length())) {
        byte[] given = value.substring(Headers.BEARER.length()).strip().getBytes(StandardCharsets.US_ASCII);
        matches |= MessageDigest.isEqual(given, expected);
      }
    }
    return matches;
  }
}
