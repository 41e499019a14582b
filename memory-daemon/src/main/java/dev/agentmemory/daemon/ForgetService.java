package dev.agentmemory.daemon;

import dev.agentmemory.domain.NotFoundException;
import dev.agentmemory.event.Event;
import dev.agentmemory.hook.JsonTree;
import dev.agentmemory.hook.Platform;
import dev.agentmemory.hook.SessionContext;
import dev.agentmemory.hook.Spool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forget as one operation, whoever asks (gRPC, MCP, the CLI, a hook's private session): the
 * events go from the store with what was derived from them and an audit entry, and also from the
 * spool (waiting and rejected events) and the project's session-start memory file. While it runs
 * no spooled event is taken in ({@link #intake}), so none that matches can slip in between.
 */
public final class ForgetService {
  private static final Logger LOG = LoggerFactory.getLogger(ForgetService.class);

  private final Projects projects;
  private final Optional<Platform> platform;
  private final Clock clock;
  private final ReentrantLock intake = new ReentrantLock();

  /** @param platform where the spool and the session-start memory files are; empty: none (tests) */
  public ForgetService(Projects projects, Optional<Platform> platform, Clock clock) {
    this.projects = projects;
    this.platform = platform;
    this.clock = clock;
  }

  /** Held while a spooled event is taken in, and while a forget runs. */
  public ReentrantLock intake() {
    return intake;
  }

  /**
   * Forgets {@code what} (empty: the whole project) in {@code project}'s store ("" the default one).
   *
   * @throws NotFoundException when nothing matches, in the store or the spool (nothing is changed)
   */
  public Forgetting.Result forget(String project, Optional<Forgetting.Selection> what, boolean dryRun) {
    intake.lock();
    try {
      Optional<ProjectStore> store = existing(project);
      String name = store.map(ProjectStore::name).orElseGet(() -> projects.storeNameFor(project));
      Predicate<Event> matches = matcher(name, what);
      int spooled = dryRun ? countSpooled(matches, what) : removeSpooled(matches, what);
      Forgetting.Result result;
      try {
        if (store.isEmpty()) {
          throw new NotFoundException("No project named '" + project + "'. Known projects: "
              + (projects.names().isEmpty() ? "none yet" : String.join(", ", projects.names())));
        }
        result = what.isEmpty() ? projects.forgetProject(project, dryRun, clock)
            : Forgetting.forget(store.get(), what.get(), dryRun, clock);
      } catch (NotFoundException e) {
        if (spooled == 0) {
          throw e;
        }
        result = new Forgetting.Result(0, 0, 0, 0, dryRun, clock.instant() + " forgot "
            + what.map(Forgetting.Selection::describe).orElse("project " + name) + ": none stored yet");
      }
      if (!dryRun && !name.isEmpty()) {
        removeContextFile(project);
        if (what.isPresent()) {
          // the TOC changed: the daemon writes the project's memory again from what it still holds
          // (offline, nothing listens)
          store.ifPresent(ProjectStore::tocRewritten);
        }
      }
      return result.withSpooled(spooled);
    } finally {
      intake.unlock();
    }
  }

  private Optional<ProjectStore> existing(String project) {
    try {
      return Optional.of(projects.forRead(project));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  /** Carries out the requests hooks left in the spool to forget a private session. */
  public void forgetRequestedSessions() {
    if (platform.isEmpty()) {
      return;
    }
    Spool spool = new Spool(platform.get().spoolDir());
    try {
      for (Path file : spool.forgetRequests()) {
        Map<String, Object> request = JsonTree.parseObject(Files.readString(file, StandardCharsets.UTF_8));
        String session = String.valueOf(request.getOrDefault("session_id", ""));
        String project = String.valueOf(request.getOrDefault("project", ""));
        if (!session.isBlank()) {
          try {
            forget(project, Optional.of(Forgetting.Selection.of(session, "", 0)), false);
            LOG.info("Forgot the session a user marked private");
          } catch (NotFoundException e) {
            // nothing of it was stored or spooled yet
          }
        }
        Files.deleteIfExists(file);
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("Expected to forget the sessions marked private, but {}; trying again later", e.getMessage());
    }
  }

  private Predicate<Event> matcher(String storeName, Optional<Forgetting.Selection> what) {
    Predicate<Event> inStore = event -> projects.storeNameFor(event.metadata().getOrDefault(Projects.PROJECT_KEY, ""))
        .equals(storeName);
    if (what.isEmpty()) {
      return inStore;
    }
    Forgetting.Selection selection = what.get();
    if (selection.eventId().isPresent()) {
      return event -> event.eventId().equalsIgnoreCase(selection.eventId().get());
    }
    if (selection.sessionId().isPresent()) {
      return inStore.and(event -> event.sessionId().equals(selection.sessionId().get()));
    }
    return inStore.and(event -> event.timestampMs() < selection.beforeMs().orElseThrow());
  }

  private int countSpooled(Predicate<Event> matches, Optional<Forgetting.Selection> what) {
    return spooledMatching(matches, what).size();
  }

  private int removeSpooled(Predicate<Event> matches, Optional<Forgetting.Selection> what) {
    int removed = 0;
    for (Path file : spooledMatching(matches, what)) {
      try {
        Files.deleteIfExists(file);
        removed++;
      } catch (IOException e) {
        LOG.warn("Expected to remove the spooled event {}, but {}", file, e.getMessage());
      }
    }
    return removed;
  }

  /** Waiting and rejected spool files of matching events; a rejected file that cannot be read is judged by its text. */
  private List<Path> spooledMatching(Predicate<Event> matches, Optional<Forgetting.Selection> what) {
    List<Path> found = new ArrayList<>();
    if (platform.isEmpty()) {
      return found;
    }
    Spool spool = new Spool(platform.get().spoolDir());
    try {
      List<Path> files = new ArrayList<>(spool.pending());
      files.addAll(spool.rejected());
      for (Path file : files) {
        try {
          if (matches.test(Spool.read(file))) {
            found.add(file);
          }
        } catch (IOException e) {
          if (unreadableMatches(file, what)) {
            found.add(file);
          }
        }
      }
    } catch (IOException e) {
      LOG.warn("Expected to look through the spool, but {}", e.getMessage());
    }
    return found;
  }

  private static boolean unreadableMatches(Path file, Optional<Forgetting.Selection> what) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      return what.isEmpty() || what.get().sessionId().map(text::contains).orElse(false)
          || what.get().eventId().map(id -> text.toUpperCase(Locale.ROOT).contains(id)).orElse(false)
          || what.get().beforeMs().isPresent();
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private void removeContextFile(String project) {
    platform.ifPresent(where -> {
      try {
        Files.deleteIfExists(SessionContext.file(where, project));
      } catch (IOException e) {
        LOG.warn("Expected to remove the session-start memory of {}, but {}", project, e.getMessage());
      }
    });
  }
}
