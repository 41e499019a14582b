package dev.agentmemory.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.f4b6a3.ulid.Ulid;
import dev.agentmemory.event.Event;
import dev.agentmemory.event.EventRole;
import dev.agentmemory.event.EventType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/** The LoCoMo conversations: dated sessions of turns, each session with a human-written summary. */
final class Locomo {
  private static final DateTimeFormatter SESSION_TIME = new DateTimeFormatterBuilder()
      .parseCaseInsensitive()
      .appendPattern("h:mm a 'on' d MMMM, yyyy")
      .toFormatter(Locale.ENGLISH);

  record Turn(String speaker, String diaId, String text) {}

  record Session(int number, LocalDateTime start, List<Turn> turns, String referenceSummary) {}

  /** A question with the dia_ids of the turns that hold its answer; category 5 is adversarial. */
  record Question(String text, List<String> evidence, int category) {}

  record Conversation(String id, List<Session> sessions, List<Question> questions) {}

  private Locomo() {}

  static List<Conversation> load(Path dir) throws IOException {
    List<Path> files;
    try (Stream<Path> listing = Files.list(dir)) {
      files = listing.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    List<Conversation> conversations = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (Path file : files) {
      JsonNode root = json.readTree(file.toFile());
      String id = file.getFileName().toString().replace(".json", "");
      List<Session> sessions = new ArrayList<>();
      for (int n = 1; root.has("session_" + n); n++) {
        List<Turn> turns = new ArrayList<>();
        for (JsonNode turn : root.get("session_" + n)) {
          String text = turn.path("text").asText();
          if (turn.has("blip_caption")) {
            text = text + " [shares a photo: " + turn.get("blip_caption").asText() + "]";
          }
          turns.add(new Turn(turn.path("speaker").asText(), turn.path("dia_id").asText(), text));
        }
        String summary = root.path("session_" + n + "_summary").asText("");
        LocalDateTime start = LocalDateTime.parse(root.get("session_" + n + "_date_time").asText().trim(), SESSION_TIME);
        sessions.add(new Session(n, start, turns, summary));
      }
      List<Question> questions = new ArrayList<>();
      for (JsonNode qa : root.path("qa")) {
        List<String> evidence = new ArrayList<>();
        qa.path("evidence").forEach(e -> evidence.add(e.asText()));
        questions.add(new Question(qa.path("question").asText(), evidence, qa.path("category").asInt()));
      }
      conversations.add(new Conversation(id, sessions, questions));
    }
    return conversations;
  }

  /**
   * One event per turn, in a session per LoCoMo session: the speaker and the turn's dialogue id
   * as metadata, the session's date, turns 30 s apart; the first speaker is the "user".
   */
  static List<Event> events(Conversation conversation) {
    List<Event> events = new ArrayList<>();
    Random random = new Random(conversation.id().hashCode());
    for (Session session : conversation.sessions()) {
      long start = session.start().toInstant(ZoneOffset.UTC).toEpochMilli();
      String first = session.turns().isEmpty() ? "" : session.turns().get(0).speaker();
      for (int i = 0; i < session.turns().size(); i++) {
        Turn turn = session.turns().get(i);
        long ts = start + i * 30_000L;
        byte[] entropy = new byte[10];
        random.nextBytes(entropy);
        boolean a = turn.speaker().equals(first);
        events.add(new Event(new Ulid(ts, entropy).toString(), sessionId(conversation, session), ts,
            (a ? EventType.USER_MESSAGE : EventType.ASSISTANT_MESSAGE).number(),
            (a ? EventRole.USER : EventRole.ASSISTANT).number(), turn.text(),
            Map.of("speaker", turn.speaker(), "dia_id", turn.diaId()), ""));
      }
    }
    return events;
  }

  static String sessionId(Conversation conversation, Session session) {
    return "locomo-" + conversation.id() + "-" + session.number();
  }
}
