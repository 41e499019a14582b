package dev.agentmemory.cli.client;

import dev.agentmemory.proto.GetEventsRequest;
import dev.agentmemory.proto.GetEventsResponse;
import java.time.Duration;

/**
 * The CLI's view of a running daemon. Failures arrive as {@link dev.agentmemory.cli.CliException}
 * with a message for a person (exit 3 when the daemon cannot be reached).
 */
public interface DaemonClient extends AutoCloseable {
  /** The overall health status ("SERVING", "NOT_SERVING", ...), within {@code deadline}. */
  String health(Duration deadline);

  GetEventsResponse getEvents(GetEventsRequest request);

  @Override
  void close();
}
