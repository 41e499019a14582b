package dev.agentmemory.storage.rocksdb;

import dev.agentmemory.event.Event;
import dev.agentmemory.storage.EventIds;
import dev.agentmemory.storage.EventKey;
import dev.agentmemory.storage.StorageInconsistencyException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Key and value layouts of the event log and its id index: the one place they are defined. */
public final class EventCodecs {
  private static final int ULID_BYTES = 16;
  private static final int EVENT_KEY_BYTES = 8 + ULID_BYTES;
  private static final int EVENT_FORMAT = 1;
  private static final int POSITION_FORMAT = 1;

  private EventCodecs() {}

  /** Lowest id, used to build range bounds that include every id of a millisecond. */
  public static final String MIN_EVENT_ID = "00000000000000000000000000";

  /** The first key at or after {@code timestampMs}. */
  public static EventKey rangeStart(long timestampMs) {
    return new EventKey(Math.max(0, timestampMs), MIN_EVENT_ID);
  }

  /** Event log keys: 8-byte big-endian timestamp, then the 16 ULID bytes: log order. */
  public static final KeyCodec<EventKey> EVENT_KEY =
      new KeyCodec<>() {
        @Override
        public byte[] encode(EventKey key) {
          return new BinaryWriter(EVENT_KEY_BYTES)
              .writeLong(key.timestampMs())
              .writeBytes(EventIds.toBytes(key.eventId()))
              .toByteArray();
        }

        @Override
        public EventKey decode(byte[] bytes) {
          if (bytes.length != EVENT_KEY_BYTES) {
            throw new StorageInconsistencyException(
                "Expected an event key of " + EVENT_KEY_BYTES + " bytes, but found " + bytes.length);
          }
          BinaryReader reader = new BinaryReader(bytes);
          long timestamp = reader.readLong();
          return new EventKey(timestamp, EventIds.fromBytes(reader.readBytes(ULID_BYTES)));
        }
      };

  /** Event id index keys: the 16 ULID bytes. */
  public static final KeyCodec<String> EVENT_ID =
      new KeyCodec<>() {
        @Override
        public byte[] encode(String eventId) {
          return EventIds.toBytes(eventId);
        }

        @Override
        public String decode(byte[] bytes) {
          return EventIds.fromBytes(bytes);
        }
      };

  /** A versioned event key as a value: where an id lives in the log (index and outbox rows). */
  public static final ValueCodec<EventKey> EVENT_POSITION =
      new ValueCodec<>() {
        @Override
        public byte[] encode(EventKey key) {
          return new BinaryWriter(1 + EVENT_KEY_BYTES)
              .writeByte(POSITION_FORMAT)
              .writeBytes(EVENT_KEY.encode(key))
              .toByteArray();
        }

        @Override
        public EventKey decode(byte[] bytes) {
          BinaryReader reader = new BinaryReader(bytes);
          FormatVersion.read(reader, POSITION_FORMAT, "event position");
          return EVENT_KEY.decode(reader.readBytes(EVENT_KEY_BYTES));
        }
      };

  /** Event values, self-contained (they repeat the key's fields) so a value alone is an event. */
  public static final ValueCodec<Event> EVENT =
      new ValueCodec<>() {
        @Override
        public byte[] encode(Event event) {
          BinaryWriter writer =
              new BinaryWriter(64 + event.text().length())
                  .writeByte(EVENT_FORMAT)
                  .writeString(event.eventId())
                  .writeString(event.sessionId())
                  .writeLong(event.timestampMs())
                  .writeInt(event.type())
                  .writeInt(event.role())
                  .writeString(event.text())
                  .writeString(event.agent())
                  .writeVarInt(event.metadata().size());
          event.metadata().forEach((k, v) -> writer.writeString(k).writeString(v));
          return writer.toByteArray();
        }

        @Override
        public Event decode(byte[] bytes) {
          BinaryReader reader = new BinaryReader(bytes);
          FormatVersion.read(reader, EVENT_FORMAT, "event");
          String eventId = reader.readString();
          String sessionId = reader.readString();
          long timestamp = reader.readLong();
          int type = reader.readInt();
          int role = reader.readInt();
          String text = reader.readString();
          String agent = reader.readString();
          int entries = reader.readVarInt();
          Map<String, String> metadata = new LinkedHashMap<>();
          for (int i = 0; i < entries; i++) {
            metadata.put(reader.readString(), reader.readString());
          }
          return new Event(eventId, sessionId, timestamp, type, role, text, metadata, agent);
        }
      };
}
