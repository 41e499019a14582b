package dev.agentmemory.daemon.summarizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.Map;

/** Anthropic Messages API: {@code POST <base_url>/v1/messages} with its version header. */
final class AnthropicProvider implements LlmProvider {
  static final String DEFAULT_BASE_URL = "https://api.anthropic.com";
  static final String API_VERSION = "2023-06-01";
  private static final int MAX_TOKENS = 1024;

  private final HttpJson http;
  private final URI endpoint;
  private final String model;
  private final String apiKey;

  AnthropicProvider(HttpJson http, String baseUrl, String model, String apiKey) {
    this.http = http;
    this.endpoint = URI.create(OpenAiProvider.trimSlash(baseUrl) + "/v1/messages");
    this.model = model;
    this.apiKey = apiKey;
  }

  @Override
  public Completion complete(String system, String user) {
    ObjectNode body = HttpJson.JSON.createObjectNode()
        .put("model", model)
        .put("max_tokens", MAX_TOKENS)
        .put("system", system)
        .put("temperature", 0);
    body.putArray("messages").add(HttpJson.JSON.createObjectNode().put("role", "user").put("content", user));
    JsonNode answer = http.post(endpoint, Map.of("x-api-key", apiKey, "anthropic-version", API_VERSION), body);
    StringBuilder text = new StringBuilder();
    for (JsonNode block : answer.path("content")) {
      if (block.path("type").asText().equals("text")) {
        text.append(block.path("text").asText());
      }
    }
    if (text.isEmpty()) {
      throw new LlmException("the answer has no text content block", false);
    }
    JsonNode usage = answer.path("usage");
    return new Completion(text.toString(), usage.path("input_tokens").asLong(), usage.path("output_tokens").asLong());
  }

  @Override
  public String host() {
    return endpoint.getHost();
  }
}
