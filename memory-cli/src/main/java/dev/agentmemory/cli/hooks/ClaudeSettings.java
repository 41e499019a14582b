package dev.agentmemory.cli.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentmemory.cli.CliException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A Claude Code settings file and the memory hook entries in it. Only the entries whose command
 * runs {@code memory-daemon hook} are ours; everything else in the file belongs to the user and is
 * kept as it is (order included).
 */
final class ClaudeSettings {
  /** The events the hook captures; tool events get the matcher "*". */
  static final List<String> EVENTS = List.of("SessionStart", "UserPromptSubmit", "PostToolUse", "PostToolUseFailure",
      "Stop", "SubagentStart", "SubagentStop", "PreCompact", "SessionEnd");
  private static final List<String> TOOL_EVENTS = List.of("PostToolUse", "PostToolUseFailure");
  private static final int TIMEOUT_SECONDS = 10;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path file;
  private final ObjectNode root;

  private ClaudeSettings(Path file, ObjectNode root) {
    this.file = file;
    this.root = root;
  }

  static ClaudeSettings read(Path file) {
    if (!Files.exists(file)) {
      return new ClaudeSettings(file, JSON.createObjectNode());
    }
    try {
      String text = Files.readString(file);
      JsonNode node = text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
      if (!(node instanceof ObjectNode object)) {
        throw new CliException(file + " does not hold a JSON object; fix it or move it aside, then try again");
      }
      return new ClaudeSettings(file, object);
    } catch (IOException e) {
      throw new CliException(file + " is not valid JSON (" + e.getMessage() + "); fix it, then try again");
    }
  }

  Path file() {
    return file;
  }

  /** True for a hook command of ours: it runs {@code memory-daemon hook}. */
  static boolean isOurs(String command) {
    String trimmed = command.trim();
    return trimmed.endsWith(" hook") && trimmed.contains("memory-daemon");
  }

  /** Adds our entry to every event that lacks one (or updates its command); returns the events changed. */
  List<String> install(String command) {
    List<String> changed = new ArrayList<>();
    ObjectNode hooks = root.has("hooks") && root.get("hooks").isObject() ? (ObjectNode) root.get("hooks") : root.putObject("hooks");
    for (String event : EVENTS) {
      ArrayNode groups = hooks.has(event) && hooks.get(event).isArray() ? (ArrayNode) hooks.get(event) : hooks.putArray(event);
      ObjectNode existing = ourEntry(groups);
      if (existing != null) {
        if (!existing.path("command").asText().equals(command)) {
          existing.put("command", command);
          changed.add(event);
        }
        continue;
      }
      ObjectNode group = groups.addObject();
      if (TOOL_EVENTS.contains(event)) {
        group.put("matcher", "*");
      }
      group.putArray("hooks").addObject().put("type", "command").put("command", command).put("timeout", TIMEOUT_SECONDS);
      changed.add(event);
    }
    return changed;
  }

  /** Removes our entries, and the groups, event lists and hooks object left empty by that. */
  List<String> uninstall() {
    List<String> changed = new ArrayList<>();
    if (!(root.get("hooks") instanceof ObjectNode hooks)) {
      return changed;
    }
    for (Iterator<String> events = hooks.fieldNames(); events.hasNext(); ) {
      String event = events.next();
      if (!(hooks.get(event) instanceof ArrayNode groups)) {
        continue;
      }
      boolean removed = false;
      for (Iterator<JsonNode> g = groups.elements(); g.hasNext(); ) {
        JsonNode group = g.next();
        if (!(group.get("hooks") instanceof ArrayNode entries)) {
          continue;
        }
        int before = entries.size();
        for (Iterator<JsonNode> e = entries.elements(); e.hasNext(); ) {
          if (isOurs(e.next().path("command").asText(""))) {
            e.remove();
          }
        }
        if (entries.size() != before) {
          removed = true;
          if (entries.isEmpty()) {
            g.remove();
          }
        }
      }
      if (removed) {
        changed.add(event);
        if (groups.isEmpty()) {
          events.remove();
        }
      }
    }
    if (hooks.isEmpty() && !changed.isEmpty()) {
      root.remove("hooks");
    }
    return changed;
  }

  /** The events that run our hook. */
  List<String> installedEvents() {
    List<String> events = new ArrayList<>();
    if (root.get("hooks") instanceof ObjectNode hooks) {
      hooks.fieldNames().forEachRemaining(event -> {
        if (hooks.get(event) instanceof ArrayNode groups && ourEntry(groups) != null) {
          events.add(event);
        }
      });
    }
    return events;
  }

  String render() {
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException("Rendering JSON cannot fail", e);
    }
  }

  /** Saves the file (atomically), first copying the original to a timestamped backup; returns it. */
  Path save() {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path backup = null;
      if (Files.exists(file)) {
        backup = file.resolveSibling(file.getFileName() + ".bak-"
            + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.copy(file, backup, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
      }
      Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".settings", ".tmp");
      Files.writeString(temp, render());
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return backup;
    } catch (IOException e) {
      throw new CliException("Cannot write " + file + ": " + e.getMessage());
    }
  }

  private static ObjectNode ourEntry(ArrayNode groups) {
    for (JsonNode group : groups) {
      if (group.get("hooks") instanceof ArrayNode entries) {
        for (JsonNode entry : entries) {
          if (entry instanceof ObjectNode object && isOurs(object.path("command").asText(""))) {
            return object;
          }
        }
      }
    }
    return null;
  }
}
