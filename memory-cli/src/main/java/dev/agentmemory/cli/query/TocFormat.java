package dev.agentmemory.cli.query;

import dev.agentmemory.cli.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentmemory.proto.Grip;
import dev.agentmemory.proto.TocBullet;
import dev.agentmemory.proto.TocNode;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/** How TOC nodes and grips look on the terminal and in {@code --json} output. */
final class TocFormat {
  private static final int LISTED_CHILDREN = 10;

  private TocFormat() {}

  static String level(TocNode node) {
    String name = node.getLevel().name().replace("TOC_LEVEL_", "").toLowerCase(Locale.ROOT);
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  /** A node in a list: title, level, id and child count. */
  static void summaryLines(PrintWriter out, TocNode node) {
    out.printf("  %s [%s]%n    ID: %s%n", node.getTitle(), level(node), node.getNodeId());
    if (node.getChildNodeIdsCount() > 0) {
      out.printf("    Children: %d%n", node.getChildNodeIdsCount());
    }
  }

  /** A node in full. */
  static void details(PrintWriter out, TocNode node, ZoneId zone) {
    out.printf("TOC Node: %s%n", node.getTitle());
    out.printf("  ID: %s%n  Level: %s%n  Version: %d%n", node.getNodeId(), level(node), node.getVersion());
    out.printf("  Time Range: %s - %s%n", EventFormat.time(node.getStartTimeMs(), zone), EventFormat.time(node.getEndTimeMs(), zone));
    if (node.hasSummary()) {
      out.printf("%nSummary:%n  %s%n", node.getSummary());
    }
    if (node.getBulletsCount() > 0) {
      out.printf("%nBullets:%n");
      for (TocBullet bullet : node.getBulletsList()) {
        out.printf("  • %s%n", bullet.getText());
        if (bullet.getGripIdsCount() > 0) {
          out.printf("    Grips: %s%n", String.join(", ", bullet.getGripIdsList()));
        }
      }
    }
    if (node.getKeywordsCount() > 0) {
      out.printf("%nKeywords: %s%n", String.join(", ", node.getKeywordsList()));
    }
    List<String> children = node.getChildNodeIdsList();
    if (!children.isEmpty()) {
      out.printf("%nChildren (%d):%n", children.size());
      children.stream().limit(LISTED_CHILDREN).forEach(id -> out.printf("  %s%n", id));
      if (children.size() > LISTED_CHILDREN) {
        out.printf("  ... and %d more (memory-daemon query browse %s)%n", children.size() - LISTED_CHILDREN, node.getNodeId());
      }
    }
  }

  static ObjectNode json(TocNode node) {
    ObjectNode json = Json.object()
        .put("node_id", node.getNodeId())
        .put("level", node.getLevel().name())
        .put("title", node.getTitle());
    if (node.hasSummary()) {
      json.put("summary", node.getSummary());
    }
    ArrayNode bullets = json.putArray("bullets");
    for (TocBullet bullet : node.getBulletsList()) {
      ObjectNode b = bullets.addObject().put("text", bullet.getText());
      bullet.getGripIdsList().forEach(b.putArray("grip_ids")::add);
    }
    node.getKeywordsList().forEach(json.putArray("keywords")::add);
    node.getChildNodeIdsList().forEach(json.putArray("child_node_ids")::add);
    return json.put("start_time_ms", node.getStartTimeMs())
        .put("end_time_ms", node.getEndTimeMs())
        .put("version", node.getVersion());
  }

  static ArrayNode json(List<TocNode> nodes) {
    ArrayNode array = Json.array();
    nodes.forEach(node -> array.add(json(node)));
    return array;
  }

  static ObjectNode json(Grip grip) {
    return Json.object()
        .put("grip_id", grip.getGripId())
        .put("excerpt", grip.getExcerpt())
        .put("event_id_start", grip.getEventIdStart())
        .put("event_id_end", grip.getEventIdEnd())
        .put("timestamp_ms", grip.getTimestampMs())
        .put("source", grip.getSource());
  }
}
