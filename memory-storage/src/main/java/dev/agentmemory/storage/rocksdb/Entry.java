package dev.agentmemory.storage.rocksdb;

/** A key and its value, as read from a table. */
public record Entry<K, V>(K key, V value) {}
