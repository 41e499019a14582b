package dev.agentmemory.storage.rocksdb;

import dev.agentmemory.storage.StorageInconsistencyException;

/** Key layout of the outbox: 8-byte big-endian sequence numbers, so byte order is FIFO order. */
public final class OutboxCodecs {
  private OutboxCodecs() {}

  public static final KeyCodec<Long> SEQUENCE =
      new KeyCodec<>() {
        @Override
        public byte[] encode(Long sequence) {
          return new BinaryWriter(8).writeLong(sequence).toByteArray();
        }

        @Override
        public Long decode(byte[] bytes) {
          if (bytes.length != 8) {
            throw new StorageInconsistencyException(
                "Expected an 8-byte outbox sequence, but found " + bytes.length + " bytes");
          }
          return new BinaryReader(bytes).readLong();
        }
      };
}
