package dev.agentmemory.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentmemory.event.Event;
import dev.agentmemory.storage.MemoryStore;
import dev.agentmemory.storage.SegmentState;
import dev.agentmemory.storage.TocNode;
import dev.agentmemory.toc.LocalSummarizer;
import dev.agentmemory.toc.Texts;
import dev.agentmemory.toc.TocBuilder;
import dev.agentmemory.toc.TocConfig;
import dev.agentmemory.toc.TokenCounter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Summary quality on LoCoMo: each conversation is ingested (one event per turn, the session's
 * date as its time, turns 30 s apart), the TOC is built by the local summarizer, and each
 * session's segment summaries are compared with the human reference summary. The baseline is the
 * first three sentences of the session.
 */
public final class LocomoSummaryEval {
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");
  private static final int REFERENCE_KEYWORDS = 7;

  /** ROUGE-1 F1, ROUGE-L F1 and keyword recall of one summary against its reference. */
  record Score(double rouge1, double rougeL, double keywordRecall) {}

  /** One session: our score and the baseline's. */
  record Result(String conversation, int session, Score ours, Score baseline) {}

  private LocomoSummaryEval() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: memory-bench locomo DIR [--json FILE]");
      System.exit(2);
    }
    List<Result> results = evaluate(Path.of(args[0]));
    Score ours = mean(results.stream().map(Result::ours).toList());
    Score baseline = mean(results.stream().map(Result::baseline).toList());
    System.out.printf("LoCoMo summary quality, %d sessions of %d conversations%n", results.size(),
        results.stream().map(Result::conversation).distinct().count());
    System.out.printf("%-28s %9s %9s %15s%n", "", "ROUGE-1", "ROUGE-L", "keyword recall");
    System.out.printf("%-28s %9.4f %9.4f %15.4f%n", "local summarizer", ours.rouge1(), ours.rougeL(), ours.keywordRecall());
    System.out.printf("%-28s %9.4f %9.4f %15.4f%n", "first three sentences", baseline.rouge1(), baseline.rougeL(), baseline.keywordRecall());
    if (args.length >= 3 && args[1].equals("--json")) {
      writeJson(Path.of(args[2]), results, ours, baseline);
    }
  }

  static List<Result> evaluate(Path dir) throws IOException {
    List<Result> results = new ArrayList<>();
    TokenCounter tokens = new TokenCounter();
    for (Locomo.Conversation conversation : Locomo.load(dir)) {
      Path storeDir = Files.createTempDirectory("locomo-" + conversation.id());
      try (MemoryStore store = MemoryStore.open(storeDir)) {
        TocBuilder builder = new TocBuilder(store, TocConfig.defaults(ZoneOffset.UTC), new LocalSummarizer(), tokens);
        List<Event> events = Locomo.events(conversation);
        events.forEach(store.events()::append);
        builder.apply(events, OptionalLong.empty());
        for (Locomo.Session session : conversation.sessions()) {
          if (session.referenceSummary().isBlank()) {
            continue;
          }
          results.add(new Result(conversation.id(), session.number(),
              score(ours(store, conversation, session), session.referenceSummary()),
              score(leadThree(session), session.referenceSummary())));
        }
      } finally {
        deleteRecursively(storeDir);
      }
    }
    return results;
  }

  /** The session's segment summaries and keywords, in time order. */
  private static Candidate ours(MemoryStore store, Locomo.Conversation conversation, Locomo.Session session) {
    StringBuilder text = new StringBuilder();
    List<String> keywords = new ArrayList<>();
    long day = session.start().toLocalDate().toEpochDay();
    List<SegmentState> segments = new ArrayList<>(store.tocIndex().segments(Locomo.sessionId(conversation, session), day));
    segments.sort(Comparator.comparing(SegmentState::first));
    for (SegmentState segment : segments) {
      TocNode node = store.toc().latest(segment.nodeId()).orElseThrow();
      if (node.summary() != null) {
        text.append(text.isEmpty() ? "" : " ").append(node.summary());
      }
      keywords.addAll(node.keywords());
    }
    return new Candidate(text.toString(), keywords);
  }

  private static Candidate leadThree(Locomo.Session session) {
    List<String> sentences = new ArrayList<>();
    for (Locomo.Turn turn : session.turns()) {
      for (String sentence : SENTENCE_END.split(turn.text().strip())) {
        if (sentences.size() < 3 && !sentence.isBlank()) {
          sentences.add(turn.speaker() + ": " + sentence.strip());
        }
      }
    }
    return new Candidate(String.join(" ", sentences), List.of());
  }

  private record Candidate(String text, List<String> keywords) {}

  private static Score score(Candidate candidate, String reference) {
    Set<String> candidateTerms = new LinkedHashSet<>(Texts.terms(candidate.text() + " " + String.join(" ", candidate.keywords())));
    List<String> referenceKeywords = topTerms(reference);
    long found = referenceKeywords.stream().filter(candidateTerms::contains).count();
    return new Score(Rouge.rouge1(candidate.text(), reference), Rouge.rougeL(candidate.text(), reference),
        referenceKeywords.isEmpty() ? 0 : (double) found / referenceKeywords.size());
  }

  /** The reference's most frequent content terms (first occurrence breaks ties). */
  private static List<String> topTerms(String reference) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    Texts.terms(reference).forEach(term -> counts.merge(term, 1, Integer::sum));
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(REFERENCE_KEYWORDS)
        .map(Map.Entry::getKey)
        .toList();
  }

  static Score mean(List<Score> scores) {
    return new Score(
        scores.stream().mapToDouble(Score::rouge1).average().orElse(0),
        scores.stream().mapToDouble(Score::rougeL).average().orElse(0),
        scores.stream().mapToDouble(Score::keywordRecall).average().orElse(0));
  }

  private static void writeJson(Path file, List<Result> results, Score ours, Score baseline) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    root.set("local_summarizer", json.valueToTree(ours));
    root.set("first_three_sentences", json.valueToTree(baseline));
    ArrayNode sessions = root.putArray("sessions");
    results.forEach(r -> sessions.add(json.valueToTree(r)));
    json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var files = Files.walk(dir)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
