package dev.agentmemory.storage;

/**
 * What the TOC builder remembers of a segment it wrote: enough to tell whether a recomputed
 * segmentation changed it.
 *
 * @param epochDay the day (in the TOC's time zone) the segment belongs to
 * @param first its first event
 * @param last its last event
 */
public record SegmentState(
    String sessionId, long epochDay, EventKey first, EventKey last, int eventCount, int tokens, String nodeId) {}
