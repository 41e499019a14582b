package dev.agentmemory.toc;

import com.github.f4b6a3.ulid.Ulid;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Grip ids in the form users' tools expect, {@code grip:<13-digit ms>:<ULID>}, made from what the
 * grip cites, so that building the same TOC twice gives the same ids.
 */
final class GripIds {
  private GripIds() {}

  static String of(long timestampMs, String sourceNodeId, String eventIdStart, String excerpt) {
    byte[] digest = sha256(sourceNodeId + "\n" + eventIdStart + "\n" + excerpt);
    Ulid ulid = new Ulid(timestampMs, Arrays.copyOf(digest, 10));
    return String.format("grip:%013d:%s", timestampMs, ulid);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
  }
}
