package dev.agentmemory.cli.admin;

import dev.agentmemory.daemon.EventService;
import dev.agentmemory.daemon.ProjectStore;
import dev.agentmemory.storage.Closeables;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The stores an offline import writes to, opened (created if needed) on first use, as the daemon
 * opens them, and held with their locks until closed, so no daemon starts on them meanwhile.
 */
final class OfflineStores implements AutoCloseable {
  private final AdminCommand admin;
  private final Map<Path, EventService> open = new HashMap<>();
  private final Closeables resources = new Closeables();

  OfflineStores(AdminCommand admin) {
    this.admin = admin;
    // an import is the one admin command that may make a store (another machine, a new store): the
    // default store first, so the projects' stores it makes sit in a store every command can open
    events("");
  }

  /** The event service of {@code project}'s store (blank, or unified mode: the default store). */
  EventService events(String project) {
    return open.computeIfAbsent(admin.storeOf(project), dir -> openStore(project, dir));
  }

  private EventService openStore(String project, Path dir) {
    ProjectStore store = resources.register(admin.openOffline(project, dir));
    return store.events();
  }

  @Override
  public void close() {
    resources.closeUnchecked("Expected to close the imported stores cleanly");
  }
}
