package dev.agentmemory.cli.mcp;

import dev.agentmemory.cli.CliException;
import dev.agentmemory.domain.MemoryException;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The MCP tools: names, descriptions written for a model, JSON schemas, and the checks of their
 * arguments. A tool never fails the protocol: bad arguments and an unreachable daemon are tool
 * results with {@code isError} and a sentence saying what to do.
 */
final class ToolSpecs {
  static final String INSTRUCTIONS = "Long-term memory of earlier coding sessions in this project (prompts, answers, "
      + "tool results, summaries by day). Use memory_search when the user refers to earlier work or a problem may "
      + "have come up before; then memory_expand or memory_browse with the ids it returns to read the evidence.";

  private final MemoryTools tools;
  private final McpJsonMapper json;

  ToolSpecs(MemoryTools tools, McpJsonMapper json) {
    this.tools = tools;
    this.json = json;
  }

  List<SyncToolSpecification> all() {
    return List.of(
        spec("memory_search", "Search the memory of earlier sessions",
            "Search what was said and done in earlier coding sessions of this project: prompts, answers, tool "
                + "results and their summaries. Use it when the user mentions earlier work (\"last time\", \"we "
                + "decided\", \"the bug we fixed\") or an error may have been seen before. Returns the best hits with "
                + "date, role, a snippet and the ids to read more (memory_expand, memory_browse). Time words in the "
                + "query (\"last week\", \"yesterday\", \"in October\") prefer that time; since/until filter exactly. "
                + "An answer with no results means nothing matched closely enough; it says which filters applied.",
            """
            {"type": "object", "properties": {
              "query": {"type": "string", "description": "What to look for, in words (or an exact identifier or error message)."},
              "since": {"type": "string", "description": "Only from this day on, YYYY-MM-DD."},
              "until": {"type": "string", "description": "Only up to this day (inclusive), YYYY-MM-DD."},
              "limit": {"type": "integer", "minimum": 1, "maximum": 20, "description": "How many results (default 8)."},
              "mode": {"type": "string", "enum": ["hybrid", "bm25", "vector"], "description": "hybrid (default) finds words and paraphrases; bm25 exact words only; vector meaning only."},
              "all_projects": {"type": "boolean", "description": "Search every project, not just this one (default false)."},
              "agent": {"type": "string", "description": "Only what this coding agent captured: claude, codex, gemini, copilot, opencode"}
            }, "required": ["query"], "additionalProperties": false}
            """,
            args -> tools.search(Args.text(args, "query"), Args.optionalText(args, "since"),
                Args.optionalText(args, "until"), Args.integer(args, "limit", 8, 1, 20),
                Args.choice(args, "mode", "hybrid", List.of("hybrid", "bm25", "vector")),
                Args.bool(args, "all_projects"), Args.optionalText(args, "agent"))),
        spec("memory_recent", "What happened recently in this project",
            "List the recent sessions of this project, day by day (newest first): each stretch of work with its "
                + "time, title and first point, and the node ids to read it (memory_browse). Use it to pick up where "
                + "the last session left off.",
            """
            {"type": "object", "properties": {
              "days": {"type": "integer", "minimum": 1, "maximum": 31, "description": "How many days back, today included (default 7)."}
            }, "additionalProperties": false}
            """,
            args -> tools.recent(Args.integer(args, "days", 7, 1, 31))),
        spec("memory_browse", "Browse the memory's table of contents",
            "Read one node of the memory's table of contents (year, month, week, day or a stretch of a session): "
                + "its summary points with grip ids (evidence) and its children. Without node_id: the years.",
            """
            {"type": "object", "properties": {
              "node_id": {"type": "string", "description": "A node id from memory_search, memory_recent or a previous memory_browse, e.g. toc:day:2026-11-24."}
            }, "additionalProperties": false}
            """,
            args -> tools.browse(Args.optionalText(args, "node_id"))),
        spec("memory_expand", "Read the evidence: the exact events",
            "Show the exact events (prompts, answers, tool results) a grip cites, or one event, with the events "
                + "before and after it in the same session. Give grip_id or event_id (from memory_search or "
                + "memory_browse).",
            """
            {"type": "object", "properties": {
              "grip_id": {"type": "string", "description": "A grip id, grip:<13 digits>:<ULID>."},
              "event_id": {"type": "string", "description": "An event id (ULID) from memory_search."},
              "before": {"type": "integer", "minimum": 0, "maximum": 20, "description": "Events before (default 3)."},
              "after": {"type": "integer", "minimum": 0, "maximum": 20, "description": "Events after (default 3)."}
            }, "additionalProperties": false}
            """,
            args -> {
              Optional<String> grip = Args.optionalText(args, "grip_id");
              Optional<String> event = Args.optionalText(args, "event_id");
              if (grip.isPresent() == event.isPresent()) {
                throw new IllegalArgumentException("give exactly one of grip_id and event_id");
              }
              return tools.expand(grip, event, Args.integer(args, "before", 3, 0, 20), Args.integer(args, "after", 3, 0, 20));
            }),
        spec("memory_forget", "Forget part of the memory for good",
            "Remove events of this project from the memory for good, with everything derived from them "
                + "(summaries, search entries), audited. Only when the user asks to forget something (a secret "
                + "pasted by mistake, a session they do not want kept). Give exactly one of session_id, event_id, "
                + "before. Without confirm it only says what would go: show that to the user, and call again with "
                + "confirm: true once they agree. Cannot be undone.",
            """
            {"type": "object", "properties": {
              "session_id": {"type": "string", "description": "Every event of this session."},
              "event_id": {"type": "string", "description": "This one event (ULID, from memory_search)."},
              "before": {"type": "string", "description": "Every event before this day, YYYY-MM-DD."},
              "confirm": {"type": "boolean", "description": "true forgets for good; false or absent (default) only says what would go."}
            }, "additionalProperties": false}
            """,
            true,
            args -> tools.forget(Args.optionalText(args, "session_id"), Args.optionalText(args, "event_id"),
                Args.optionalText(args, "before"), Args.bool(args, "confirm"))));
  }

  private SyncToolSpecification spec(String name, String title, String description, String schema,
      Function<Map<String, Object>, String> handler) {
    return spec(name, title, description, schema, false, handler);
  }

  /**
   * @param destroys whether the tool removes memory (else it only reads): the annotations a client
   *     shows the user before the call
   */
  private SyncToolSpecification spec(String name, String title, String description, String schema, boolean destroys,
      Function<Map<String, Object>, String> handler) {
    Tool tool = Tool.builder()
        .name(name)
        .title(title)
        .description(description)
        .inputSchema(json, schema)
        .annotations(new ToolAnnotations(title, !destroys, destroys, true, false, null))
        .build();
    return SyncToolSpecification.builder()
        .tool(tool)
        .callHandler((exchange, request) -> answer(name, handler, request.arguments()))
        .build();
  }

  private static CallToolResult answer(String name, Function<Map<String, Object>, String> handler,
      Map<String, Object> arguments) {
    try {
      String text = handler.apply(arguments == null ? Map.of() : arguments);
      return CallToolResult.builder().addTextContent(text).isError(false).build();
    } catch (IllegalArgumentException e) {
      return error(name + ": " + e.getMessage() + ".");
    } catch (CliException | MemoryException e) {
      return error(e.getMessage());
    } catch (RuntimeException e) {
      return error(name + " failed: " + e);
    }
  }

  private static CallToolResult error(String text) {
    return CallToolResult.builder().addTextContent(text).isError(true).build();
  }
}
