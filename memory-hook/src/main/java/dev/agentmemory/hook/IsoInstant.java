package dev.agentmemory.hook;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;

/**
 * Epoch milliseconds of an ISO 8601 date-time with an offset, as Gemini CLI stamps its hook
 * payloads ({@code 2026-11-30T10:00:00.000Z}). The usual shape, {@code YYYY-MM-DDTHH:MM:SS}, an
 * optional fraction and {@code Z} or {@code ±HH:MM}, is read by hand: the first use of java.time's
 * formatters costs a JVM about 10 ms, in a hook that runs once per tool call. Any other shape goes
 * to {@link OffsetDateTime#parse}.
 */
final class IsoInstant {
  private IsoInstant() {}

  /** The instant of {@code text}; empty when it is not an ISO 8601 date-time with an offset. */
  static OptionalLong millis(String text) {
    OptionalLong usual = usualShape(text);
    if (usual.isPresent()) {
      return usual;
    }
    try {
      return OptionalLong.of(OffsetDateTime.parse(text).toInstant().toEpochMilli());
    } catch (DateTimeParseException e) {
      return OptionalLong.empty();
    }
  }

  private static OptionalLong usualShape(String text) {
    if (text.length() < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
        || text.charAt(13) != ':' || text.charAt(16) != ':') {
      return OptionalLong.empty();
    }
    int at = 19;
    long nanos = 0;
    if (text.charAt(at) == '.') {
      int digits = 0;
      for (at++; at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9' && digits < 9; at++, digits++) {
        nanos = nanos * 10 + (text.charAt(at) - '0');
      }
      if (digits == 0) {
        return OptionalLong.empty();
      }
      for (; digits < 9; digits++) {
        nanos *= 10;
      }
    }
    int offsetSeconds;
    if (text.length() == at + 1 && text.charAt(at) == 'Z') {
      offsetSeconds = 0;
    } else if (text.length() == at + 6 && (text.charAt(at) == '+' || text.charAt(at) == '-') && text.charAt(at + 3) == ':') {
      int hours = number(text, at + 1, 2);
      int minutes = number(text, at + 4, 2);
      if (hours < 0 || hours > 18 || minutes < 0 || minutes > 59) {
        return OptionalLong.empty();
      }
      offsetSeconds = (text.charAt(at) == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
    } else {
      return OptionalLong.empty();
    }
    int year = number(text, 0, 4);
    int month = number(text, 5, 2);
    int day = number(text, 8, 2);
    int hour = number(text, 11, 2);
    int minute = number(text, 14, 2);
    int second = number(text, 17, 2);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
      return OptionalLong.empty();
    }
    try {
      long epochDay = LocalDate.of(year, month, day).toEpochDay();
      long seconds = epochDay * 86_400 + hour * 3_600L + minute * 60L + second - offsetSeconds;
      return OptionalLong.of(seconds * 1_000 + nanos / 1_000_000);
    } catch (DateTimeException e) {
      return OptionalLong.empty(); // e.g. February 30th: the full parser says so
    }
  }

  /** The {@code length} decimal digits at {@code from}; -1 when one is not a digit. */
  private static int number(String text, int from, int length) {
    int value = 0;
    for (int i = from; i < from + length; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
