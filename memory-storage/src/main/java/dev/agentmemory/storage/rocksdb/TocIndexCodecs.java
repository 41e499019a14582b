package dev.agentmemory.storage.rocksdb;

import dev.agentmemory.storage.EventIds;
import dev.agentmemory.storage.EventKey;
import dev.agentmemory.storage.SegmentState;
import dev.agentmemory.storage.StorageInconsistencyException;
import java.nio.charset.StandardCharsets;

/**
 * Key and value layouts of {@code toc_index}. Each index has its own one-byte prefix; numbers are
 * big-endian and session ids length-prefixed, so byte order is the logical order within a prefix.
 */
public final class TocIndexCodecs {
  private static final byte SESSION = 's';
  private static final byte SEGMENT = 'g';
  private static final byte DAY_SEGMENT = 'd';
  // 't' held term counts in stores of earlier builds: never reuse it for something else.
  private static final byte COUNTER = 'c';
  private static final byte ROLLUP = 'r';
  private static final int FORMAT = 1;

  private TocIndexCodecs() {}

  /** An event's place in its session: session, then log order. */
  public record SessionKey(String sessionId, long timestampMs, String eventId) {}

  /** A segment of a session on a day, by its first event. */
  public record SegmentKey(String sessionId, long epochDay, long timestampMs, String eventId) {}

  /** A segment of a day (any session), by its first event: day children in start order. */
  public record DaySegmentKey(long epochDay, long timestampMs, String eventId) {}

  /** What the session index keeps per event besides its key. */
  public record SessionValue(int tokens, int type) {}

  public static final KeyCodec<SessionKey> SESSION_KEY =
      new KeyCodec<>() {
        @Override
        public byte[] encode(SessionKey key) {
          return session(SESSION, key.sessionId(), 32)
              .writeLong(key.timestampMs())
              .writeBytes(EventIds.toBytes(key.eventId()))
              .toByteArray();
        }

        @Override
        public SessionKey decode(byte[] bytes) {
          BinaryReader reader = new BinaryReader(bytes);
          expectPrefix(reader, SESSION);
          String session = readSession(reader);
          return new SessionKey(session, reader.readLong(), EventIds.fromBytes(reader.readBytes(16)));
        }
      };

  public static final KeyCodec<SegmentKey> SEGMENT_KEY =
      new KeyCodec<>() {
        @Override
        public byte[] encode(SegmentKey key) {
          return session(SEGMENT, key.sessionId(), 40)
              .writeLong(key.epochDay())
              .writeLong(key.timestampMs())
              .writeBytes(EventIds.toBytes(key.eventId()))
              .toByteArray();
        }

        @Override
        public SegmentKey decode(byte[] bytes) {
          BinaryReader reader = new BinaryReader(bytes);
          expectPrefix(reader, SEGMENT);
          String session = readSession(reader);
          return new SegmentKey(session, reader.readLong(), reader.readLong(), EventIds.fromBytes(reader.readBytes(16)));
        }
      };

  public static final KeyCodec<DaySegmentKey> DAY_SEGMENT_KEY =
      new KeyCodec<>() {
        @Override
        public byte[] encode(DaySegmentKey key) {
          return new BinaryWriter(33)
              .writeByte(DAY_SEGMENT)
              .writeLong(key.epochDay())
              .writeLong(key.timestampMs())
              .writeBytes(EventIds.toBytes(key.eventId()))
              .toByteArray();
        }

        @Override
        public DaySegmentKey decode(byte[] bytes) {
          BinaryReader reader = new BinaryReader(bytes);
          expectPrefix(reader, DAY_SEGMENT);
          return new DaySegmentKey(reader.readLong(), reader.readLong(), EventIds.fromBytes(reader.readBytes(16)));
        }
      };

  /** Term keys: the prefix, then the term in UTF-8. */

  /** Named counters (such as the number of indexed events). */
  public static final KeyCodec<String> COUNTER_KEY = prefixedString(COUNTER);

  /** Node ids with the version their last rollup wrote. */
  public static final KeyCodec<String> ROLLUP_KEY = prefixedString(ROLLUP);

  public static final ValueCodec<SessionValue> SESSION_VALUE =
      new ValueCodec<>() {
        @Override
        public byte[] encode(SessionValue value) {
          return new BinaryWriter(9).writeByte(FORMAT).writeInt(value.tokens()).writeInt(value.type()).toByteArray();
        }

        @Override
        public SessionValue decode(byte[] bytes) {
          BinaryReader reader = new BinaryReader(bytes);
          FormatVersion.read(reader, FORMAT, "session index entry");
          return new SessionValue(reader.readInt(), reader.readInt());
        }
      };

  public static final ValueCodec<SegmentState> SEGMENT_STATE =
      new ValueCodec<>() {
        @Override
        public byte[] encode(SegmentState state) {
          return new BinaryWriter(128)
              .writeByte(FORMAT)
              .writeString(state.sessionId())
              .writeLong(state.epochDay())
              .writeBytes(EventCodecs.EVENT_KEY.encode(state.first()))
              .writeBytes(EventCodecs.EVENT_KEY.encode(state.last()))
              .writeInt(state.eventCount())
              .writeInt(state.tokens())
              .writeString(state.nodeId())
              .toByteArray();
        }

        @Override
        public SegmentState decode(byte[] bytes) {
          BinaryReader reader = new BinaryReader(bytes);
          FormatVersion.read(reader, FORMAT, "segment state");
          String session = reader.readString();
          long day = reader.readLong();
          EventKey first = EventCodecs.EVENT_KEY.decode(reader.readBytes(24));
          EventKey last = EventCodecs.EVENT_KEY.decode(reader.readBytes(24));
          return new SegmentState(session, day, first, last, reader.readInt(), reader.readInt(), reader.readString());
        }
      };

  public static final ValueCodec<String> STRING =
      new ValueCodec<>() {
        @Override
        public byte[] encode(String value) {
          return new BinaryWriter(value.length() + 4).writeByte(FORMAT).writeString(value).toByteArray();
        }

        @Override
        public String decode(byte[] bytes) {
          BinaryReader reader = new BinaryReader(bytes);
          FormatVersion.read(reader, FORMAT, "string value");
          return reader.readString();
        }
      };

  public static final ValueCodec<Long> COUNT =
      new ValueCodec<>() {
        @Override
        public byte[] encode(Long value) {
          return new BinaryWriter(9).writeByte(FORMAT).writeLong(value).toByteArray();
        }

        @Override
        public Long decode(byte[] bytes) {
          BinaryReader reader = new BinaryReader(bytes);
          FormatVersion.read(reader, FORMAT, "counter");
          return reader.readLong();
        }
      };

  private static BinaryWriter session(byte prefix, String sessionId, int extra) {
    byte[] utf8 = sessionId.getBytes(StandardCharsets.UTF_8);
    return new BinaryWriter(1 + 4 + utf8.length + extra).writeByte(prefix).writeInt(utf8.length).writeBytes(utf8);
  }

  private static String readSession(BinaryReader reader) {
    return new String(reader.readBytes(reader.readInt()), StandardCharsets.UTF_8);
  }

  private static void expectPrefix(BinaryReader reader, byte prefix) {
    int actual = reader.readByte();
    if (actual != prefix) {
      throw new StorageInconsistencyException(
          "Expected a toc_index key with prefix '" + (char) prefix + "', but found '" + (char) actual + "'");
    }
  }

  private static KeyCodec<String> prefixedString(byte prefix) {
    return new KeyCodec<>() {
      @Override
      public byte[] encode(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        return new BinaryWriter(utf8.length + 1).writeByte(prefix).writeBytes(utf8).toByteArray();
      }

      @Override
      public String decode(byte[] bytes) {
        BinaryReader reader = new BinaryReader(bytes);
        expectPrefix(reader, prefix);
        return new String(bytes, 1, bytes.length - 1, StandardCharsets.UTF_8);
      }
    };
  }
}
