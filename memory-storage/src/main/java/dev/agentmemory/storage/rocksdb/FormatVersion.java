package dev.agentmemory.storage.rocksdb;

import dev.agentmemory.storage.StorageInconsistencyException;

/**
 * Every stored value starts with a format version byte, so a later release can still read what an
 * earlier one wrote, and an older release refuses clearly what a newer one wrote.
 */
public final class FormatVersion {
  private FormatVersion() {}

  /** Reads the version byte and fails unless it is between 1 and {@code newest}. */
  public static int read(BinaryReader reader, int newest, String what) {
    int version = reader.readByte();
    if (version < 1 || version > newest) {
      throw new StorageInconsistencyException(
          "Expected a "
              + what
              + " in format version 1.."
              + newest
              + ", but found version "
              + version
              + " (written by a newer release, or corrupt)");
    }
    return version;
  }
}
