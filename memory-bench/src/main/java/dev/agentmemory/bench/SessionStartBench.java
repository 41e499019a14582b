package dev.agentmemory.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.f4b6a3.ulid.UlidCreator;
import dev.agentmemory.proto.Event;
import dev.agentmemory.proto.EventRole;
import dev.agentmemory.proto.EventType;
import dev.agentmemory.proto.IngestEventsRequest;
import dev.agentmemory.proto.MemoryServiceGrpc;
import dev.agentmemory.toc.TokenCounter;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code memory-bench session-start [--launcher PATH] [--sessions FILE] [--max-tokens N]}: what a new session is
 * told of its project's past. A daemon on an empty store takes a labelled set of sessions
 * (default: the bundled {@code session-start/billing-svc.json}, eight sessions of one project over
 * a week), and once its session-start file for that project is settled, the bench prints it and
 * measures: how many of the labelled phrases (what was decided or found, what was left open) the
 * block carries (of all sessions, and of those the token budget let in), whether a lifecycle
 * record ("Session started/ended") shows, and its size in cl100k tokens. Runs against any build's
 * launcher, so that versions can be compared.
 */
final class SessionStartBench {
  private static final String DEFAULT_SESSIONS = "session-start/billing-svc.json";
  private static final Duration SETTLED = Duration.ofSeconds(3);
  private static final DateTimeFormatter START = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  private SessionStartBench() {}

  static void main(String[] args) throws Exception {
    List<String> options = Arrays.asList(args);
    Path launcher = LoadCommand.launcher(options);
    String sessionsFile = LoadCommand.value(options, "--sessions", "");
    String maxTokens = LoadCommand.value(options, "--max-tokens", "600");
    JsonNode labelled = new ObjectMapper().readTree(sessionsFile.isEmpty() ? bundled() : Files.readString(Path.of(sessionsFile)));
    String project = labelled.get("project").asText();
    Path home = Files.createTempDirectory("memory-bench-session-start");
    try (DaemonUnderTest daemon = DaemonUnderTest.start(launcher, home, home.resolve("db"),
        Map.of("MEMORY_SEARCH_VECTORS", "false", "MEMORY_CONTEXT_MAX_TOKENS", maxTokens, "MEMORY_TIMEZONE", "UTC"))) {
      Metadata header = new Metadata();
      header.put(Metadata.Key.of("x-memory-project", Metadata.ASCII_STRING_MARSHALLER), project);
      MemoryServiceGrpc.MemoryServiceBlockingStub memory = MemoryServiceGrpc.newBlockingStub(daemon.channel())
          .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(header));
      List<Event> events = events(labelled.get("sessions"));
      memory.ingestEvents(IngestEventsRequest.newBuilder().addAllEvents(events).build());
      String block = settledBlock(home.resolve("data/agent-memory/context").resolve(project + ".md"));
      report(labelled.get("sessions"), events, block);
    } finally {
      LocomoSummaryEval.deleteRecursively(home);
    }
  }

  private static String bundled() throws IOException {
    try (InputStream in = SessionStartBench.class.getClassLoader().getResourceAsStream(DEFAULT_SESSIONS)) {
      if (in == null) {
        throw new IllegalStateException("Expected " + DEFAULT_SESSIONS + " on the class path, but it is not there");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * Every session's events, a minute apart from its start ("day" days back from today, UTC); the
   * whole set is moved a day back when its last event would lie in the future.
   */
  static List<Event> events(JsonNode sessions) {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    long lastMs = 0;
    for (JsonNode session : sessions) {
      lastMs = Math.max(lastMs, startMs(session, today) + session.get("events").size() * 60_000L);
    }
    LocalDate anchor = lastMs > System.currentTimeMillis() ? today.minusDays(1) : today;
    List<Event> events = new ArrayList<>();
    int number = 0;
    for (JsonNode session : sessions) {
      long at = startMs(session, anchor);
      number++;
      for (JsonNode event : session.get("events")) {
        events.add(event(event.get(0).asText(), event.get(1).asText(), "bench-session-" + number, at));
        at += 60_000;
      }
    }
    return events;
  }

  private static long startMs(JsonNode session, LocalDate anchor) {
    return anchor.plusDays(session.get("day").asLong()).atTime(LocalTime.parse(session.get("start").asText()))
        .toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  private static Event event(String kind, String text, String session, long timestampMs) {
    EventType type;
    EventRole role;
    switch (kind) {
      case "start" -> { type = EventType.EVENT_TYPE_SESSION_START; role = EventRole.EVENT_ROLE_SYSTEM; }
      case "end" -> { type = EventType.EVENT_TYPE_SESSION_END; role = EventRole.EVENT_ROLE_SYSTEM; }
      case "user" -> { type = EventType.EVENT_TYPE_USER_MESSAGE; role = EventRole.EVENT_ROLE_USER; }
      case "assistant" -> { type = EventType.EVENT_TYPE_ASSISTANT_STOP; role = EventRole.EVENT_ROLE_ASSISTANT; }
      case "tool", "tool_failed" -> { type = EventType.EVENT_TYPE_TOOL_RESULT; role = EventRole.EVENT_ROLE_TOOL; }
      default -> throw new IllegalArgumentException("Unknown event kind '" + kind
          + "'; expected start, end, user, assistant, tool or tool_failed");
    }
    return Event.newBuilder().setEventId(UlidCreator.getMonotonicUlid().toString()).setSessionId(session)
        .setTimestampMs(timestampMs).setEventType(type).setRole(role).setText(text).setAgent("claude").build();
  }

  /** The session-start file once it exists and has not changed for {@link #SETTLED}. */
  private static String settledBlock(Path file) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    String last = null;
    long sameSince = System.nanoTime();
    while (System.nanoTime() < deadline) {
      String now = Files.exists(file) ? Files.readString(file) : null;
      if (now != null && now.equals(last) && System.nanoTime() - sameSince >= SETTLED.toNanos()) {
        return now;
      }
      if (now == null || !now.equals(last)) {
        last = now;
        sameSince = System.nanoTime();
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("Expected the daemon to write " + file + " within 2 minutes, but "
        + (last == null ? "it did not" : "it kept changing"));
  }

  /** Prints the block and what it carries; a session is in it when its start ("yyyy-MM-dd HH:mm-") is. */
  private static void report(JsonNode sessions, List<Event> events, String block) {
    String text = block.toLowerCase(Locale.ROOT);
    int[] all = new int[2];
    int[] shown = new int[2];
    int sessionsShown = 0;
    int sessionsWhole = 0;
    List<String> missed = new ArrayList<>();
    for (int i = 0; i < sessions.size(); i++) {
      String sessionId = "bench-session-" + (i + 1);
      long startMs = events.stream().filter(e -> e.getSessionId().equals(sessionId)).mapToLong(Event::getTimestampMs)
          .min().orElseThrow();
      boolean inBlock = block.contains(START.format(Instant.ofEpochMilli(startMs)) + "-");
      sessionsShown += inBlock ? 1 : 0;
      boolean whole = true;
      for (JsonNode phrase : sessions.get(i).get("carry")) {
        boolean carried = text.contains(phrase.asText().toLowerCase(Locale.ROOT));
        count(all, carried);
        if (inBlock) {
          count(shown, carried);
        }
        if (!carried) {
          whole = false;
          missed.add(phrase.asText() + (inBlock ? "" : " (session not in the block)"));
        }
      }
      sessionsWhole += whole ? 1 : 0;
    }
    boolean lifecycle = text.contains("session started") || text.contains("session ended");
    System.out.println(block);
    System.out.printf("labelled phrases carried: %d of %d; of the %d sessions in the block (of %d): %d of %d; "
        + "sessions with all their phrases: %d%n", all[0], all[1], sessionsShown, sessions.size(), shown[0], shown[1],
        sessionsWhole);
    System.out.printf("missed: %s%n", missed.isEmpty() ? "none" : String.join("; ", missed));
    System.out.printf("lifecycle records shown: %s; words cut (…): %d%n", lifecycle ? "yes" : "no",
        block.chars().filter(c -> c == '…').count());
    System.out.printf("block: %d cl100k tokens, %d characters, %d lines%n", TokenCounter.shared().count(block),
        block.length(), block.split("\n").length);
  }

  /** {carried, labelled} */
  private static void count(int[] tally, boolean carried) {
    tally[0] += carried ? 1 : 0;
    tally[1]++;
  }
}
