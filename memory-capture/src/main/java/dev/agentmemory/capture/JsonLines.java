package dev.agentmemory.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;

/** A transcript in JSON Lines, read line by line with what every importer counts. */
final class JsonLines {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What to do with one line: its value and its 1-based number in the file. */
  interface Handler {
    void take(JsonNode line, int number);
  }

  private JsonLines() {}

  /** Blank lines are passed over; every other is counted, and one that is not JSON counted as malformed. */
  static void read(BufferedReader reader, ClaudeTranscripts.Counts counts, Handler handler) throws IOException {
    String line;
    int number = 0;
    while ((line = reader.readLine()) != null) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      counts.lines++;
      JsonNode node;
      try {
        node = JSON.readTree(line);
      } catch (IOException e) {
        counts.malformed++;
        continue;
      }
      handler.take(node, number);
    }
  }
}
