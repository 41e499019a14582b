package dev.agentmemory.storage;

/**
 * An excerpt of the event log supporting a bullet: the events from {@code eventIdStart} to
 * {@code eventIdEnd} of one session, at {@code timestampMs}, cited by node {@code source}.
 */
public record Grip(
    String gripId, String excerpt, String eventIdStart, String eventIdEnd, long timestampMs, String source) {}
