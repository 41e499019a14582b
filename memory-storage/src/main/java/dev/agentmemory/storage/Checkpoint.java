package dev.agentmemory.storage;

import dev.agentmemory.domain.AgentTally;
import dev.agentmemory.storage.rocksdb.BinaryReader;
import dev.agentmemory.storage.rocksdb.BinaryWriter;
import dev.agentmemory.storage.rocksdb.FormatVersion;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Locale;
import java.util.function.Function;

/**
 * A named entry of the {@code checkpoints} family and the type of its value: the one place that
 * knows every key and how its value is encoded (docs/storage.md lists them).
 *
 * @param <T> the value's type
 */
public final class Checkpoint<T> {
  /** Number of stored events; written with each new event. */
  public static final Checkpoint<Long> EVENTS_COUNT = number("events.count");
  /** Secrets redacted from stored events; written with each new event that had any. */
  public static final Checkpoint<Long> REDACTIONS_COUNT = number("redactions.count");
  /** Highest outbox sequence the TOC builder has taken in; written with the work it records. */
  public static final Checkpoint<Long> OUTBOX_ACKED = number("outbox.acked");
  /**
   * Highest outbox sequence the search index has taken in (and committed); absent until the index
   * first started. While present, the outbox keeps the entries the index has not taken in yet.
   */
  public static final Checkpoint<Long> OUTBOX_SEARCH_ACKED = number("outbox.acked.search");
  /** Grips ever written; written with them. */
  public static final Checkpoint<Long> GRIPS_COUNT = number("grips.count");
  /** The layout version of the whole store ({@link StoreFormat}); absent in stores older than it. */
  public static final Checkpoint<Long> STORE_FORMAT = number("store.format");
  /** Where an interrupted TOC rebuild resumes (ms since the epoch); absent when none runs. */
  public static final Checkpoint<Long> TOC_REBUILD_FROM = number("toc.rebuild");

  /** Set once the per-agent tallies were counted from the log (stores older than them had none). */
  public static final Checkpoint<Long> AGENTS_COUNTED = number("agents.counted");

  /** Key prefix of the per-agent tallies, {@code agent.<name>}. */
  public static final String AGENT_PREFIX = "agent.";

  private static final int JOB_FORMAT = 1;

  private final String key;
  private final Function<T, byte[]> encode;
  private final Function<byte[], T> decode;

  private Checkpoint(String key, Function<T, byte[]> encode, Function<byte[], T> decode) {
    this.key = key;
    this.encode = encode;
    this.decode = decode;
  }

  /** A scheduled job's state, {@code job.<name>}. */
  public static Checkpoint<JobState> job(String name) {
    return new Checkpoint<>("job." + name, Checkpoint::encodeJob, Checkpoint::decodeJob);
  }

  /** An API summarizer's use on {@code day}, {@code summarizer.usage.<YYYY-MM-DD>}. */
  public static Checkpoint<SummarizerUsage> summarizerUsage(LocalDate day) {
    return new Checkpoint<>("summarizer.usage." + day,
        usage -> new BinaryWriter(32).writeLong(usage.requests()).writeLong(usage.inputTokens())
            .writeLong(usage.outputTokens()).writeLong(usage.fallbacks()).toByteArray(),
        bytes -> {
          BinaryReader reader = new BinaryReader(bytes);
          return new SummarizerUsage(reader.readLong(), reader.readLong(), reader.readLong(), reader.readLong());
        });
  }

  /** The tally of one agent's events, {@code agent.<name>}. */
  public static Checkpoint<AgentTally> agent(String name) {
    return new Checkpoint<>(AGENT_PREFIX + name,
        tally -> new BinaryWriter(16).writeLong(tally.events()).writeLong(tally.lastStoredMs()).toByteArray(),
        bytes -> {
          BinaryReader reader = new BinaryReader(bytes);
          return new AgentTally(reader.readLong(), reader.readLong());
        });
  }

  /** Key prefix of the audit entries {@code admin forget} leaves: what, when, how many (never content). */
  public static final String AUDIT_PREFIX = "audit.forget.";

  /** An audit entry at {@code epochMs} (13 digits, so entries sort by time). */
  public static Checkpoint<String> audit(long epochMs) {
    return text(AUDIT_PREFIX + String.format(Locale.ROOT, "%013d", epochMs));
  }

  /**
   * A forget whose deletion is written but whose clean-up (search index, compaction) may not be
   * done: its audit entry, until the clean-up ends. A daemon finishes it when it opens the store.
   */
  public static final Checkpoint<String> FORGET_PENDING = text("forget.pending");

  private static Checkpoint<String> text(String key) {
    return new Checkpoint<>(key, text -> text.getBytes(StandardCharsets.UTF_8),
        bytes -> new String(bytes, StandardCharsets.UTF_8));
  }

  private static Checkpoint<Long> number(String key) {
    return new Checkpoint<>(key, value -> new BinaryWriter(8).writeLong(value).toByteArray(),
        bytes -> new BinaryReader(bytes).readLong());
  }

  public String key() {
    return key;
  }

  byte[] encode(T value) {
    return encode.apply(value);
  }

  T decode(byte[] bytes) {
    return decode.apply(bytes);
  }

  private static byte[] encodeJob(JobState state) {
    return new BinaryWriter(64)
        .writeByte(JOB_FORMAT)
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

  private static JobState decodeJob(byte[] bytes) {
    BinaryReader reader = new BinaryReader(bytes);
    FormatVersion.read(reader, JOB_FORMAT, "job state");
    return new JobState(reader.readByte() == 1, reader.readLong(), reader.readLong(), reader.readLong(),
        reader.readString(), reader.readString(), reader.readLong(), reader.readLong());
  }
}
