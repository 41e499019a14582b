package dev.agentmemory.storage.rocksdb;

/** Turns values into bytes and back. Implementations write a format version first. */
public interface ValueCodec<V> {
  byte[] encode(V value);

  V decode(byte[] bytes);
}
