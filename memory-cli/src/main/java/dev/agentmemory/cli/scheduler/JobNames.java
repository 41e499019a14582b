package dev.agentmemory.cli.scheduler;

import dev.agentmemory.daemon.MaintenanceJobs;
import java.util.Iterator;

/** The daemon's jobs, for help texts ({@code ${COMPLETION-CANDIDATES}}) and shell completion. */
public final class JobNames implements Iterable<String> {
  @Override
  public Iterator<String> iterator() {
    return MaintenanceJobs.NAMES.iterator();
  }
}
