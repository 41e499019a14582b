package dev.agentmemory.wire;

import io.grpc.ClientInterceptor;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;

/**
 * The request headers of the wire protocol (docs/api.md), for both sides: {@code authorization:
 * Bearer TOKEN} (the daemon's per-start token) and {@code x-memory-project} (which project's store
 * a call works on; absent or empty: the default store).
 */
public final class Headers {
  public static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  public static final String BEARER = "Bearer ";
  public static final String PROJECT_NAME = "x-memory-project";
  public static final Metadata.Key<String> PROJECT = Metadata.Key.of(PROJECT_NAME, Metadata.ASCII_STRING_MARSHALLER);

  private Headers() {}

  /** A client interceptor that sends {@code token} with every call. */
  public static ClientInterceptor bearer(String token) {
    Metadata headers = new Metadata();
    headers.put(AUTHORIZATION, BEARER + token);
    return MetadataUtils.newAttachHeadersInterceptor(headers);
  }
}
