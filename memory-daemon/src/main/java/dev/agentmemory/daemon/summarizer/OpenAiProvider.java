package dev.agentmemory.daemon.summarizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * OpenAI Chat Completions with JSON output, and every server that speaks it (Ollama, LM Studio,
 * llama.cpp, vLLM): {@code POST <base_url>/chat/completions}.
 */
final class OpenAiProvider implements LlmProvider {
  static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

  private final HttpJson http;
  private final URI endpoint;
  private final String model;
  private final Optional<String> apiKey;

  OpenAiProvider(HttpJson http, String baseUrl, String model, Optional<String> apiKey) {
    this.http = http;
    this.endpoint = URI.create(trimSlash(baseUrl) + "/chat/completions");
    this.model = model;
    this.apiKey = apiKey;
  }

  @Override
  public Completion complete(String system, String user) {
    ObjectNode body = HttpJson.JSON.createObjectNode().put("model", model).put("temperature", 0);
    body.putArray("messages")
        .add(HttpJson.JSON.createObjectNode().put("role", "system").put("content", system))
        .add(HttpJson.JSON.createObjectNode().put("role", "user").put("content", user));
    body.putObject("response_format").put("type", "json_object");
    Map<String, String> headers = new HashMap<>();
    apiKey.ifPresent(key -> headers.put("Authorization", "Bearer " + key));
    JsonNode answer = http.post(endpoint, headers, body);
    JsonNode content = answer.path("choices").path(0).path("message").path("content");
    if (!content.isTextual()) {
      throw new LlmException("the answer has no choices[0].message.content", false);
    }
    JsonNode usage = answer.path("usage");
    return new Completion(content.asText(), usage.path("prompt_tokens").asLong(), usage.path("completion_tokens").asLong());
  }

  @Override
  public String host() {
    return endpoint.getHost();
  }

  static String trimSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
