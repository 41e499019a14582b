package dev.agentmemory.scheduler;

/** The work of a job. Throwing marks the run FAILED with the exception's message. */
@FunctionalInterface
public interface JobTask {
  void run() throws Exception;
}
