package dev.agentmemory.storage.rocksdb;

import java.nio.charset.StandardCharsets;

/** Checkpoints are keyed by name (UTF-8) and hold a versioned opaque payload. */
public final class CheckpointCodecs {
  private static final int FORMAT = 1;

  private CheckpointCodecs() {}

  public static final KeyCodec<String> NAME =
      new KeyCodec<>() {
        @Override
        public byte[] encode(String name) {
          return name.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String decode(byte[] bytes) {
          return new String(bytes, StandardCharsets.UTF_8);
        }
      };

  public static final ValueCodec<byte[]> PAYLOAD =
      new ValueCodec<>() {
        @Override
        public byte[] encode(byte[] payload) {
          return new BinaryWriter(payload.length + 1).writeByte(FORMAT).writeBytes(payload).toByteArray();
        }

        @Override
        public byte[] decode(byte[] bytes) {
          BinaryReader reader = new BinaryReader(bytes);
          FormatVersion.read(reader, FORMAT, "checkpoint");
          return reader.readBytes(bytes.length - 1);
        }
      };
}
