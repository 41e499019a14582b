package dev.agentmemory.storage;

import dev.agentmemory.storage.rocksdb.BinaryReader;
import dev.agentmemory.storage.rocksdb.BinaryWriter;
import dev.agentmemory.storage.rocksdb.FormatVersion;
import java.util.Optional;

/** Job states, kept in {@code checkpoints} under {@code job.<name>}. */
public final class JobStateStore {
  private static final int FORMAT = 1;
  private final CheckpointStore checkpoints;

  public JobStateStore(CheckpointStore checkpoints) {
    this.checkpoints = checkpoints;
  }

  public Optional<JobState> get(String job) {
    return checkpoints.get(key(job)).map(JobStateStore::decode);
  }

  public void put(String job, JobState state) {
    checkpoints.put(key(job), encode(state));
  }

  private static String key(String job) {
    return "job." + job;
  }

  private static byte[] encode(JobState state) {
    return new BinaryWriter(64)
        .writeByte(FORMAT)
        .writeByte(state.paused() ? 1 : 0)
        .writeLong(state.lastScheduledMs())
        .writeLong(state.lastRunMs())
        .writeLong(state.lastDurationMs())
        .writeString(state.lastResult())
        .writeString(state.lastError())
        .writeLong(state.runCount())
        .writeLong(state.errorCount())
        .toByteArray();
  }

  private static JobState decode(byte[] bytes) {
    BinaryReader reader = new BinaryReader(bytes);
    FormatVersion.read(reader, FORMAT, "job state");
    return new JobState(reader.readByte() == 1, reader.readLong(), reader.readLong(), reader.readLong(),
        reader.readString(), reader.readString(), reader.readLong(), reader.readLong());
  }
}
