package dev.agentmemory.daemon.grpc;

import dev.agentmemory.daemon.NodeSearch;
import dev.agentmemory.daemon.SearchService;
import dev.agentmemory.domain.InvalidArgumentException;
import dev.agentmemory.proto.HybridMode;
import dev.agentmemory.proto.SearchField;
import dev.agentmemory.proto.SearchFusion;
import dev.agentmemory.proto.SearchHit;
import dev.agentmemory.proto.SearchMatch;
import dev.agentmemory.proto.SearchResponse;
import dev.agentmemory.proto.TeleportDocType;
import dev.agentmemory.proto.TimeRange;
import dev.agentmemory.proto.VectorMatch;
import dev.agentmemory.proto.VectorTargetType;
import dev.agentmemory.search.SearchAnswer;
import dev.agentmemory.search.SearchRequest;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Search messages of the wire (search-protocol.md) to the domain and back. */
final class SearchMapper {
  private static final Set<String> ALL = Set.of("event", "toc_node", "grip");

  private SearchMapper() {}

  static SearchRequest.Mode mode(HybridMode mode, String field) {
    return switch (mode) {
      case HYBRID_MODE_UNSPECIFIED, HYBRID_MODE_HYBRID -> SearchRequest.Mode.HYBRID;
      case HYBRID_MODE_VECTOR_ONLY -> SearchRequest.Mode.VECTOR;
      case HYBRID_MODE_BM25_ONLY -> SearchRequest.Mode.BM25;
      case UNRECOGNIZED -> throw new InvalidArgumentException(field + " holds a value that is not a HybridMode (0-3)");
    };
  }

  static HybridMode mode(SearchRequest.Mode mode) {
    return switch (mode) {
      case HYBRID -> HybridMode.HYBRID_MODE_HYBRID;
      case VECTOR -> HybridMode.HYBRID_MODE_VECTOR_ONLY;
      case BM25 -> HybridMode.HYBRID_MODE_BM25_ONLY;
    };
  }

  static SearchRequest.Fusion fusion(SearchFusion fusion) {
    return switch (fusion) {
      case SEARCH_FUSION_UNSPECIFIED, SEARCH_FUSION_WEIGHTED -> SearchRequest.Fusion.WEIGHTED;
      case SEARCH_FUSION_RRF -> SearchRequest.Fusion.RRF;
      case UNRECOGNIZED -> throw new InvalidArgumentException("fusion holds a value that is not a SearchFusion (0-2)");
    };
  }

  /** What a target asks for; {@code unspecified} is what UNSPECIFIED means for the RPC at hand. */
  static Set<String> types(VectorTargetType target, Set<String> unspecified) {
    return switch (target) {
      case VECTOR_TARGET_TYPE_UNSPECIFIED -> unspecified;
      case VECTOR_TARGET_TYPE_TOC_NODE -> Set.of("toc_node");
      case VECTOR_TARGET_TYPE_GRIP -> Set.of("grip");
      case VECTOR_TARGET_TYPE_ALL -> ALL;
      case VECTOR_TARGET_TYPE_EVENT -> Set.of("event");
      case UNRECOGNIZED -> throw new InvalidArgumentException(
          "target holds a value that is not a VectorTargetType (0-4)");
    };
  }

  static Set<String> types(TeleportDocType type) {
    return switch (type) {
      case TELEPORT_DOC_TYPE_UNSPECIFIED -> ALL;
      case TELEPORT_DOC_TYPE_TOC_NODE -> Set.of("toc_node");
      case TELEPORT_DOC_TYPE_GRIP -> Set.of("grip");
      case UNRECOGNIZED -> throw new InvalidArgumentException(
          "doc_type holds a value that is not a TeleportDocType (0-2)");
    };
  }

  static TeleportDocType docType(String type) {
    return switch (type) {
      case "toc_node" -> TeleportDocType.TELEPORT_DOC_TYPE_TOC_NODE;
      case "grip" -> TeleportDocType.TELEPORT_DOC_TYPE_GRIP;
      default -> TeleportDocType.TELEPORT_DOC_TYPE_UNSPECIFIED;
    };
  }

  static Optional<Long> start(boolean has, TimeRange range) {
    return has && range.getStartMs() != 0 ? Optional.of(range.getStartMs()) : Optional.empty();
  }

  static Optional<Long> end(boolean has, TimeRange range) {
    return has && range.getEndMs() != 0 ? Optional.of(range.getEndMs()) : Optional.empty();
  }

  static Set<NodeSearch.Field> fields(List<SearchField> fields, String name) {
    Set<NodeSearch.Field> result = EnumSet.noneOf(NodeSearch.Field.class);
    for (SearchField field : fields) {
      result.add(switch (field) {
        case SEARCH_FIELD_TITLE -> NodeSearch.Field.TITLE;
        case SEARCH_FIELD_SUMMARY -> NodeSearch.Field.SUMMARY;
        case SEARCH_FIELD_BULLETS -> NodeSearch.Field.BULLETS;
        case SEARCH_FIELD_KEYWORDS -> NodeSearch.Field.KEYWORDS;
        case SEARCH_FIELD_UNSPECIFIED -> NodeSearch.Field.TITLE;
        case UNRECOGNIZED -> throw new InvalidArgumentException(name + " holds a value that is not a SearchField (0-4)");
      });
      if (field == SearchField.SEARCH_FIELD_UNSPECIFIED) {
        return EnumSet.allOf(NodeSearch.Field.class);
      }
    }
    return result;
  }

  static SearchMatch match(NodeSearch.Match match) {
    return SearchMatch.newBuilder()
        .setField(SearchField.forNumber(match.field().ordinal() + 1))
        .setText(match.text())
        .addAllGripIds(match.gripIds())
        .setScore(match.score())
        .build();
  }

  static VectorMatch vectorMatch(dev.agentmemory.search.SearchHit hit) {
    VectorMatch.Builder match = VectorMatch.newBuilder()
        .setDocId(hit.docId())
        .setDocType(hit.type())
        .setScore(hit.score())
        .setTextPreview(hit.preview())
        .setTimestampMs(hit.timestampMs())
        .setSessionId(hit.sessionId())
        .setNodeId(hit.nodeId())
        .addAllGripIds(hit.gripIds())
        .setSnippet(hit.snippet())
        .setProject(hit.project());
    if (!hit.agent().isEmpty()) {
      match.setAgent(hit.agent());
    }
    return match.build();
  }

  static SearchResponse response(SearchAnswer answer) {
    SearchResponse.Builder response = SearchResponse.newBuilder()
        .setModeUsed(mode(answer.modeUsed()))
        .setBm25Available(answer.bm25Available())
        .setVectorAvailable(answer.vectorAvailable());
    answer.hits().forEach(hit -> response.addHits(SearchHit.newBuilder()
        .setDocId(hit.docId())
        .setDocType(hit.type())
        .setScore(hit.score())
        .setTimestampMs(hit.timestampMs())
        .setSessionId(hit.sessionId())
        .setAgent(hit.agent())
        .setRoleValue(hit.role())
        .setSnippet(hit.snippet())
        .setPreview(hit.preview())
        .setNodeId(hit.nodeId())
        .addAllGripIds(hit.gripIds())
        .setProject(hit.project())));
    if (answer.timeFromMs().isPresent() || answer.timeToMs().isPresent()) {
      response.setTimeFilter(TimeRange.newBuilder().setStartMs(answer.timeFromMs().orElse(0L))
          .setEndMs(answer.timeToMs().orElse(0L)));
    }
    response.setSetAside(answer.setAside());
    response.setModelStage(answer.modelStage());
    answer.preferred().ifPresent(period -> response.setTimePhrase(period.phrase())
        .setTimePreference(TimeRange.newBuilder().setStartMs(period.startMs()).setEndMs(period.endMs())));
    return response.build();
  }

  /** The domain query of a Search call. */
  static SearchService.Query query(dev.agentmemory.proto.SearchRequest request, String project) {
    return new SearchService.Query(request.getQuery(), mode(request.getMode(), "mode"), fusion(request.getFusion()),
        request.getTopK(), request.hasBm25Weight() ? Optional.of(request.getBm25Weight()) : Optional.empty(),
        start(request.hasTimeFilter(), request.getTimeFilter()), end(request.hasTimeFilter(), request.getTimeFilter()),
        request.hasAgentFilter() ? Optional.of(request.getAgentFilter()) : Optional.empty(),
        types(request.getTarget(), Set.of("event")), 0f, project, request.getAllProjects());
  }
}
