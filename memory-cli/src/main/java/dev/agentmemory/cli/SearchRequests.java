package dev.agentmemory.cli;

import dev.agentmemory.proto.HybridMode;
import dev.agentmemory.proto.SearchRequest;
import dev.agentmemory.proto.TimeRange;
import dev.agentmemory.proto.VectorTargetType;

/**
 * The one way {@code search} and the MCP tool {@code memory_search} ask the daemon for a search:
 * modes and targets by the names the docs give them.
 */
public final class SearchRequests {
  private SearchRequests() {}

  /**
   * @param mode hybrid, bm25 or vector
   * @param target event, toc_node, grip or all
   * @param fromMs start of the time filter (0: none)
   * @param toMs end of the time filter, exclusive (0: none)
   * @param agent only what this agent captured ("" for every agent)
   */
  public static SearchRequest.Builder of(String query, String mode, String target, int top, boolean allProjects,
      long fromMs, long toMs, String agent) {
    SearchRequest.Builder request = SearchRequest.newBuilder()
        .setQuery(query)
        .setMode(switch (mode) {
          case "bm25" -> HybridMode.HYBRID_MODE_BM25_ONLY;
          case "vector" -> HybridMode.HYBRID_MODE_VECTOR_ONLY;
          case "hybrid" -> HybridMode.HYBRID_MODE_HYBRID;
          default -> throw new IllegalArgumentException("mode must be hybrid, bm25 or vector, not " + mode);
        })
        .setTarget(switch (target) {
          case "event" -> VectorTargetType.VECTOR_TARGET_TYPE_EVENT;
          case "toc_node" -> VectorTargetType.VECTOR_TARGET_TYPE_TOC_NODE;
          case "grip" -> VectorTargetType.VECTOR_TARGET_TYPE_GRIP;
          case "all" -> VectorTargetType.VECTOR_TARGET_TYPE_ALL;
          default -> throw new IllegalArgumentException("target must be event, toc_node, grip or all, not " + target);
        })
        .setTopK(top)
        .setAllProjects(allProjects)
        .setAgentFilter(agent);
    if (fromMs != 0 || toMs != 0) {
      request.setTimeFilter(TimeRange.newBuilder().setStartMs(fromMs).setEndMs(toMs));
    }
    return request;
  }
}
