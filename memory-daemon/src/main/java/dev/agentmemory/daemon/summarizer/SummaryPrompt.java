package dev.agentmemory.daemon.summarizer;

import dev.agentmemory.event.EventRole;
import dev.agentmemory.toc.SummaryEvent;
import dev.agentmemory.toc.SummaryRequest;
import dev.agentmemory.toc.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The prompt for one segment, bounded: each event is cut to a prefix and the whole to a budget
 * (the head and the tail of a long segment are kept, the middle is left out and said so), so no
 * request grows without limit.
 */
final class SummaryPrompt {
  static final int MAX_EVENT_CHARS = 2_000;
  static final int MAX_PROMPT_CHARS = 24_000;
  private static final int MAX_CONTEXT_CHARS = 2_000;

  static final String SYSTEM = """
      You summarize one part of a conversation, usually between a developer and an AI coding assistant.
      Answer with a single JSON object and nothing else, in this form:
      {"title": "a short phrase naming the main topic, at most 8 words",
       "summary": "two or three sentences",
       "bullets": ["3 to 5 of the most informative statements: requests, decisions, findings, fixes; one sentence each"],
       "keywords": ["3 to 7 distinctive terms: names of files, components, tools, errors, topics"]}
      Use only what the conversation says. Do not invent names, numbers or outcomes.""";

  private SummaryPrompt() {}

  static String user(SummaryRequest request) {
    StringBuilder prompt = new StringBuilder();
    if (!request.context().isEmpty()) {
      prompt.append("Context, the end of the previous part (do not summarize it):\n");
      StringBuilder context = new StringBuilder();
      request.context().forEach(event -> context.append(line(event)));
      prompt.append(cut(context.toString(), MAX_CONTEXT_CHARS)).append("\n\n");
    }
    prompt.append("The part to summarize:\n");
    List<String> lines = new ArrayList<>();
    request.events().forEach(event -> lines.add(line(event)));
    int budget = MAX_PROMPT_CHARS - prompt.length();
    int total = lines.stream().mapToInt(String::length).sum();
    if (total <= budget) {
      lines.forEach(prompt::append);
      return prompt.toString();
    }
    int head = 0;
    int used = 0;
    while (head < lines.size() && used + lines.get(head).length() <= budget / 2) {
      used += lines.get(head++).length();
    }
    int tail = lines.size();
    while (tail > head && used + lines.get(tail - 1).length() <= budget - 80) {
      used += lines.get(--tail).length();
    }
    lines.subList(0, head).forEach(prompt::append);
    prompt.append("[... ").append(tail - head).append(" messages left out ...]\n");
    lines.subList(tail, lines.size()).forEach(prompt::append);
    return prompt.toString();
  }

  private static String line(SummaryEvent event) {
    String speaker = event.metadata().getOrDefault("speaker", role(event.role()));
    return speaker + ": " + cut(event.text().strip(), MAX_EVENT_CHARS) + "\n";
  }

  private static String role(int role) {
    for (EventRole candidate : EventRole.values()) {
      if (candidate.number() == role && candidate != EventRole.UNSPECIFIED) {
        return candidate.name().toLowerCase(Locale.ROOT);
      }
    }
    return "message";
  }

  private static String cut(String text, int max) {
    return text.length() <= max ? text : Texts.prefix(text, max) + " [...]";
  }
}
