package dev.agentmemory.storage;

import com.github.f4b6a3.ulid.Ulid;
import dev.agentmemory.domain.InvalidArgumentException;
import dev.agentmemory.event.Ulids;

/** Event ids are ULIDs: 26 Crockford base32 characters, case-insensitive, stored upper-case. */
public final class EventIds {
  private EventIds() {}

  public static boolean isValid(String id) {
    return Ulids.isValid(id);
  }

  /** The upper-case form of a valid ULID, so that ids differing only in case are one id. */
  public static String canonical(String id) {
    if (!isValid(id)) {
      throw new InvalidArgumentException("event_id must be a ULID (26 base32 characters), got: " + abbreviate(id));
    }
    return Ulid.from(id).toString();
  }

  /** The 16 bytes of a valid ULID; byte order matches the order of the ids. */
  public static byte[] toBytes(String id) {
    return Ulid.from(id).toBytes();
  }

  public static String fromBytes(byte[] bytes) {
    return Ulid.from(bytes).toString();
  }

  private static String abbreviate(String value) {
    if (value == null) {
      return "null";
    }
    return value.length() <= 40 ? "'" + value + "'" : "'" + value.substring(0, 40) + "...'";
  }
}
