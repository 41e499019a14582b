package dev.agentmemory.cli.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Editing Claude Code's JSON files: merged, written as Claude Code writes them, given back exactly. */
class ClaudeFilesTest {
  private static final String LAUNCHER = "/opt/agent-memory/bin/memory-daemon";

  @TempDir Path home;

  @Test
  void shouldWriteLikeJsonStringify() {
    // given
    JsonFile file = JsonFile.read(home.resolve("new.json"));
    file.root().put("a", 1).putArray("empty");
    file.root().putObject("none");
    file.root().putArray("list").add("x").add(true);

    // when
    String text = file.render();

    // then: JSON.stringify(value, null, 2) plus a final newline
    assertThat(text).isEqualTo("{\n  \"a\": 1,\n  \"empty\": [],\n  \"none\": {},\n  \"list\": [\n    \"x\",\n    true\n  ]\n}\n");
  }

  @Test
  void shouldGiveBackTheOriginalBytes_andRemoveAFileItCreated() throws Exception {
    // given: a file in a style of its own, without a final newline
    Path claude = home.resolve(".claude.json");
    String original = "{\"numStartups\" : 3, \"projects\" : {\"/work/shop\" : {\"allowedTools\" : [ ]}}}";
    Files.writeString(claude, original);
    ClaudeMcpServers user = ClaudeMcpServers.read(home, Optional.empty());
    ClaudeMcpServers local = ClaudeMcpServers.read(home, Optional.of(Path.of("/work/billing")));

    // when: installed at user scope, then at the local scope of a project, then both removed
    assertThat(user.install(LAUNCHER)).isTrue();
    user.save();
    local = ClaudeMcpServers.read(home, Optional.of(Path.of("/work/billing")));
    assertThat(local.install(LAUNCHER)).isTrue();
    local.save();
    boolean again = ClaudeMcpServers.read(home, Optional.empty()).install(LAUNCHER);
    String installed = Files.readString(claude);
    ClaudeMcpServers removeLocal = ClaudeMcpServers.read(home, Optional.of(Path.of("/work/billing")));
    assertThat(removeLocal.uninstall()).isTrue();
    removeLocal.save();
    ClaudeMcpServers removeUser = ClaudeMcpServers.read(home, Optional.empty());
    assertThat(removeUser.uninstall()).isTrue();
    removeUser.save();

    // then
    assertThat(again).as("installing twice changes nothing").isFalse();
    assertThat(installed).contains("\"mcpServers\": {", "\"/work/billing\": {", "\"args\": [\n", "\"numStartups\": 3");
    assertThat(Files.readString(claude)).isEqualTo(original);
    assertThat(ClaudeMcpServers.read(home, Optional.empty()).uninstall()).as("nothing left to remove").isFalse();

    // and a file that did not exist is gone again
    Path settings = home.resolve(".claude/settings.json");
    ClaudeSettings created = ClaudeSettings.read(settings);
    created.install(LAUNCHER + " hook");
    created.save();
    ClaudeSettings removed = ClaudeSettings.read(settings);
    assertThat(removed.uninstall()).isNotEmpty();
    removed.save();
    assertThat(settings).doesNotExist();
  }

  @Test
  void shouldInstallTheSkillWithThisLauncher_andNeverRemoveAFolderThatIsNotOurs() throws Exception {
    // given
    AgentSkill skill = AgentSkill.claude(home);

    // when
    boolean installed = skill.install(LAUNCHER);
    boolean again = skill.install(LAUNCHER);

    // then
    assertThat(installed).isTrue();
    assertThat(again).isFalse();
    assertThat(Files.readString(skill.file())).startsWith("---\nname: agent-memory\ndescription: ")
        .contains(LAUNCHER + " search \"").doesNotContain("{{");
    assertThat(skill.uninstall()).isTrue();
    assertThat(skill.file().getParent()).doesNotExist();

    // given: the user's own skill of that name
    Files.createDirectories(skill.file().getParent());
    Files.writeString(skill.file(), "---\nname: my-memory\n---\nmine");

    // then
    assertThat(skill.uninstall()).isFalse();
    assertThat(skill.file()).exists();
  }

  @Test
  void shouldRefuseAFileWithComments_sayingSo_andLeaveItAlone() throws Exception {
    // given: Gemini CLI accepts comments in its settings.json
    Path settings = home.resolve(".gemini/settings.json");
    Files.createDirectories(settings.getParent());
    String text = "{\n  // dark, always\n  \"theme\": \"GitHub\"\n}\n";
    Files.writeString(settings, text);
    Files.writeString(home.resolve("broken.json"), "{\"theme\": ");

    // then
    Assertions.assertThatThrownBy(() -> JsonFile.read(settings))
        .hasMessageContaining(settings + " has comments, which rewriting it would lose");
    Assertions.assertThatThrownBy(() -> JsonFile.read(home.resolve("broken.json")))
        .hasMessageContaining("is not valid JSON");
    assertThat(Files.readString(settings)).isEqualTo(text);
  }
}
