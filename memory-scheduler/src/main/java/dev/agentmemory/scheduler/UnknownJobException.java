package dev.agentmemory.scheduler;

import dev.agentmemory.domain.NotFoundException;
import java.util.Collection;

/** A job name that is not registered; the message lists the known ones. */
public class UnknownJobException extends NotFoundException {
  public UnknownJobException(String name, Collection<String> known) {
    super("Unknown job '" + name + "'. Known jobs: " + String.join(", ", known));
  }
}
