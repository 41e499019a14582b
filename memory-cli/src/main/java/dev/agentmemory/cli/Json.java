package dev.agentmemory.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;

/**
 * The CLI's --json output. The mapper is made on first print only: building one loads hundreds of
 * classes, a tenth of a second that commands printing text should not pay.
 */
public final class Json {
  private Json() {}

  private static final class Mapper {
    static final ObjectMapper INSTANCE = new ObjectMapper();
  }

  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  public static ArrayNode array() {
    return JsonNodeFactory.instance.arrayNode();
  }

  /** Prints {@code json} pretty, as --json asks. */
  public static void print(PrintWriter out, JsonNode json) {
    try {
      out.println(Mapper.INSTANCE.writerWithDefaultPrettyPrinter().writeValueAsString(json));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Expected to print JSON, but " + e.getMessage(), e);
    }
  }
}
