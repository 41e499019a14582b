package dev.agentmemory.cli.it;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;

/** Calls any method with raw bytes as the request, as a hostile or broken client would. */
final class RawCalls {
  private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  };

  private RawCalls() {}

  /** The status the server answered (OK when it answered normally). */
  static Status call(Channel channel, String fullMethodName, byte[] request) {
    CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS);
    try {
      if (fullMethodName.endsWith("/RebuildToc")) {
        MethodDescriptor<byte[], byte[]> method = descriptor(fullMethodName, MethodDescriptor.MethodType.SERVER_STREAMING);
        Iterator<byte[]> answers = ClientCalls.blockingServerStreamingCall(channel, method, options, request);
        answers.forEachRemaining(answer -> { });
      } else {
        ClientCalls.blockingUnaryCall(channel, descriptor(fullMethodName, MethodDescriptor.MethodType.UNARY), options, request);
      }
      return Status.OK;
    } catch (StatusRuntimeException e) {
      return e.getStatus();
    }
  }

  private static MethodDescriptor<byte[], byte[]> descriptor(String name, MethodDescriptor.MethodType type) {
    return MethodDescriptor.<byte[], byte[]>newBuilder(BYTES, BYTES).setFullMethodName(name).setType(type).build();
  }
}
