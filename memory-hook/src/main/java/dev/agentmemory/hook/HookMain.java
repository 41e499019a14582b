package dev.agentmemory.hook;

import dev.agentmemory.event.Event;
import dev.agentmemory.event.EventType;
import dev.agentmemory.files.PrivateFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code memory-daemon hook}: reads one Claude Code hook payload from stdin, writes its event to
 * the spool and exits 0. It prints nothing (Claude Code may show stdout to the model), except on
 * {@code SessionStart}: there it prints the project's memory ({@link SessionContext}), which Claude
 * Code adds to the new session's context; {@code --no-context} turns that off. It never talks to
 * the daemon: the daemon takes spooled events in continuously, so capture works whether the daemon
 * is up, slow or down, and the hook costs little more than starting a JVM.
 */
public final class HookMain {
  private static final long DEADLINE_MS = 10_000;
  /** The metadata key naming an event's project. */
  private static final String PROJECT_KEY = "project";
  /** {@code MEMORY_CAPTURE=off} in an agent's environment: that agent's sessions are not captured. */
  static final String CAPTURE_ENV = "MEMORY_CAPTURE";

  private HookMain() {}

  public static void main(String[] args) {
    startWatchdog();
    if (args.length > 0 && args[0].equals("--warm-up")) {
      warmUp();
    } else {
      List<String> options = Arrays.asList(args);
      boolean context = !options.contains(SessionContext.NO_CONTEXT);
      int at = options.indexOf("--agent");
      int eventAt = options.indexOf("--event");
      String event = eventAt >= 0 && eventAt + 1 < options.size() ? options.get(eventAt + 1) : "";
      Optional<Agent> agent = at >= 0 && at + 1 < options.size() ? Agent.named(options.get(at + 1)) : Optional.of(Agent.CLAUDE);
      String last = args.length > 0 ? args[args.length - 1].strip() : "";
      if (agent.equals(Optional.of(Agent.CODEX)) && last.startsWith("{")) {
        // Codex's legacy `notify` program: the payload is the last argument, stdin is closed
        runNotify(last, Platform.current(), System.currentTimeMillis());
      } else if (agent.isEmpty()) {
        // an installation newer than this hook: capture nothing rather than tag events wrongly
        log(Platform.current(), new IllegalArgumentException("unknown --agent " + options.get(at + 1)
            + "; this hook knows " + Arrays.toString(Agent.values()).toLowerCase(Locale.ROOT)));
      } else {
        run(System.in, Platform.current(), System.currentTimeMillis(), agent.get(), event, context ? System.out : null);
      }
    }
    System.exit(0);
  }

  /**
   * Runs the whole path on a sample payload into a throw-away spool, so that a class-data archive
   * recorded during this run holds every class a real hook loads.
   */
  static void warmUp() {
    try {
      Path home = Files.createTempDirectory("memory-hook-warm-up");
      Platform sandbox = new Platform(Platform.current().os(), home, Map.of());
      String sample = "{\"session_id\":\"warm-up\",\"hook_event_name\":\"PostToolUse\",\"cwd\":\""
          + home.toString().replace("\\", "\\\\") + "\",\"tool_name\":\"Bash\",\"tool_input\":{\"command\":\"ls\"},"
          + "\"tool_response\":{\"stdout\":\"ok\"}}";
      run(new ByteArrayInputStream(sample.getBytes(StandardCharsets.UTF_8)), sandbox, System.currentTimeMillis());
      // and a session start with memory to print, so those classes are in the archive too
      Path memory = SessionContext.file(sandbox, GitInfo.of(home).project());
      Files.createDirectories(memory.getParent());
      Files.writeString(memory, "# warm-up\n");
      String start = "{\"session_id\":\"warm-up\",\"hook_event_name\":\"SessionStart\",\"source\":\"startup\",\"cwd\":\""
          + home.toString().replace("\\", "\\\\") + "\"}";
      for (Agent agent : Agent.values()) {
        run(new ByteArrayInputStream(start.getBytes(StandardCharsets.UTF_8)), sandbox, System.currentTimeMillis(),
            agent, OutputStream.nullOutputStream());
      }
      // each dialect's tool result: ISO times (Gemini), arguments as a JSON string (Copilot), the plugin's shape
      String cwd = home.toString().replace("\\", "\\\\");
      Map<Agent, String> tools = Map.of(
          Agent.GEMINI, "{\"session_id\":\"warm-up\",\"hook_event_name\":\"AfterTool\",\"timestamp\":\"2026-11-30T10:00:00.000Z\","
              + "\"cwd\":\"" + cwd + "\",\"tool_name\":\"run_shell_command\",\"tool_input\":{\"command\":\"ls\"},"
              + "\"tool_response\":{\"llmContent\":[{\"text\":\"ok\"}],\"error\":null}}",
          Agent.COPILOT, "{\"sessionId\":\"warm-up\",\"timestamp\":1796032800000,\"cwd\":\"" + cwd + "\",\"toolName\":\"bash\","
              + "\"toolArgs\":\"{\\\"command\\\":\\\"ls\\\"}\",\"toolResult\":{\"resultType\":\"success\",\"textResultForLlm\":\"ok\"}}",
          Agent.OPENCODE, "{\"hook_event_name\":\"tool.execute.after\",\"directory\":\"" + cwd + "\",\"timestamp\":1796032800000,"
              + "\"input\":{\"tool\":\"bash\",\"sessionID\":\"warm-up\",\"callID\":\"c\"},\"args\":{\"command\":\"ls\"},"
              + "\"output\":{\"output\":\"ok\"}}");
      tools.forEach((agent, payload) -> run(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)),
          sandbox, System.currentTimeMillis(), agent, agent == Agent.COPILOT ? "postToolUse" : "", null));
      try (Stream<Path> files = Files.walk(home)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    } catch (IOException e) {
      // a warm-up that fails only means a slower archive
    }
  }

  /** Captures without printing anything; never throws. Returns the spooled file, if an event was written. */
  public static Optional<Path> run(InputStream stdin, Platform platform, long nowMs) {
    return run(stdin, platform, nowMs, Agent.CLAUDE, null);
  }

  /**
   * Does the work; never throws. Returns the spooled file, if an event was written.
   *
   * @param agent whose hook payload this is
   * @param context where a session start's memory is printed; null prints nothing
   */
  public static Optional<Path> run(InputStream stdin, Platform platform, long nowMs, Agent agent,
      OutputStream context) {
    return run(stdin, platform, nowMs, agent, "", context);
  }

  /**
   * @param eventName the event as the command line names it ({@code --event}), blank if none
   */
  public static Optional<Path> run(InputStream stdin, Platform platform, long nowMs, Agent agent, String eventName,
      OutputStream context) {
    try {
      String raw = withoutAnsiCodes(decode(stdin.readAllBytes()));
      if (raw.isBlank()) {
        return Optional.empty();
      }
      Optional<Map<String, Object>> payload = Dialects.toClaude(agent, JsonTree.parseObject(raw), eventName, platform);
      if (payload.isEmpty()) {
        return Optional.empty();
      }
      Optional<Event> event = new HookEvents(toolChars(platform), platform.env().getOrDefault(ProjectName.ENV, ""), agent)
          .map(raw, payload.get(), nowMs);
      if (event.isPresent()) {
        if (context != null && event.get().type() == EventType.SESSION_START.number()) {
          printContext(platform, event.get(), agent, context);
        }
        return capture(platform, event.get());
      }
    } catch (IOException | RuntimeException e) {
      log(platform, e);
    }
    return Optional.empty();
  }

  /**
   * Codex CLI's legacy {@code notify} payload ({@code agent-turn-complete}, kebab-case keys, one per
   * finished turn): the turn's user input and final answer, as two events. Returns the spooled
   * files; never throws.
   */
  public static List<Path> runNotify(String json, Platform platform, long nowMs) {
    List<Path> spooled = new ArrayList<>();
    try {
      HookEvents events = new HookEvents(toolChars(platform), platform.env().getOrDefault(ProjectName.ENV, ""), Agent.CODEX);
      List<Map<String, Object>> payloads = Dialects.codexNotify(JsonTree.parseObject(json));
      for (int i = 0; i < payloads.size(); i++) {
        // the user's input a moment before the answer, so the two keep their order
        Optional<Event> event = events.map(json + "#" + i, payloads.get(i), nowMs - payloads.size() + 1 + i);
        if (event.isPresent()) {
          capture(platform, event.get()).ifPresent(spooled::add);
        }
      }
    } catch (IOException | RuntimeException e) {
      log(platform, e);
    }
    return spooled;
  }

  /**
   * Writes {@code event} to the spool as the daemon would store it: redacted and cut to size, so no
   * secret and no oversize text ever reaches the disk. Nothing is written when capture is off
   * ({@value #CAPTURE_ENV}=off in the agent's environment) or the session is private.
   */
  static Optional<Path> capture(Platform platform, Event event) throws IOException {
    if ("off".equalsIgnoreCase(platform.env().getOrDefault(CAPTURE_ENV, "").trim())) {
      return Optional.empty();
    }
    PrivateSessions sessions = new PrivateSessions(platform);
    Spool spool = new Spool(platform.spoolDir());
    if (PrivateSessions.asksPrivacy(event)) {
      sessions.mark(event);
      spool.requestForget(PrivateSessions.forgetRequest(event));
      return Optional.empty();
    }
    if (sessions.isPrivate(event)) {
      return Optional.empty();
    }
    HookSettings settings = HookSettings.read(platform);
    Event safe = HookEvents.cutToBytes(settings.redactor().redact(event).event(), settings.maxEventBytes());
    return Optional.of(spool.write(safe));
  }

  /** Prints the memory of the event's project; a problem is logged, the event is still spooled. */
  private static void printContext(Platform platform, Event event, Agent agent, OutputStream out) {
    try {
      Optional<byte[]> memory = SessionContext.read(platform, event.metadata().getOrDefault(PROJECT_KEY, ""));
      Optional<String> output = memory.isPresent()
          ? agent.sessionStartOutput(new String(memory.get(), StandardCharsets.UTF_8)) : Optional.empty();
      if (output.isPresent()) {
        out.write(output.get().getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    } catch (IOException | RuntimeException e) {
      log(platform, e);
    }
  }

  /** Terminal escape sequences some agents (Copilot CLI) leave in the payload, removed. */
  static String withoutAnsiCodes(String raw) {
    return raw.indexOf('\u001B') < 0 ? raw : raw.replaceAll("\u001B\\[[0-9;?]*[ -/]*[@-~]|\u001B[@-Z\\\\-_]", "");
  }

  /** UTF-8, with invalid bytes replaced (U+FFFD) rather than losing the event. */
  static String decode(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  private static int toolChars(Platform platform) {
    try {
      return Math.max(100, Integer.parseInt(platform.env().getOrDefault("MEMORY_HOOK_TOOL_CHARS",
          Integer.toString(HookEvents.DEFAULT_TOOL_CHARS)).trim()));
    } catch (NumberFormatException e) {
      return HookEvents.DEFAULT_TOOL_CHARS;
    }
  }

  /** A hook must never hang Claude Code: whatever happens, the process ends within the deadline. */
  private static void startWatchdog() {
    Thread watchdog = new Watchdog();
    watchdog.setDaemon(true);
    watchdog.start();
  }

  /**
   * A class, not a lambda: the hook's path links no lambda or method reference, as the first one
   * costs a JVM a few milliseconds of method-handle set-up (docs/benchmarks.md#hook).
   */
  private static final class Watchdog extends Thread {
    Watchdog() {
      super("memory-hook-watchdog");
    }

    @Override
    public void run() {
      try {
        Thread.sleep(DEADLINE_MS);
      } catch (InterruptedException e) {
        return;
      }
      Runtime.getRuntime().halt(0);
    }
  }

  /** Problems go to hook.log in the log directory, never to stdout or stderr. */
  private static void log(Platform platform, Exception e) {
    try {
      Path log = PrivateFiles.createDirectories(platform.logDir()).resolve("hook.log");
      // a parser's message can quote the payload: redacted like an event
      String message = HookSettings.defaults().redactor().redact(String.valueOf(e.getMessage())).text();
      Files.writeString(log, Instant.now() + " " + e.getClass().getSimpleName() + ": " + message + "\n",
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException | RuntimeException ignored) {
      // fail open: there is nowhere left to report to
    }
  }
}
