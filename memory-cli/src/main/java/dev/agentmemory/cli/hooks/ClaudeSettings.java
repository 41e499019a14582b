package dev.agentmemory.cli.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

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
  /** The plugin's id in {@code enabledPlugins}: plugin name @ marketplace name. */
  static final String PLUGIN = "agent-memory@agent-memory";

  private final JsonFile file;
  private final ObjectNode root;

  private ClaudeSettings(JsonFile file) {
    this.file = file;
    this.root = file.root();
  }

  static ClaudeSettings read(Path file) {
    return new ClaudeSettings(JsonFile.read(file));
  }

  Path file() {
    return file.path();
  }

  /** The whole file, for agents that keep more of ours in it (Gemini CLI's mcpServers). */
  ObjectNode root() {
    return root;
  }

  /** True for a hook command of ours: it runs {@code memory-daemon hook}, perhaps with options. */
  static boolean isOurs(String command) {
    String trimmed = command.trim();
    return trimmed.contains("memory-daemon") && (trimmed.endsWith(" hook") || trimmed.contains(" hook --"));
  }

  /** Adds our entry to every event that lacks one (or updates its command); returns the events changed. */
  List<String> install(String command) {
    return install(command, EVENTS, TOOL_EVENTS, "*");
  }

  /**
   * The same for another agent whose hook file has Claude Code's shape (Codex CLI's hooks.json):
   * its events, and the matcher its tool events take ({@code ".*"}: Codex matches by regex).
   */
  List<String> install(String command, List<String> events, List<String> toolEvents, String toolMatcher) {
    return install(command, events, toolEvents, toolMatcher, TIMEOUT_SECONDS);
  }

  /** The same with the timeout in the agent's unit (Gemini CLI counts milliseconds). */
  List<String> install(String command, List<String> events, List<String> toolEvents, String toolMatcher, int timeout) {
    List<String> changed = new ArrayList<>();
    ObjectNode hooks = JsonFile.object(root, "hooks");
    for (String event : events) {
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
      if (toolEvents.contains(event)) {
        group.put("matcher", toolMatcher);
      }
      group.putArray("hooks").addObject().put("type", "command").put("command", command).put("timeout", timeout);
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

  /** The commands of our hook entries, each once. */
  List<String> installedCommands() {
    List<String> commands = new ArrayList<>();
    if (root.get("hooks") instanceof ObjectNode hooks) {
      hooks.elements().forEachRemaining(groups -> {
        if (groups instanceof ArrayNode array && ourEntry(array) != null
            && !commands.contains(ourEntry(array).path("command").asText())) {
          commands.add(ourEntry(array).path("command").asText());
        }
      });
    }
    return commands;
  }

  /** Whether the agent-memory plugin (from this repository's marketplace) is enabled in this file. */
  boolean pluginEnabled() {
    return root.path("enabledPlugins").path(PLUGIN).asBoolean(false);
  }

  String render() {
    return file.render();
  }

  /** Saves the file (atomically), first copying the original to a timestamped backup; returns it. */
  Optional<Path> save() {
    return file.save();
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
