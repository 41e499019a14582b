package dev.agentmemory.storage.rocksdb;

import dev.agentmemory.storage.StorageInconsistencyException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Reads what {@link BinaryWriter} wrote; a truncated or malformed value is an inconsistency. */
public final class BinaryReader {
  private final byte[] bytes;
  private int position;

  public BinaryReader(byte[] bytes) {
    this.bytes = bytes;
  }

  public int readByte() {
    require(1);
    return bytes[position++] & 0xFF;
  }

  public long readLong() {
    require(8);
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value = (value << 8) | (bytes[position++] & 0xFF);
    }
    return value;
  }

  public int readInt() {
    require(4);
    int value = 0;
    for (int i = 0; i < 4; i++) {
      value = (value << 8) | (bytes[position++] & 0xFF);
    }
    return value;
  }

  public int readVarInt() {
    int value = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      int b = readByte();
      value |= (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        if (value < 0) {
          break;
        }
        return value;
      }
    }
    throw new StorageInconsistencyException("Expected a varint, but the bytes are malformed");
  }

  public byte[] readBytes(int length) {
    require(length);
    byte[] out = Arrays.copyOfRange(bytes, position, position + length);
    position += length;
    return out;
  }

  public String readString() {
    int length = readVarInt();
    require(length);
    String value = new String(bytes, position, length, StandardCharsets.UTF_8);
    position += length;
    return value;
  }

  public boolean hasRemaining() {
    return position < bytes.length;
  }

  private void require(int count) {
    if (count < 0 || position + count > bytes.length) {
      throw new StorageInconsistencyException(
          "Expected " + count + " more bytes in a stored value, but it is truncated");
    }
  }
}
