package dev.agentmemory.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmemory.storage.Checkpoint;
import dev.agentmemory.storage.MemoryStore;
import dev.agentmemory.storage.FileTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stores written by earlier builds: upgraded at start (a copy kept), a newer format refused. */
class UpgradeIT {
  /** Written by commit 9c810ec, before formats were recorded (see the README beside it). */
  private static final Path FORMAT_0 = Path.of("src", "test", "resources", "stores", "format0-db").toAbsolutePath();

  @TempDir Path tmp;
  private DaemonProcess daemon;

  @BeforeEach
  void sandbox() throws Exception {
    assertThat(FORMAT_0.resolve("CURRENT")).as("test input").exists();
    daemon = new DaemonProcess(tmp);
    FileTrees.copy(FORMAT_0, daemon.db);
  }

  @AfterEach
  void cleanUp() {
    daemon.stopQuietly();
  }

  @Test
  void shouldUpgradeAStoreOfAnEarlierBuildAtStart_keepingACopy() throws Exception {
    // when
    daemon.start();
    DaemonProcess.Result stats = daemon.run("admin", "stats", "--project", "legacy-app", "--json");
    DaemonProcess.Result status = daemon.run("status");
    DaemonProcess.Result search = daemon.run("search", "quarterly VAT report", "--project", "legacy-app", "--mode", "bm25");

    // then
    assertThat(stats.out()).contains("\"events\" : 10", "\"store_format\" : 1");
    assertThat(status.out()).contains("Store format: 1");
    assertThat(search.out()).contains("Legacy prompt 5 about the **quarterly** **VAT** **report**");
    List<Path> copies;
    try (Stream<Path> beside = Files.list(tmp)) {
      copies = beside.filter(p -> p.getFileName().toString().startsWith("db.pre-upgrade-")).toList();
    }
    assertThat(copies).hasSize(1);
    assertThat(copies.get(0).resolve("db/projects/legacy-app/CURRENT")).as("the store that held events").exists();
    assertThat(daemon.logs()).contains("Upgraded the store", "from format 0 to 1");
  }

  @Test
  void shouldRefuseAStoreOfANewerFormat_namingBothVersions() throws Exception {
    // given: the store as a release of format 99 would leave it
    try (MemoryStore store = MemoryStore.open(daemon.db)) {
      store.checkpoints().put(Checkpoint.STORE_FORMAT, 99L);
    }

    // when
    DaemonProcess.Result start = daemon.run("start", "--port", "0", "--db-path", daemon.db.toString());
    DaemonProcess.Result migrate = daemon.run("admin", "migrate", "--db-path", daemon.db.toString());

    // then
    assertThat(start.exitCode()).isNotZero();
    assertThat(start.out() + start.err()).contains("is in format 99", "format 1", "newer release");
    assertThat(migrate.exitCode()).isNotZero();
    assertThat(migrate.err()).contains("is in format 99");
  }

  @Test
  void shouldUpgradeByAdminMigrate_withTheDaemonStopped() throws Exception {
    // when
    DaemonProcess.Result migrate = daemon.run("admin", "migrate", "--db-path", daemon.db.toString());
    DaemonProcess.Result again = daemon.run("admin", "migrate", "--db-path", daemon.db.toString());

    // then
    assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
    assertThat(migrate.out()).contains("project legacy-app", "format 1", "Every store is in format 1");
    assertThat(again.exitCode()).isZero();
    try (Stream<Path> beside = Files.list(tmp)) {
      assertThat(beside.filter(p -> p.getFileName().toString().startsWith("db.pre-upgrade-")).count())
          .as("only the first run had something to upgrade").isEqualTo(1);
    }
  }
}
