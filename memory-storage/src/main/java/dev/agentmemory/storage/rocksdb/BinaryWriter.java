package dev.agentmemory.storage.rocksdb;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Minimal append-only byte buffer for value codecs: fixed-width numbers, varints, strings. */
public final class BinaryWriter {
  private byte[] buffer;
  private int size;

  public BinaryWriter(int initialCapacity) {
    buffer = new byte[Math.max(16, initialCapacity)];
  }

  public BinaryWriter writeByte(int value) {
    ensure(1);
    buffer[size++] = (byte) value;
    return this;
  }

  /** Big-endian, so that encoded keys sort like the numbers (for non-negative values). */
  public BinaryWriter writeLong(long value) {
    ensure(8);
    for (int shift = 56; shift >= 0; shift -= 8) {
      buffer[size++] = (byte) (value >>> shift);
    }
    return this;
  }

  public BinaryWriter writeInt(int value) {
    ensure(4);
    for (int shift = 24; shift >= 0; shift -= 8) {
      buffer[size++] = (byte) (value >>> shift);
    }
    return this;
  }

  /** Unsigned LEB128: small lengths take one byte. */
  public BinaryWriter writeVarInt(int value) {
    if (value < 0) {
      throw new IllegalArgumentException("varint must not be negative: " + value);
    }
    ensure(5);
    while ((value & ~0x7F) != 0) {
      buffer[size++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    buffer[size++] = (byte) value;
    return this;
  }

  public BinaryWriter writeBytes(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buffer, size, bytes.length);
    size += bytes.length;
    return this;
  }

  /** Length-prefixed UTF-8. */
  public BinaryWriter writeString(String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    writeVarInt(utf8.length);
    return writeBytes(utf8);
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buffer, size);
  }

  private void ensure(int extra) {
    if (size + extra > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + extra));
    }
  }
}
