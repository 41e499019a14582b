package dev.agentmemory.toc;

import dev.agentmemory.domain.InvalidArgumentException;
import dev.agentmemory.storage.TocLevel;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time span a TOC node stands for, derived from its id alone: {@code toc:year:2026},
 * {@code toc:month:2026:01}, {@code toc:week:2026:W05} (ISO week), {@code toc:day:2026-01-31},
 * {@code toc:segment:2026-01-31:<ULID>}. Titles and time ranges come from here, never from the child
 * that caused a node to be written.
 */
public sealed interface Period {
  DateTimeFormatter DAY_TITLE = DateTimeFormatter.ofPattern("EEEE, MMMM d, uuuu", Locale.ENGLISH);

  String id();

  TocLevel level();

  /** The first day of the span. */
  LocalDate firstDay();

  /** The day after the span. */
  LocalDate endDay();

  /** Title by the id; segments take theirs from their summary instead. */
  String title();

  default long startMs(ZoneId zone) {
    return firstDay().atStartOfDay(zone).toInstant().toEpochMilli();
  }

  /** Last millisecond of the span (inclusive). */
  default long endMs(ZoneId zone) {
    return endDay().atStartOfDay(zone).toInstant().toEpochMilli() - 1;
  }

  record Year(int year) implements Period {
    @Override
    public String id() {
      return TocLevel.YEAR.idPrefix() + String.format("%04d", year);
    }

    @Override
    public TocLevel level() {
      return TocLevel.YEAR;
    }

    @Override
    public LocalDate firstDay() {
      return LocalDate.of(year, 1, 1);
    }

    @Override
    public LocalDate endDay() {
      return firstDay().plusYears(1);
    }

    @Override
    public String title() {
      return Integer.toString(year);
    }
  }

  record Month(YearMonth month) implements Period {
    @Override
    public String id() {
      return TocLevel.MONTH.idPrefix() + String.format("%04d:%02d", month.getYear(), month.getMonthValue());
    }

    @Override
    public TocLevel level() {
      return TocLevel.MONTH;
    }

    @Override
    public LocalDate firstDay() {
      return month.atDay(1);
    }

    @Override
    public LocalDate endDay() {
      return month.plusMonths(1).atDay(1);
    }

    @Override
    public String title() {
      return month.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + month.getYear();
    }

    public Year year() {
      return new Year(month.getYear());
    }
  }

  /** An ISO week: Monday to Sunday, numbered within its week-based year. */
  record Week(int weekYear, int week) implements Period {
    public static Week of(LocalDate day) {
      return new Week(day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    @Override
    public String id() {
      return TocLevel.WEEK.idPrefix() + String.format("%04d:W%02d", weekYear, week);
    }

    @Override
    public TocLevel level() {
      return TocLevel.WEEK;
    }

    @Override
    public LocalDate firstDay() {
      return LocalDate.of(weekYear, 1, 4)
          .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
          .with(DayOfWeek.MONDAY);
    }

    @Override
    public LocalDate endDay() {
      return firstDay().plusDays(7);
    }

    @Override
    public String title() {
      return "Week " + week + " of " + weekYear;
    }

    /** The calendar months its days fall in (two when it spans a month or year boundary). */
    public List<Month> months() {
      YearMonth first = YearMonth.from(firstDay());
      YearMonth last = YearMonth.from(endDay().minusDays(1));
      return first.equals(last) ? List.of(new Month(first)) : List.of(new Month(first), new Month(last));
    }
  }

  record Day(LocalDate date) implements Period {
    @Override
    public String id() {
      return TocLevel.DAY.idPrefix() + date;
    }

    @Override
    public TocLevel level() {
      return TocLevel.DAY;
    }

    @Override
    public LocalDate firstDay() {
      return date;
    }

    @Override
    public LocalDate endDay() {
      return date.plusDays(1);
    }

    @Override
    public String title() {
      return DAY_TITLE.format(date);
    }

    public Week week() {
      return Week.of(date);
    }

    public Month month() {
      return new Month(YearMonth.from(date));
    }
  }

  /** A segment of a session on a day, named by the ULID of its first event. */
  record Segment(LocalDate date, String ulid) implements Period {
    @Override
    public String id() {
      return TocLevel.SEGMENT.idPrefix() + date + ":" + ulid;
    }

    @Override
    public TocLevel level() {
      return TocLevel.SEGMENT;
    }

    @Override
    public LocalDate firstDay() {
      return date;
    }

    @Override
    public LocalDate endDay() {
      return date.plusDays(1);
    }

    @Override
    public String title() {
      return "Segment of " + new Day(date).title();
    }

    public Day day() {
      return new Day(date);
    }
  }

  Pattern ID = Pattern.compile(
      "toc:(?:year:(\\d{4})|month:(\\d{4}):(\\d{2})|week:(\\d{4}):W(\\d{2})|day:(\\d{4}-\\d{2}-\\d{2})"
          + "|segment:(\\d{4}-\\d{2}-\\d{2}):([0-9A-HJKMNP-TV-Z]{26}))");

  /** The id of the TOC's node of {@code date}: {@code toc:day:2026-01-31}. */
  static String dayId(LocalDate date) {
    return new Day(date).id();
  }

  /** The period of a node id, or INVALID_ARGUMENT saying what ids look like. */
  static Period parse(String id) {
    Matcher m = ID.matcher(id == null ? "" : id.trim());
    try {
      if (m.matches()) {
        if (m.group(1) != null) {
          return new Year(Integer.parseInt(m.group(1)));
        }
        if (m.group(2) != null) {
          return new Month(YearMonth.of(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
        }
        if (m.group(4) != null) {
          Week week = new Week(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)));
          if (week.week() >= 1 && Week.of(week.firstDay()).equals(week)) {
            return week;
          }
        } else if (m.group(6) != null) {
          return new Day(LocalDate.parse(m.group(6)));
        } else {
          return new Segment(LocalDate.parse(m.group(7)), m.group(8));
        }
      }
    } catch (DateTimeException e) {
      // reported below
    }
    throw new InvalidArgumentException(
        "node_id '" + id + "' is not a TOC node id: expected toc:year:2026, toc:month:2026:01, toc:week:2026:W05, "
            + "toc:day:2026-01-31 or toc:segment:2026-01-31:<ULID>");
  }
}
