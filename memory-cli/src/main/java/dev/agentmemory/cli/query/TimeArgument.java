package dev.agentmemory.cli.query;

import dev.agentmemory.cli.CliException;
import dev.agentmemory.cli.ExitCode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * A point in time on the command line: epoch milliseconds, an ISO date ({@code 2026-01-31}, the
 * start of that day, or its end for an upper bound) or an ISO date-time, local unless it has an
 * offset.
 */
public final class TimeArgument {
  private TimeArgument() {}

  public static long parse(String option, String value, ZoneId zone, boolean endOfDay) {
    String text = value.trim();
    if (text.matches("-?\\d+")) {
      return Long.parseLong(text);
    }
    try {
      if (text.length() == 10) {
        LocalDate date = LocalDate.parse(text);
        return endOfDay
            ? date.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli() - 1
            : date.atStartOfDay(zone).toInstant().toEpochMilli();
      }
      if (text.endsWith("Z")) {
        return Instant.parse(text).toEpochMilli();
      }
      if (text.matches(".*[+-]\\d\\d:\\d\\d$")) {
        return OffsetDateTime.parse(text).toInstant().toEpochMilli();
      }
      return LocalDateTime.parse(text).atZone(zone).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new CliException(
          option + " '" + value + "' is not a time: use milliseconds since the epoch, 2026-01-31 or "
              + "2026-01-31T14:00[:00][+01:00]", ExitCode.USAGE);
    }
  }
}
