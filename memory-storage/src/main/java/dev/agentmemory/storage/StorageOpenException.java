package dev.agentmemory.storage;

import java.nio.file.Path;

/** A store could not be opened; {@link #reason()} lets callers give the right advice. */
public class StorageOpenException extends StorageException {
  /** Why opening failed. */
  public enum Reason {
    /** Another process (usually a running daemon) holds the store's lock. */
    LOCKED,
    /** The process may not create or write the store's directory or files. */
    PERMISSION_DENIED,
    /** The files are damaged or not a store of this kind. */
    CORRUPT,
    /** The directory holds no store (read-only opens do not create one). */
    MISSING,
    /** The path is a file, not a directory. */
    NOT_A_DIRECTORY,
    /** The store was written in a format newer than this release reads. */
    NEWER_FORMAT,
    OTHER
  }

  private final Path path;
  private final Reason reason;

  public StorageOpenException(Path path, Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.path = path;
    this.reason = reason;
  }

  public Path path() {
    return path;
  }

  public Reason reason() {
    return reason;
  }
}
