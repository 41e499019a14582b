package dev.agentmemory.cli.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * Our MCP server in Claude Code's {@code ~/.claude.json}, where {@code claude mcp add} puts it: at
 * user scope the top-level {@code mcpServers} (every project), at local scope
 * {@code projects.<absolute project dir>.mcpServers}. The file holds much else of the user's
 * state: only our entry is added or removed, and containers we emptied go with it.
 */
final class ClaudeMcpServers {
  static final String NAME = "agent-memory";

  private final JsonFile file;
  private final Optional<Path> project;

  private ClaudeMcpServers(JsonFile file, Optional<Path> project) {
    this.file = file;
    this.project = project;
  }

  /** @param project empty for user scope */
  static ClaudeMcpServers read(Path home, Optional<Path> project) {
    return new ClaudeMcpServers(JsonFile.read(home.resolve(".claude.json")), project);
  }

  Path path() {
    return file.path();
  }

  String scope() {
    return project.map(dir -> "local scope of " + dir).orElse("user scope");
  }

  /** Adds or updates our entry; false when it was already there as it would be written. */
  boolean install(String launcher) {
    ObjectNode scope = project.isEmpty() ? file.root()
        : JsonFile.object(JsonFile.object(file.root(), "projects"), project.get().toString());
    ObjectNode entry = JsonFile.object(scope, "mcpServers").putObject(NAME);
    entry.put("type", "stdio").put("command", launcher);
    entry.putArray("args").add("mcp");
    entry.putObject("env");
    return file.changed();
  }

  boolean installed() {
    return ours(servers()).isPresent();
  }

  /** The command our entry runs, if it is there. */
  Optional<String> command() {
    return ours(servers()).map(entry -> entry.path("command").asText());
  }

  /** Removes our entry, and the objects that only held it; false when it was not there. */
  boolean uninstall() {
    Optional<ObjectNode> servers = servers();
    if (ours(servers).isEmpty()) {
      return false;
    }
    servers.get().remove(NAME);
    if (servers.get().isEmpty()) {
      ObjectNode scope = project.isEmpty() ? file.root()
          : (ObjectNode) file.root().get("projects").get(project.get().toString());
      scope.remove("mcpServers");
      if (project.isPresent() && scope.isEmpty()) {
        ObjectNode projects = (ObjectNode) file.root().get("projects");
        projects.remove(project.get().toString());
        if (projects.isEmpty()) {
          file.root().remove("projects");
        }
      }
    }
    return true;
  }

  Optional<Path> save() {
    return file.save();
  }

  String render() {
    return file.render();
  }

  private Optional<ObjectNode> servers() {
    JsonNode scope = project.isEmpty() ? file.root() : file.root().path("projects").path(project.get().toString());
    return scope.get("mcpServers") instanceof ObjectNode servers ? Optional.of(servers) : Optional.empty();
  }

  /** Our entry: named agent-memory and running {@code memory-daemon mcp}. */
  private static Optional<JsonNode> ours(Optional<ObjectNode> servers) {
    return servers.map(s -> s.get(NAME)).filter(entry -> entry.path("command").asText("").contains("memory-daemon")
        && List.of("mcp").equals(strings(entry.path("args"))));
  }

  private static List<String> strings(JsonNode array) {
    return array.isArray() ? StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList()
        : List.of();
  }
}
