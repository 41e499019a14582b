package dev.agentmemory.toc;

import dev.agentmemory.storage.TocBullet;
import dev.agentmemory.storage.TocNode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Cheap refresh of day, week, month and year nodes when children change: children in time order,
 * child titles as bullets (citing the child's first grips), keywords merged from the children.
 * The summary paragraph is left as the scheduled rollups wrote it (none until then).
 */
final class ParentNodes {
  private static final int MAX_BULLETS = 12;
  private static final int MAX_KEYWORDS = 7;

  private final TocChanges changes;
  private final ZoneId zone;

  ParentNodes(TocChanges changes, ZoneId zone) {
    this.changes = changes;
    this.zone = zone;
  }

  /** Refreshes the given days and, from them, their weeks, months and years. */
  void refresh(Set<LocalDate> days) {
    Set<Period.Week> weeks = new LinkedHashSet<>();
    Set<YearMonth> months = new LinkedHashSet<>();
    for (LocalDate day : days) {
      Period.Day period = new Period.Day(day);
      update(period, changes.daySegments(day.toEpochDay()));
      weeks.add(period.week());
      months.add(YearMonth.from(day));
    }
    for (Period.Week week : weeks) {
      List<String> children = new ArrayList<>();
      for (LocalDate day = week.firstDay(); day.isBefore(week.endDay()); day = day.plusDays(1)) {
        addIfPresent(children, new Period.Day(day).id());
      }
      update(week, children);
      week.months().forEach(month -> months.add(month.month()));
    }
    Set<Integer> years = new LinkedHashSet<>();
    for (YearMonth month : months) {
      Set<String> children = new LinkedHashSet<>();
      for (LocalDate day = month.atDay(1); !day.isAfter(month.atEndOfMonth()); day = day.plusDays(1)) {
        if (changes.node(new Period.Day(day).id()).isPresent()) {
          children.add(Period.Week.of(day).id());
        }
      }
      update(new Period.Month(month), new ArrayList<>(children));
      years.add(month.getYear());
    }
    for (int year : years) {
      List<String> children = new ArrayList<>();
      for (int m = 1; m <= 12; m++) {
        addIfPresent(children, new Period.Month(YearMonth.of(year, m)).id());
      }
      update(new Period.Year(year), children);
    }
  }

  private void addIfPresent(List<String> children, String id) {
    if (changes.node(id).isPresent()) {
      children.add(id);
    }
  }

  private void update(Period period, List<String> childIds) {
    if (childIds.isEmpty()) {
      changes.unlink(period.id());
      return;
    }
    List<TocNode> children = new ArrayList<>();
    childIds.forEach(id -> changes.node(id).ifPresent(children::add));
    String summary = changes.node(period.id()).map(TocNode::summary).orElse(null);
    changes.write(new TocNode(period.id(), period.level(), period.title(), summary, bullets(children),
        keywords(children), childIds, period.startMs(zone), period.endMs(zone), 0));
  }

  private static List<TocBullet> bullets(List<TocNode> children) {
    List<TocBullet> bullets = new ArrayList<>();
    for (TocNode child : children.subList(0, Math.min(MAX_BULLETS, children.size()))) {
      List<String> grips = child.bullets().isEmpty() ? List.of() : child.bullets().get(0).gripIds();
      bullets.add(new TocBullet(child.title(), grips));
    }
    return bullets;
  }

  /** Keywords ranked by how high they rank in how many children; the first spelling wins. */
  private static List<String> keywords(List<TocNode> children) {
    Map<String, Double> scores = new LinkedHashMap<>();
    Map<String, String> spelling = new LinkedHashMap<>();
    for (TocNode child : children) {
      List<String> keywords = child.keywords();
      for (int rank = 0; rank < keywords.size(); rank++) {
        String key = keywords.get(rank).toLowerCase(Locale.ROOT);
        scores.merge(key, 1.0 / (rank + 1), Double::sum);
        spelling.putIfAbsent(key, keywords.get(rank));
      }
    }
    return scores.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(MAX_KEYWORDS)
        .map(entry -> spelling.get(entry.getKey()))
        .toList();
  }
}
