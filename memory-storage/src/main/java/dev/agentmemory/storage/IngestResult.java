package dev.agentmemory.storage;

/**
 * Outcome of appending an event.
 *
 * @param eventId the canonical id stored
 * @param created false when an event with that id was already stored (nothing was written)
 */
public record IngestResult(String eventId, boolean created) {}
