package dev.agentmemory.storage.rocksdb;

/**
 * Turns keys into bytes whose unsigned lexicographic order is the keys' logical order, and back.
 */
public interface KeyCodec<K> {
  byte[] encode(K key);

  K decode(byte[] bytes);
}
