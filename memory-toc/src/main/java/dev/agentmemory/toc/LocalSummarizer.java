package dev.agentmemory.toc;

import dev.agentmemory.event.EventRole;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The default summarizer: deterministic, offline and extractive. Terms are weighted by their
 * frequency in the segment and their rarity in the whole store (tf-idf); statements are scored by
 * the weight of their terms, their author and cue words of requests, decisions, findings and
 * fixes; bullets are the best statements chosen to overlap little, in the order they were said.
 */
public final class LocalSummarizer implements Summarizer {
  private static final int MAX_KEYWORDS = 7;
  private static final int MIN_KEYWORDS = 3;
  private static final int MAX_BULLETS = 5;
  private static final int SENTENCES_PER_EVENT = 12;
  // Bullets are chosen among the best statements only: a long segment has hundreds.
  private static final int POOL = 40;
  private static final int MIN_BULLETS = 3;
  private static final int TITLE_WORDS = 8;
  private static final int TITLE_CHARS = 70;
  // Words that mark requests, decisions, findings and fixes: statements worth a bullet.
  private static final Set<String> CUES = Set.of(
      "please", "can", "could", "want", "need", "let's", "implement", "fix", "add", "decided", "decide", "we'll",
      "i'll", "going", "should", "instead", "found", "problem", "issue", "because", "cause", "turns", "error",
      "exception", "fail", "failed", "fails", "bug", "fixed", "resolved", "changed", "updated", "added",
      "passes", "plan", "planning", "started", "finished", "decision", "works");
  private static final List<String> OUTPUT_MARKERS =
      List.of("error", "exception", "fail", "denied", "not found", "cannot", "refused", "timed out", "passed", "success");
  private static final Pattern REDACTED = Pattern.compile("\\[REDACTED:[^\\]]*\\]");
  private static final Pattern FILLER = Pattern.compile(
      "^(?i)(hey|hi|hello|ok|okay|so|well|now|great|thanks|please|can you|could you|would you|i want to|"
          + "i'd like to|i need to|let's|we need to|help me)[,!.]?\\s+");

  @Override
  public Summary summarize(SummaryRequest request) {
    List<SummaryEvent> events = content(request.events());
    TermStats stats = TermStats.of(events);
    Map<String, Double> weights = stats.weights(request.weights());
    Map<String, String> surface = stats.surface();
    List<Candidate> candidates = candidates(events, weights);
    List<Candidate> chosen = choose(candidates);
    List<Summary.Bullet> bullets = new ArrayList<>();
    StringBuilder summary = new StringBuilder();
    for (Candidate candidate : chosen) {
      String text = candidate.attributed();
      bullets.add(new Summary.Bullet(text, candidate.sentence(), candidate.event().eventId(), candidate.event().eventId()));
      summary.append(summary.isEmpty() ? "" : " ").append(asSentence(text));
    }
    List<String> keywords = keywords(weights, surface);
    return new Summary(title(candidates, keywords), summary.isEmpty() ? null : summary.toString(), bullets, keywords);
  }

  /**
   * What was said: lifecycle records (session started or ended, compaction, notifications) make
   * no title, bullet or keyword while anything else is there ("Session ended (reason: other)" was
   * a segment's title); a segment of nothing else is summarized from them.
   */
  private static List<SummaryEvent> content(List<SummaryEvent> events) {
    List<SummaryEvent> said = events.stream().filter(event -> event.role() != EventRole.SYSTEM.number()).toList();
    return said.isEmpty() ? events : said;
  }

  /**
   * Term frequencies and spellings of a segment, from one pass over its words. A term is shown
   * as first written with a capital inside (InvoiceService, BigDecimal), else as first written.
   */
  private record TermStats(Map<String, Integer> frequency, Map<String, String> surface) {
    static TermStats of(List<SummaryEvent> events) {
      Map<String, Integer> frequency = new LinkedHashMap<>();
      Map<String, String> surface = new HashMap<>();
      for (SummaryEvent event : events) {
        // "[REDACTED:aws-access-key]" says a secret was there, not what the segment is about
        for (String word : Texts.words(REDACTED.matcher(event.text()).replaceAll(" "))) {
          String term = Texts.normalize(word);
          if (term != null) {
            frequency.merge(term, 1, Integer::sum);
            String known = surface.get(term);
            if (known == null || (!hasInnerCapital(known) && hasInnerCapital(word))) {
              surface.put(term, word);
            }
          }
        }
      }
      return new TermStats(frequency, surface);
    }

    private static boolean hasInnerCapital(String word) {
      for (int i = 1; i < word.length(); i++) {
        if (Character.isUpperCase(word.charAt(i))) {
          return true;
        }
      }
      return false;
    }

    /** tf-idf weight of every term, in order of first appearance. */
    Map<String, Double> weights(TermWeights idf) {
      Map<String, Double> weights = new LinkedHashMap<>();
      frequency.forEach((term, tf) -> weights.put(term, (1 + Math.log(tf)) * idf.idf(term)));
      return weights;
    }
  }

  private static List<String> keywords(Map<String, Double> weights, Map<String, String> surface) {
    List<Map.Entry<String, Double>> ranked = new ArrayList<>(weights.entrySet());
    ranked.sort(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
    List<String> keywords = new ArrayList<>();
    double top = ranked.isEmpty() ? 0 : ranked.get(0).getValue();
    for (Map.Entry<String, Double> entry : ranked) {
      if (keywords.size() == MAX_KEYWORDS || (keywords.size() >= MIN_KEYWORDS && entry.getValue() < top * 0.35)) {
        break;
      }
      keywords.add(surface.getOrDefault(entry.getKey(), entry.getKey()));
    }
    return keywords;
  }

  private static List<Candidate> candidates(List<SummaryEvent> events, Map<String, Double> weights) {
    List<Candidate> candidates = new ArrayList<>();
    for (SummaryEvent event : events) {
      String text = event.role() == EventRole.TOOL.number() ? notableLines(event.text()) : event.text();
      List<String> sentences = Sentences.split(text);
      // The opening statements of a message carry its point; a long answer's tail rarely adds a bullet.
      for (String sentence : sentences.subList(0, Math.min(sentences.size(), SENTENCES_PER_EVENT))) {
        List<String> words = Texts.words(sentence);
        Set<String> terms = new LinkedHashSet<>();
        boolean cue = false;
        for (String word : words) {
          String term = Texts.normalize(word);
          if (term != null) {
            terms.add(term);
          }
          cue = cue || CUES.contains(word.toLowerCase(Locale.ROOT));
        }
        if (terms.isEmpty()) {
          continue;
        }
        double weight = 0;
        for (String term : terms) {
          weight += weights.getOrDefault(term, 0.0);
        }
        double score = weight / Math.sqrt(words.size()) * roleFactor(event.role()) * (cue ? 1.25 : 1.0);
        candidates.add(new Candidate(candidates.size(), event, sentence, terms, score));
      }
    }
    return candidates;
  }

  /**
   * Greedy selection by score, discounted by overlap with what is already chosen, among the best
   * {@value #POOL} statements; returned in time order.
   */
  private static List<Candidate> choose(List<Candidate> candidates) {
    int wanted = Math.min(candidates.size(), Math.max(MIN_BULLETS, Math.min(MAX_BULLETS, (candidates.size() + 5) / 6)));
    List<Candidate> chosen = new ArrayList<>();
    List<Candidate> pool = new ArrayList<>(candidates);
    pool.sort(Comparator.comparingDouble(Candidate::score).reversed().thenComparingInt(Candidate::index));
    if (pool.size() > POOL) {
      pool = new ArrayList<>(pool.subList(0, POOL));
    }
    while (chosen.size() < wanted && !pool.isEmpty()) {
      Candidate best = null;
      double bestScore = -1;
      for (Candidate candidate : pool) {
        double score = candidate.score() * (1 - overlap(candidate, chosen));
        if (score > bestScore) {
          best = candidate;
          bestScore = score;
        }
      }
      chosen.add(best);
      pool.remove(best);
    }
    chosen.sort(Comparator.comparingInt(Candidate::index));
    return chosen;
  }

  private static double overlap(Candidate candidate, List<Candidate> chosen) {
    double max = 0;
    for (Candidate other : chosen) {
      int shared = 0;
      for (String term : candidate.terms()) {
        if (other.terms().contains(term)) {
          shared++;
        }
      }
      max = Math.max(max, (double) shared / candidate.terms().size());
    }
    return max;
  }

  /** The best statement of the user (the request), compressed to a short phrase; else keywords. */
  private static String title(List<Candidate> candidates, List<String> keywords) {
    Candidate best = null;
    for (Candidate candidate : candidates) {
      boolean user = candidate.event().role() == EventRole.USER.number();
      boolean bestIsUser = best != null && best.event().role() == EventRole.USER.number();
      if (best == null || (user && !bestIsUser) || (user == bestIsUser && candidate.score() > best.score())) {
        best = candidate;
      }
    }
    if (best != null) {
      String phrase = compress(best.sentence());
      if (!phrase.isEmpty()) {
        return phrase;
      }
    }
    return keywords.isEmpty() ? "Conversation" : String.join(", ", keywords.subList(0, Math.min(3, keywords.size())));
  }

  private static String compress(String sentence) {
    String text = sentence.replaceFirst("^(?i)(i|we|i've|we've|i'll|we'll|i'm|we're)\\s+", "");
    String previous;
    do {
      previous = text;
      text = FILLER.matcher(text).replaceFirst("");
    } while (!text.equals(previous));
    String[] words = text.split("\\s+");
    StringBuilder title = new StringBuilder();
    for (int i = 0; i < Math.min(words.length, TITLE_WORDS); i++) {
      if (title.length() + words[i].length() + 1 > TITLE_CHARS) {
        break;
      }
      title.append(title.isEmpty() ? "" : " ").append(words[i]);
      if (i >= 3 && words[i].matches(".*[,;:.!?]$")) {
        break;
      }
    }
    String result = title.toString().replaceAll("[,;:.!?…]+$", "").strip();
    // An eight-word cut can end on "and the": drop dangling little words.
    result = result.replaceAll("(?i)(\\s+(a|an|the|and|or|to|of|in|on|for|with|at|by|from|is|was|it|that|this|my|our|your))+$", "");
    return result.isEmpty() ? "" : Character.toUpperCase(result.charAt(0)) + result.substring(1);
  }

  /**
   * The lines of tool output that can make a statement: errors, failures, results. The rest
   * (code, listings, progress) still counts for keywords, but is not read for bullets.
   */
  private static String notableLines(String output) {
    String lower = output.toLowerCase(Locale.ROOT);
    TreeSet<Integer> hits = new TreeSet<>();
    for (String marker : OUTPUT_MARKERS) {
      for (int at = lower.indexOf(marker); at >= 0; at = lower.indexOf(marker, at + 1)) {
        hits.add(at);
      }
    }
    StringBuilder notable = new StringBuilder();
    int start = 0;
    while (start < output.length() && !hits.isEmpty()) {
      int end = output.indexOf('\n', start);
      if (end < 0) {
        end = output.length();
      }
      Integer hit = hits.ceiling(start);
      if (hit != null && hit < end) {
        notable.append(output, start, end).append('\n');
      }
      start = end + 1;
    }
    return notable.toString();
  }

  private static double roleFactor(int role) {
    if (role == EventRole.USER.number()) {
      return 1.2;
    }
    if (role == EventRole.TOOL.number()) {
      return 0.5;
    }
    if (role == EventRole.SYSTEM.number()) {
      return 0.6;
    }
    return 1.0;
  }

  private static String asSentence(String text) {
    return text.matches(".*[.!?…]$") ? text : text + ".";
  }

  private record Candidate(int index, SummaryEvent event, String sentence, Set<String> terms, double score) {
    /** The sentence with its speaker, when the event names one (chat imports do). */
    String attributed() {
      String speaker = event.metadata().get("speaker");
      return speaker == null || speaker.isBlank() ? sentence : speaker + ": " + sentence;
    }
  }
}
