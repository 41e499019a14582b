package dev.agentmemory.daemon.grpc;

import dev.agentmemory.daemon.NodeSearch;
import dev.agentmemory.daemon.ProjectStore;
import dev.agentmemory.daemon.Projects;
import dev.agentmemory.daemon.SearchService;
import dev.agentmemory.daemon.operations.MemoryOperations;
import dev.agentmemory.domain.InvalidArgumentException;
import dev.agentmemory.proto.GetVectorIndexStatusRequest;
import dev.agentmemory.proto.HybridSearchRequest;
import dev.agentmemory.proto.HybridSearchResponse;
import dev.agentmemory.proto.RebuildIndexProgress;
import dev.agentmemory.proto.RebuildIndexRequest;
import dev.agentmemory.proto.SearchChildrenRequest;
import dev.agentmemory.proto.SearchChildrenResponse;
import dev.agentmemory.proto.SearchNodeRequest;
import dev.agentmemory.proto.SearchNodeResponse;
import dev.agentmemory.proto.SearchNodeResult;
import dev.agentmemory.proto.SearchResponse;
import dev.agentmemory.proto.TeleportSearchRequest;
import dev.agentmemory.proto.TeleportSearchResponse;
import dev.agentmemory.proto.TeleportSearchResult;
import dev.agentmemory.proto.TocLevel;
import dev.agentmemory.proto.VectorIndexStatus;
import dev.agentmemory.proto.VectorTeleportRequest;
import dev.agentmemory.proto.VectorTeleportResponse;
import dev.agentmemory.search.SearchAnswer;
import dev.agentmemory.search.SearchRequest;
import dev.agentmemory.search.StoreSearch;
import io.grpc.stub.StreamObserver;
import java.util.Optional;
import java.util.Set;

/** Search: the Search RPC, the established search RPCs (search-protocol.md), node search, index status and rebuild. */
final class SearchRpcs {
  private final Projects projects;
  private final SearchService search;
  private final MemoryOperations operations;

  SearchRpcs(Projects projects, SearchService search, MemoryOperations operations) {
    this.projects = projects;
    this.search = search;
    this.operations = operations;
  }

  void search(dev.agentmemory.proto.SearchRequest request, StreamObserver<SearchResponse> response) {
    Calls.unary("Search", response, () -> SearchMapper.response(
        search.searchWithModelStage(SearchMapper.query(request, ProjectHeader.current()))));
  }

  void hybridSearch(HybridSearchRequest request, StreamObserver<HybridSearchResponse> response) {
    Calls.unary("HybridSearch", response, () -> {
      float weight = request.hasBm25Weight() ? request.getBm25Weight()
          : request.hasVectorWeight() ? 1 - request.getVectorWeight() : SearchRequest.DEFAULT_BM25_WEIGHT;
      SearchAnswer answer = search.search(new SearchService.Query(request.getQuery(),
          SearchMapper.mode(request.getMode(), "mode"), SearchRequest.Fusion.WEIGHTED, specCount(request.getTopK()),
          Optional.of(weight), SearchMapper.start(request.hasTimeFilter(), request.getTimeFilter()),
          SearchMapper.end(request.hasTimeFilter(), request.getTimeFilter()), agent(request.hasAgentFilter(),
          request.getAgentFilter()), SearchMapper.types(request.getTarget(), ALL_TYPES), 0f, ProjectHeader.current(),
          false));
      HybridSearchResponse.Builder answerProto = HybridSearchResponse.newBuilder()
          .setModeUsed(SearchMapper.mode(answer.modeUsed()))
          .setBm25Available(answer.bm25Available())
          .setVectorAvailable(answer.vectorAvailable());
      answer.hits().forEach(hit -> answerProto.addMatches(SearchMapper.vectorMatch(hit)));
      return answerProto.build();
    });
  }

  void vectorTeleport(VectorTeleportRequest request, StreamObserver<VectorTeleportResponse> response) {
    Calls.unary("VectorTeleport", response, () -> {
      if (request.getMinScore() < 0 || request.getMinScore() > 1) {
        throw new InvalidArgumentException(
            "min_score must be between 0 and 1, got " + request.getMinScore());
      }
      SearchAnswer answer = search.search(new SearchService.Query(request.getQuery(), SearchRequest.Mode.VECTOR,
          SearchRequest.Fusion.WEIGHTED, specCount(request.getTopK()), Optional.empty(),
          SearchMapper.start(request.hasTimeFilter(), request.getTimeFilter()),
          SearchMapper.end(request.hasTimeFilter(), request.getTimeFilter()),
          agent(request.hasAgentFilter(), request.getAgentFilter()), SearchMapper.types(request.getTarget(), ALL_TYPES),
          request.getMinScore(), ProjectHeader.current(), false));
      VectorTeleportResponse.Builder answerProto = VectorTeleportResponse.newBuilder()
          .setIndexStatus(vectorStatus());
      answer.hits().forEach(hit -> answerProto.addMatches(SearchMapper.vectorMatch(hit)));
      return answerProto.build();
    });
  }

  void teleportSearch(TeleportSearchRequest request, StreamObserver<TeleportSearchResponse> response) {
    Calls.unary("TeleportSearch", response, () -> {
      SearchAnswer answer = search.search(new SearchService.Query(request.getQuery(), SearchRequest.Mode.BM25,
          SearchRequest.Fusion.WEIGHTED, specCount(request.getLimit()), Optional.empty(), Optional.empty(), Optional.empty(),
          agent(request.hasAgentFilter(), request.getAgentFilter()), SearchMapper.types(request.getDocType()), 0f,
          ProjectHeader.current(), false));
      TeleportSearchResponse.Builder answerProto = TeleportSearchResponse.newBuilder().setTotalDocs(answer.totalDocs());
      answer.hits().forEach(hit -> {
        TeleportSearchResult.Builder result = TeleportSearchResult.newBuilder()
            .setDocId(hit.docId())
            .setDocType(SearchMapper.docType(hit.type()))
            .setScore(hit.score())
            .setTimestampMs(hit.timestampMs());
        if (!hit.agent().isEmpty()) {
          result.setAgent(hit.agent());
        }
        answerProto.addResults(result);
      });
      return answerProto.build();
    });
  }

  void getVectorIndexStatus(GetVectorIndexStatusRequest request, StreamObserver<VectorIndexStatus> response) {
    Calls.unary("GetVectorIndexStatus", response, this::vectorStatus);
  }

  void searchNode(SearchNodeRequest request, StreamObserver<SearchNodeResponse> response) {
    Calls.unary("SearchNode", response, () -> {
      // search-protocol.md: an empty query finds nothing; an unknown node is not an error
      SearchNodeResponse.Builder answer = SearchNodeResponse.newBuilder().setNodeId(request.getNodeId());
      new NodeSearch(ProjectHeader.store(projects).store()).inNode(request.getNodeId(), request.getQuery(),
          SearchMapper.fields(request.getFieldsList(), "fields"), request.getLimit(), request.getTokenBudget()).ifPresent(result -> {
            answer.setLevel(TocMapper.level(result.node().level()));
            answer.setMatched(!result.matches().isEmpty());
            result.matches().forEach(match -> answer.addMatches(SearchMapper.match(match)));
          });
      return answer.build();
    });
  }

  void searchChildren(SearchChildrenRequest request, StreamObserver<SearchChildrenResponse> response) {
    Calls.unary("SearchChildren", response, () -> {
      if (request.getChildLevel() == TocLevel.UNRECOGNIZED) {
        throw new InvalidArgumentException(
            "child_level " + request.getChildLevelValue() + " is not a TocLevel (0-5)");
      }
      NodeSearch.Page page = new NodeSearch(ProjectHeader.store(projects).store()).inChildren(request.getParentId(),
          TocMapper.level(request.getChildLevel()), request.getQuery(),
          SearchMapper.fields(request.getFieldsList(), "fields"), request.getLimit(), request.getTokenBudget());
      SearchChildrenResponse.Builder answer = SearchChildrenResponse.newBuilder().setHasMore(page.hasMore());
      page.results().forEach(result -> {
        SearchNodeResult.Builder node = SearchNodeResult.newBuilder()
            .setNodeId(result.node().nodeId())
            .setTitle(result.node().title())
            .setLevel(TocMapper.level(result.node().level()))
            .setRelevanceScore(result.score());
        result.matches().forEach(match -> node.addMatches(SearchMapper.match(match)));
        answer.addResults(node);
      });
      return answer.build();
    });
  }

  void rebuildIndex(RebuildIndexRequest request, StreamObserver<RebuildIndexProgress> response) {
    try {
      operations.rebuildIndex(ProjectHeader.current(), SearchService.rebuildKeepsVectors(request.getType()),
          progress -> response.onNext(RebuildMessages.of(progress)));
      response.onCompleted();
    } catch (RuntimeException e) {
      response.onError(GrpcErrors.toStatus("RebuildIndex", e));
    }
  }

  private VectorIndexStatus vectorStatus() {
    ProjectStore store = ProjectHeader.store(projects);
    VectorIndexStatus.Builder status = VectorIndexStatus.newBuilder()
        .setDimension(384)
        .setModelStatus(search.modelStatus())
        .setAvailable(search.modelStatus().equals("ready"));
    store.search().ifPresent(index -> {
      StoreSearch.Stats stats = index.stats();
      status.setVectorCount(stats.vectors()).setSizeBytes(stats.sizeBytes())
          .setIndexPath(StoreSearch.directoryOf(store.store()).toString());
    });
    return status.build();
  }

  private static final Set<String> ALL_TYPES = Set.of("event", "toc_node", "grip");

  /**
   * top_k or limit of the established search RPCs: search-protocol.md says existing clients rely
   * on the default for any value {@code <= 0}, so a negative one is the default there (the
   * Search RPC, new, refuses it).
   */
  private static int specCount(int requested) {
    return Math.max(0, requested);
  }

  private static Optional<String> agent(boolean has, String agent) {
    return has && !agent.isBlank() ? Optional.of(agent) : Optional.empty();
  }
}
