package dev.agentmemory.storage.rocksdb;

import dev.agentmemory.storage.Grip;
import dev.agentmemory.storage.StorageInconsistencyException;
import dev.agentmemory.storage.TocBullet;
import dev.agentmemory.storage.TocLevel;
import dev.agentmemory.storage.TocNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Key and value layouts of {@code toc_nodes}, {@code toc_latest} and {@code grips}. */
public final class TocCodecs {
  private static final int NODE_FORMAT = 1;
  private static final int LATEST_FORMAT = 1;
  private static final int GRIP_FORMAT = 1;

  private TocCodecs() {}

  /** A node id and one of its versions. */
  public record NodeVersion(String nodeId, int version) {}

  /**
   * Where a node id points: its latest version, and whether it is linked into navigation (an
   * unlinked node keeps its pointer so that version numbers never restart).
   */
  public record Pointer(int version, boolean linked) {}

  /** {@code toc_nodes} keys: UTF-8 node id, a 0 byte, 4-byte big-endian version (ids never hold 0). */
  public static final KeyCodec<NodeVersion> NODE_VERSION =
      new KeyCodec<>() {
        @Override
        public byte[] encode(NodeVersion key) {
          return new BinaryWriter(key.nodeId().length() + 5)
              .writeBytes(key.nodeId().getBytes(StandardCharsets.UTF_8))
              .writeByte(0)
              .writeInt(key.version())
              .toByteArray();
        }

        @Override
        public NodeVersion decode(byte[] bytes) {
          int separator = bytes.length - 5;
          if (separator < 0 || bytes[separator] != 0) {
            throw new StorageInconsistencyException("Expected a toc_nodes key (id, 0, version), but it is malformed");
          }
          String id = new String(bytes, 0, separator, StandardCharsets.UTF_8);
          return new NodeVersion(id, new BinaryReader(Arrays.copyOfRange(bytes, separator + 1, bytes.length)).readInt());
        }
      };

  /** Node ids (toc_latest keys), UTF-8: ids of one level share a prefix and sort by time. */
  public static final KeyCodec<String> NODE_ID = CheckpointCodecs.NAME;

  /** Grip ids (grips keys), UTF-8. */
  public static final KeyCodec<String> GRIP_ID = CheckpointCodecs.NAME;

  public static final ValueCodec<Pointer> POINTER =
      new ValueCodec<>() {
        @Override
        public byte[] encode(Pointer pointer) {
          return new BinaryWriter(6)
              .writeByte(LATEST_FORMAT)
              .writeInt(pointer.version())
              .writeByte(pointer.linked() ? 1 : 0)
              .toByteArray();
        }

        @Override
        public Pointer decode(byte[] bytes) {
          BinaryReader reader = new BinaryReader(bytes);
          FormatVersion.read(reader, LATEST_FORMAT, "latest-version pointer");
          return new Pointer(reader.readInt(), reader.readByte() == 1);
        }
      };

  public static final ValueCodec<TocNode> NODE =
      new ValueCodec<>() {
        @Override
        public byte[] encode(TocNode node) {
          BinaryWriter writer = new BinaryWriter(256)
              .writeByte(NODE_FORMAT)
              .writeString(node.nodeId())
              .writeByte(node.level().number())
              .writeString(node.title())
              .writeByte(node.summary() == null ? 0 : 1)
              .writeString(node.summary() == null ? "" : node.summary())
              .writeVarInt(node.bullets().size());
          for (TocBullet bullet : node.bullets()) {
            writer.writeString(bullet.text());
            writeStrings(writer, bullet.gripIds());
          }
          writeStrings(writer, node.keywords());
          writeStrings(writer, node.childNodeIds());
          return writer.writeLong(node.startTimeMs()).writeLong(node.endTimeMs()).writeInt(node.version()).toByteArray();
        }

        @Override
        public TocNode decode(byte[] bytes) {
          BinaryReader reader = new BinaryReader(bytes);
          FormatVersion.read(reader, NODE_FORMAT, "TOC node");
          String id = reader.readString();
          TocLevel level = TocLevel.ofNumber(reader.readByte());
          String title = reader.readString();
          boolean hasSummary = reader.readByte() == 1;
          String summary = reader.readString();
          int bulletCount = reader.readVarInt();
          List<TocBullet> bullets = new ArrayList<>(bulletCount);
          for (int i = 0; i < bulletCount; i++) {
            bullets.add(new TocBullet(reader.readString(), readStrings(reader)));
          }
          List<String> keywords = readStrings(reader);
          List<String> children = readStrings(reader);
          return new TocNode(id, level, title, hasSummary ? summary : null, bullets, keywords, children,
              reader.readLong(), reader.readLong(), reader.readInt());
        }
      };

  public static final ValueCodec<Grip> GRIP =
      new ValueCodec<>() {
        @Override
        public byte[] encode(Grip grip) {
          return new BinaryWriter(128 + grip.excerpt().length())
              .writeByte(GRIP_FORMAT)
              .writeString(grip.gripId())
              .writeString(grip.excerpt())
              .writeString(grip.eventIdStart())
              .writeString(grip.eventIdEnd())
              .writeLong(grip.timestampMs())
              .writeString(grip.source())
              .toByteArray();
        }

        @Override
        public Grip decode(byte[] bytes) {
          BinaryReader reader = new BinaryReader(bytes);
          FormatVersion.read(reader, GRIP_FORMAT, "grip");
          return new Grip(reader.readString(), reader.readString(), reader.readString(), reader.readString(),
              reader.readLong(), reader.readString());
        }
      };

  static void writeStrings(BinaryWriter writer, List<String> values) {
    writer.writeVarInt(values.size());
    values.forEach(writer::writeString);
  }

  static List<String> readStrings(BinaryReader reader) {
    int count = reader.readVarInt();
    List<String> values = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      values.add(reader.readString());
    }
    return values;
  }
}
