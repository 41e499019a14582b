package dev.agentmemory.daemon;

import dev.agentmemory.hook.Redactor;
import java.util.List;

/**
 * What ingest applies to every event besides validation.
 *
 * @param maxTextBytes largest text accepted (UTF-8 bytes)
 * @param defaultAgent agent recorded on events that arrive without one (empty: none)
 * @param redactor removes secrets from text and metadata before anything is stored
 */
public record IngestPolicy(long maxTextBytes, String defaultAgent, Redactor redactor) {

  /** No default agent, no redaction: for tests of the plain event log. */
  public static IngestPolicy plain(long maxTextBytes) {
    return new IngestPolicy(maxTextBytes, "", new Redactor(false, List.of(), List.of()));
  }
}
