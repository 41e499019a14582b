package dev.agentmemory.scheduler;

import java.time.Duration;

/**
 * A scheduled job: when it fires (a Quartz cron expression, in the scheduler's zone), how much
 * random delay spreads its start, and what it does.
 *
 * @param cron six or seven fields: seconds minutes hours day-of-month month day-of-week [year]
 */
public record JobSpec(String name, String cron, Duration maxJitter, String description, JobTask task) {}
