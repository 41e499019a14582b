package dev.agentmemory.search;

import java.util.List;

/**
 * One result: an event (or a node or grip), with what is needed to read the evidence around it.
 *
 * @param docId the event, node or grip id
 * @param type "event", "toc_node" or "grip"
 * @param score 0..1, higher is better
 * @param snippet the best part of the text, matched words marked **like this**
 * @param preview the start of the text, unmarked
 * @param nodeId the segment node to open with {@code query node} (the node itself for a node)
 * @param gripIds grips of that segment that cite this event, to open with {@code query expand}
 * @param project the project whose store holds it (empty: the default store)
 */
public record SearchHit(String docId, String type, float score, long timestampMs, String sessionId, String agent,
    int role, String snippet, String preview, String nodeId, List<String> gripIds, String project) {

  public SearchHit withProject(String name) {
    return new SearchHit(docId, type, score, timestampMs, sessionId, agent, role, snippet, preview, nodeId, gripIds,
        name);
  }
}
