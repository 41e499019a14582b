package dev.agentmemory.daemon.summarizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmemory.daemon.config.ConfigKey;
import dev.agentmemory.daemon.config.ConfigLoader;
import dev.agentmemory.daemon.config.DaemonConfig;
import dev.agentmemory.hook.Platform;
import dev.agentmemory.storage.MemoryStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummarizersTest {
  @TempDir Path dir;

  private Summarizers.Selection select(Map<ConfigKey, String> flags, Map<String, String> env) {
    Platform platform = new Platform(Platform.Os.LINUX, dir, env);
    DaemonConfig config = new ConfigLoader(platform).load(Optional.empty(), flags);
    try (MemoryStore store = MemoryStore.open(dir.resolve("db"))) {
      return Summarizers.select(config, env, store.checkpoints(), Clock.systemUTC());
    }
  }

  @Test
  void shouldStayLocal_byDefault() {
    Summarizers.Selection selection = select(Map.of(), Map.of());

    assertThat(selection.api()).isEmpty();
    assertThat(selection.description()).isEqualTo("local");
  }

  @Test
  void shouldFallBackToLocal_whenAProviderNeedsAKeyAndHasNone() {
    assertThat(select(Map.of(ConfigKey.SUMMARIZER_PROVIDER, "openai"), Map.of()).api()).isEmpty();
    assertThat(select(Map.of(ConfigKey.SUMMARIZER_PROVIDER, "anthropic"), Map.of()).api()).isEmpty();
  }

  @Test
  void shouldUseTheKeyFromTheEnvironment() {
    Summarizers.Selection openai =
        select(Map.of(ConfigKey.SUMMARIZER_PROVIDER, "openai"), Map.of("OPENAI_API_KEY", "sk-x"));
    Summarizers.Selection anthropic = select(
        Map.of(ConfigKey.SUMMARIZER_PROVIDER, "anthropic", ConfigKey.SUMMARIZER_MODEL, "claude-test"),
        Map.of("ANTHROPIC_API_KEY", "ak-x"));

    assertThat(openai.api()).isPresent();
    assertThat(openai.description()).isEqualTo("openai (gpt-4o-mini at api.openai.com)");
    assertThat(anthropic.description()).isEqualTo("anthropic (claude-test at api.anthropic.com)");
  }

  @Test
  void shouldNotNeedAKeyForAModelOnThisMachine() {
    Summarizers.Selection ollama = select(Map.of(ConfigKey.SUMMARIZER_PROVIDER, "openai",
        ConfigKey.SUMMARIZER_BASE_URL, "http://localhost:11434/v1", ConfigKey.SUMMARIZER_MODEL, "llama3.2"), Map.of());

    assertThat(ollama.api()).isPresent();
    assertThat(ollama.description()).isEqualTo("openai (llama3.2 at localhost)");
  }
}
