package dev.agentmemory.daemon.grpc;

import io.grpc.ClientInterceptor;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;

/** The daemon's token as gRPC metadata: {@code authorization: Bearer TOKEN}, for both sides. */
public final class BearerToken {
  static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  static final String SCHEME = "Bearer ";

  private BearerToken() {}

  /** A client interceptor that sends {@code token} with every call. */
  public static ClientInterceptor attach(String token) {
    Metadata headers = new Metadata();
    headers.put(AUTHORIZATION, SCHEME + token);
    return MetadataUtils.newAttachHeadersInterceptor(headers);
  }
}
