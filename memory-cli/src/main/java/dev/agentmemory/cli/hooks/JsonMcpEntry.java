package dev.agentmemory.cli.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Our MCP server entry, named {@code agent-memory}, in an agent's JSON config: under
 * {@code container} ({@code mcpServers} for Gemini and Copilot CLI, {@code mcp} for OpenCode) as
 * that agent spells it. Only our entry is added or removed; a container we emptied goes too.
 */
final class JsonMcpEntry {
  static final String NAME = "agent-memory";

  private JsonMcpEntry() {}

  /** Adds or updates the entry; true when the tree changed. */
  static boolean install(ObjectNode root, String container, ObjectNode entry) {
    ObjectNode servers = JsonFile.object(root, container);
    if (entry.equals(servers.get(NAME))) {
      return false;
    }
    servers.set(NAME, entry);
    return true;
  }

  /** Whether an entry of ours is there (it runs memory-daemon). */
  static boolean installed(ObjectNode root, String container) {
    JsonNode entry = root.path(container).path(NAME);
    return entry.isObject() && entry.toString().contains("memory-daemon");
  }

  /** Removes our entry and the container it leaves empty; false when it was not there. */
  static boolean uninstall(ObjectNode root, String container) {
    if (!installed(root, container)) {
      return false;
    }
    ObjectNode servers = (ObjectNode) root.get(container);
    servers.remove(NAME);
    if (servers.isEmpty()) {
      root.remove(container);
    }
    return true;
  }
}
