package dev.agentmemory.storage;

import java.util.Optional;

/** Job states, kept as {@link Checkpoint#job} checkpoints. */
public final class JobStateStore {
  private final CheckpointStore checkpoints;

  JobStateStore(CheckpointStore checkpoints) {
    this.checkpoints = checkpoints;
  }

  public Optional<JobState> get(String job) {
    return checkpoints.get(Checkpoint.job(job));
  }

  public void put(String job, JobState state) {
    checkpoints.put(Checkpoint.job(job), state);
  }
}
