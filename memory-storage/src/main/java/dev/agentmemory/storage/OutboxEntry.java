package dev.agentmemory.storage;

/**
 * Work item written with each new event, for the TOC builder to consume in sequence order.
 *
 * @param sequence position in the outbox, increasing in write order
 * @param eventKey the event it announces
 */
public record OutboxEntry(long sequence, EventKey eventKey) {}
