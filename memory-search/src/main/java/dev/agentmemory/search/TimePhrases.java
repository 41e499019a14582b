package dev.agentmemory.search;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times named in a query ("yesterday", "last week", "in May", "two days ago", "on 2026-10-12",
 * "last Tuesday"), read relative to now in the user's zone: the period they name, and the query
 * without them (so the words do not count as terms to match).
 */
public final class TimePhrases {
  /**
   * A time named in a query: the period {@code [startMs, endMs)} it names.
   *
   * @param phrase the words that named it, as written
   * @param rest the query without them
   */
  public record Found(long startMs, long endMs, String phrase, String rest) {}

  private static final Map<String, Integer> NUMBERS = Map.ofEntries(
      Map.entry("one", 1), Map.entry("a", 1), Map.entry("an", 1), Map.entry("two", 2), Map.entry("three", 3),
      Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6), Map.entry("seven", 7), Map.entry("eight", 8),
      Map.entry("nine", 9), Map.entry("ten", 10), Map.entry("couple of", 2), Map.entry("few", 3));
  private static final String MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december";
  private static final String DAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";
  private static final Pattern DATE = Pattern.compile("\\b(?:on\\s+)?(\\d{4}-\\d{2}-\\d{2})\\b");
  private static final Pattern AGO = Pattern.compile(
      "\\b(\\d+|one|a|an|two|three|four|five|six|seven|eight|nine|ten|couple of|few)\\s+(day|week|month)s?\\s+ago\\b");
  private static final Pattern RELATIVE = Pattern.compile("\\b(today|yesterday|(?:this|last|past)\\s+(?:week|month|year))\\b");
  private static final Pattern WEEKDAY = Pattern.compile("\\b(?:on\\s+|last\\s+)?(" + DAYS + ")\\b");
  private static final Pattern MONTH = Pattern.compile("\\b(?:in|during|since)\\s+(" + MONTHS + ")(?:\\s+(\\d{4}))?\\b");

  private TimePhrases() {}

  /** The first time phrase of {@code query}, if it names one. */
  static Optional<Found> find(String query, ZonedDateTime now) {
    String lower = query.toLowerCase(Locale.ROOT);
    ZoneId zone = now.getZone();
    LocalDate today = now.toLocalDate();
    Matcher m = DATE.matcher(lower);
    if (m.find()) {
      try {
        LocalDate day = LocalDate.parse(m.group(1));
        return Optional.of(period(day, day.plusDays(1), zone, query, m));
      } catch (DateTimeParseException e) {
        // not a date after all: other phrases may still match
      }
    }
    m = AGO.matcher(lower);
    if (m.find()) {
      int n = m.group(1).matches("\\d+") ? Integer.parseInt(m.group(1)) : NUMBERS.get(m.group(1));
      LocalDate day = switch (m.group(2)) {
        case "day" -> today.minusDays(n);
        case "week" -> today.minusWeeks(n);
        default -> today.minusMonths(n);
      };
      // "two days ago" is that day; "two weeks ago" that week, with a day's slack either side
      return Optional.of(m.group(2).equals("day") ? period(day, day.plusDays(1), zone, query, m)
          : period(day.minusDays(3), day.plusDays(4), zone, query, m));
    }
    m = RELATIVE.matcher(lower);
    if (m.find()) {
      String phrase = m.group(1).replaceAll("\\s+", " ");
      LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      return Optional.of(switch (phrase) {
        case "today" -> period(today, today.plusDays(1), zone, query, m);
        case "yesterday" -> period(today.minusDays(1), today, zone, query, m);
        case "this week" -> period(monday, today.plusDays(1), zone, query, m);
        case "last week" -> period(monday.minusWeeks(1), monday, zone, query, m);
        case "past week" -> period(today.minusDays(7), today.plusDays(1), zone, query, m);
        case "this month" -> period(today.withDayOfMonth(1), today.plusDays(1), zone, query, m);
        case "last month" -> period(today.withDayOfMonth(1).minusMonths(1), today.withDayOfMonth(1), zone, query, m);
        case "past month" -> period(today.minusMonths(1), today.plusDays(1), zone, query, m);
        case "this year" -> period(today.withDayOfYear(1), today.plusDays(1), zone, query, m);
        case "last year" -> period(today.withDayOfYear(1).minusYears(1), today.withDayOfYear(1), zone, query, m);
        default -> period(today.minusYears(1), today.plusDays(1), zone, query, m);
      });
    }
    m = MONTH.matcher(lower);
    if (m.find()) {
      Month month = Month.valueOf(m.group(1).toUpperCase(Locale.ROOT));
      int year = m.group(2) != null ? Integer.parseInt(m.group(2))
          : (month.getValue() <= today.getMonthValue() ? today.getYear() : today.getYear() - 1);
      LocalDate first = LocalDate.of(year, month, 1);
      LocalDate end = lower.substring(m.start()).startsWith("since") ? today.plusDays(1) : first.plusMonths(1);
      return Optional.of(period(first, end, zone, query, m));
    }
    m = WEEKDAY.matcher(lower);
    if (m.find()) {
      DayOfWeek wanted = DayOfWeek.valueOf(m.group(1).toUpperCase(Locale.ROOT));
      // the most recent such day before today ("on Tuesday" on a Wednesday is yesterday)
      LocalDate day = today.with(TemporalAdjusters.previous(wanted));
      return Optional.of(period(day, day.plusDays(1), zone, query, m));
    }
    return Optional.empty();
  }

  private static Found period(LocalDate from, LocalDate to, ZoneId zone, String query, Matcher match) {
    String rest = (query.substring(0, match.start()) + " " + query.substring(match.end())).replaceAll("\\s+", " ").trim();
    return new Found(from.atStartOfDay(zone).toInstant().toEpochMilli(), to.atStartOfDay(zone).toInstant().toEpochMilli(),
        query.substring(match.start(), match.end()).trim(), rest);
  }

  /** "Tuesday 2026-10-13", for the text of indexed units (so "Tuesday" and the date match too). */
  static String day(long timestampMs, ZoneId zone) {
    LocalDate date = Instant.ofEpochMilli(timestampMs).atZone(zone).toLocalDate();
    return date.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + date + " "
        + date.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + date.getYear();
  }
}
