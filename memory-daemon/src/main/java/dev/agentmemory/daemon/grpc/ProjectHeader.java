package dev.agentmemory.daemon.grpc;

import dev.agentmemory.daemon.ProjectStore;
import dev.agentmemory.daemon.Projects;
import dev.agentmemory.wire.Headers;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/**
 * The {@code x-memory-project} request header: which project's store a call works on. Absent or empty means
 * the default store (and, for GetEvents, every store). The interceptor puts it where the service
 * reads it.
 */
public final class ProjectHeader implements ServerInterceptor {
  private static final Context.Key<String> PROJECT = Context.key(Headers.PROJECT_NAME);

  /** The project of the current call, empty when none was named. */
  static String current() {
    String project = PROJECT.get();
    return project == null ? "" : project;
  }

  /** The store the current call reads or maintains: its project's (which must exist), else the default one. */
  static ProjectStore store(Projects projects) {
    return projects.forRead(current());
  }

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    String project = headers.get(Headers.PROJECT);
    if (project == null || project.isBlank()) {
      return next.startCall(call, headers);
    }
    return Contexts.interceptCall(Context.current().withValue(PROJECT, project.trim()), call, headers, next);
  }
}
