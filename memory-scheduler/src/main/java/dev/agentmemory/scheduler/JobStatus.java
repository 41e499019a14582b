package dev.agentmemory.scheduler;

import dev.agentmemory.storage.JobState;

/**
 * A job as the status RPC reports it.
 *
 * @param nextRunMs the real next fire time (0 when none)
 */
public record JobStatus(String name, String cron, JobState state, long nextRunMs, boolean running) {}
