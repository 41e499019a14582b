package dev.agentmemory.search;

/**
 * One document of the index: a chunk of an event, a TOC node or a grip, with the text it is found
 * by and what a hit on it shows.
 *
 * @param key unique per document ({@code e:<event id>:<chunk>}, {@code n:<node id>}, {@code g:<grip id>})
 * @param docId what a hit names: the event, node or grip id (chunks of one event share it)
 * @param type {@link #EVENT}, {@link #TOC_NODE} or {@link #GRIP}
 * @param text what the unit says, with who said it and when
 * @param context the neighbouring turns of its session (found by, with less weight)
 * @param body the unit's own text, for snippets
 * @param timestampMs when it happened (a node: its start)
 * @param sessionId the conversation (empty for nodes)
 * @param agent the agent that captured it (empty when unknown)
 * @param role the event's role number (0 for nodes and grips)
 * @param nodeId the segment node an event belongs to, or the node a grip supports; empty when none
 */
record Unit(String key, String docId, String type, String text, String context, String body, long timestampMs,
    String sessionId, String agent, int role, String nodeId) {
  static final String EVENT = "event";
  static final String TOC_NODE = "toc_node";
  static final String GRIP = "grip";

  /** The type of the unit whose key is {@code key}. */
  static String typeOfKey(String key) {
    return key.startsWith("e:") ? EVENT : key.startsWith("n:") ? TOC_NODE : GRIP;
  }

  /** What the embedding model reads: the unit and its context. */
  String embeddingText() {
    return context.isEmpty() ? text : text + context;
  }
}
