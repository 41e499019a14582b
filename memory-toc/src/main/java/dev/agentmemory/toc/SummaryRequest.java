package dev.agentmemory.toc;

import java.util.List;

/**
 * What to summarize.
 *
 * @param nodeId the segment being summarized
 * @param events its events, in session order
 * @param context the tail of the previous segment of the session, for continuity (not to cite)
 * @param weights how distinctive each term is across the whole store
 */
public record SummaryRequest(String nodeId, List<SummaryEvent> events, List<SummaryEvent> context, TermWeights weights) {
  public SummaryRequest {
    events = List.copyOf(events);
    context = List.copyOf(context);
  }
}
