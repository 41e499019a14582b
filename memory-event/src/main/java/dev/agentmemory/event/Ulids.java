package dev.agentmemory.event;

import java.nio.charset.StandardCharsets;

/** ULIDs without a library: 128 bits in Crockford base32 (26 characters, the first 0-7). */
public final class Ulids {
  private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

  private Ulids() {}

  /** Whether {@code id} is a ULID: 26 Crockford base32 characters (either case), the first 0-7. */
  public static boolean isValid(String id) {
    if (id == null || id.length() != 26 || id.charAt(0) < '0' || id.charAt(0) > '7') {
      return false;
    }
    for (int i = 1; i < id.length(); i++) {
      if (ALPHABET.indexOf(Character.toUpperCase(id.charAt(i))) < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * A ULID made of a 128-bit hash of {@code seed}: the same seed, the same id. The hash is two
   * independent 64-bit FNV-1a lanes with a strong finalizer: plenty against accidental collisions,
   * and (unlike SHA-256, whose provider takes tens of milliseconds to start) free at hook start.
   */
  public static String fromSeed(String seed) {
    return encode(hash(seed));
  }

  /** The 128-bit hash of {@code seed} that {@link #fromSeed} encodes, for names made from it. */
  public static byte[] hash(String seed) {
    byte[] input = seed.getBytes(StandardCharsets.UTF_8);
    long high = 0xcbf29ce484222325L;
    long low = 0x84222325cbf29ce4L;
    for (byte b : input) {
      high = (high ^ (b & 0xFF)) * 0x100000001b3L;
      low = (low ^ (b & 0xFF)) * 0x100000001b3L ^ (low >>> 29);
    }
    long h = mix(high ^ input.length);
    long l = mix(low + h);
    byte[] bytes = new byte[16];
    for (int i = 0; i < 8; i++) {
      bytes[i] = (byte) (h >>> (56 - 8 * i));
      bytes[i + 8] = (byte) (l >>> (56 - 8 * i));
    }
    return bytes;
  }

  /** The splitmix64 finalizer: every input bit affects every output bit. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** Base32 of the first 16 bytes: 2 bits + 25 groups of 5 bits; the leading 2 bits give 0-3. */
  static String encode(byte[] bytes) {
    long high = 0;
    long low = 0;
    for (int i = 0; i < 8; i++) {
      high = (high << 8) | (bytes[i] & 0xFF);
      low = (low << 8) | (bytes[i + 8] & 0xFF);
    }
    char[] out = new char[26];
    for (int i = 25; i >= 0; i--) {
      out[i] = ALPHABET.charAt((int) (low & 0x1F));
      low = (low >>> 5) | ((high & 0x1F) << 59);
      high >>>= 5;
    }
    return new String(out);
  }
}
