package dev.agentmemory.daemon.operations;

/**
 * How far a search-index rebuild is: {@code done} of {@code total} events; the finished one says
 * how many units still wait for their vectors (computed by the daemon in the background).
 */
public record IndexRebuildProgress(long done, long total, boolean finished, long pendingVectors) {}
