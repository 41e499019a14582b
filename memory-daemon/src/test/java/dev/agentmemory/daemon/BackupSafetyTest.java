package dev.agentmemory.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmemory.daemon.backup.Backups;
import dev.agentmemory.domain.InvalidArgumentException;
import dev.agentmemory.storage.FileTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backups cannot be turned against their user: where they are written, what pruning deletes. */
class BackupSafetyTest {
  @TempDir Path tmp;

  @Test
  void shouldTakeOnlyDestinationsInsideTheBackupDirectory() throws Exception {
    Path backups = Files.createDirectories(tmp.resolve("backups"));
    Files.createSymbolicLink(backups.resolve("out"), tmp);

    assertThat(Backups.destinationWithin(backups, "weekly")).isEqualTo(backups.resolve("weekly"));
    assertThat(Backups.destinationWithin(backups, backups.resolve("a/b").toString())).isEqualTo(backups.resolve("a/b"));
    assertThatThrownBy(() -> Backups.destinationWithin(backups, "/etc")).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("outside backup.dir");
    assertThatThrownBy(() -> Backups.destinationWithin(backups, "../elsewhere")).hasMessageContaining("outside backup.dir");
    assertThatThrownBy(() -> Backups.destinationWithin(backups, "out/x")).hasMessageContaining("link");
  }

  @Test
  void shouldPruneOnlyMarkedBackups_neverThroughALink() throws Exception {
    // given: a file of the user outside the backups, an interrupted backup of ours whose db
    // directory was swapped for a link to it, and a directory of the right name we never wrote
    Path precious = Files.createDirectories(tmp.resolve("home"));
    Files.writeString(precious.resolve("thesis.tex"), "years of work");
    Path backups = Files.createDirectories(tmp.resolve("backups"));
    Path interrupted = Files.createDirectories(backups.resolve("20260101-000000"));
    Files.writeString(interrupted.resolve("backup.started"), "{}");
    Files.createSymbolicLink(interrupted.resolve("db"), precious);
    Path unmarked = Files.createDirectories(backups.resolve("20260102-000000"));
    Files.writeString(unmarked.resolve("notes.txt"), "not ours");

    // when
    List<Path> removed = Backups.prune(backups, 1, backups.resolve("none"));

    // then
    assertThat(removed).containsExactly(interrupted);
    assertThat(interrupted).doesNotExist();
    assertThat(precious.resolve("thesis.tex")).hasContent("years of work");
    assertThat(unmarked.resolve("notes.txt")).exists();
  }

  @Test
  void shouldDeleteATreeWithoutFollowingItsLinks() throws Exception {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("keep.txt"), "keep");
    Path tree = Files.createDirectories(tmp.resolve("tree/a/b"));
    Files.writeString(tree.resolve("file"), "x");
    Files.createSymbolicLink(tree.resolve("link-to-dir"), outside);
    Files.createSymbolicLink(tree.resolve("link-to-file"), outside.resolve("keep.txt"));

    FileTrees.delete(tmp.resolve("tree"));

    assertThat(tmp.resolve("tree")).doesNotExist();
    assertThat(outside.resolve("keep.txt")).hasContent("keep");
  }

  @Test
  void shouldRefuseADestinationOfAnotherKindOrALink() throws Exception {
    Path real = Files.createDirectories(tmp.resolve("real"));
    Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
    Path file = Files.writeString(tmp.resolve("file"), "x");

    assertThatThrownBy(() -> Backups.requireOwnDirectory(link)).hasMessageContaining("is a link");
    assertThatThrownBy(() -> Backups.requireOwnDirectory(file)).hasMessageContaining("is a file");
    assertThat(Backups.requireOwnDirectory(real)).isEqualTo(real);
  }
}
