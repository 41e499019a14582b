package dev.agentmemory.daemon.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {
  private final Redactor redactor = new Redactor(true, List.of(), List.of());

  @org.junit.jupiter.api.io.TempDir Path home;

  @Test
  void shouldRedactEverySecretOfTheEnvFileFixture() throws Exception {
    // the hook module's payload fixtures (a missing file fails the test)
    Path fixture = Path.of("..", "memory-hook", "src", "test", "resources", "claude-code", "post-tool-use-read-env.json");
    // the event text as the hook makes it from the payload
    Path spooled = dev.agentmemory.hook.HookMain.run(Files.newInputStream(fixture),
        new dev.agentmemory.hook.Platform(dev.agentmemory.hook.Platform.Os.LINUX, home, java.util.Map.of()), 1L).orElseThrow();
    String text = dev.agentmemory.hook.Spool.read(spooled).text();

    Redactor.Result result = redactor.redact(text);

    assertThat(result.text()).doesNotContain("tr0ub4dor", "sk_live_4eC39HqLyjWDarjtT1zdp7dcFixture", "AKIAJ7Q2FIXTURE0KEY9",
        "q8Lr2mWx9VbT4nKp7sJd3FgH6yZc1AeXfixture0", "ghp_Fx7Kq2Lm9Np4Rs6Tv8Wy1Za3Bc5De7Fg9Hi0");
    assertThat(result.text()).contains("[REDACTED:aws-access-key]", "[REDACTED:stripe-key]", "[REDACTED:github-token]",
        "[REDACTED:password]", "postgres://billing:[REDACTED:password]@db.internal");
    assertThat(result.redactions()).isGreaterThanOrEqualTo(5);
  }

  @Test
  void shouldRedactKnownTokenShapes() {
    String text = String.join("\n",
        "openai sk-proj-abcdefghijklmnopqrstuvwxyz012345",
        "anthropic sk-ant-api03-abcdefghijklmnopqrstuvwxyz",
        "slack xoxb-1234567890-abcdefghij",
        "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----",
        "export DB_PASSWORD=\"correct horse\"",
        "url https://api.example.com/v1?access_token=abcdef1234567890&x=1",
        "{\"client_secret\": \"s3cr3t-v4lue\"}");

    String redacted = redactor.redact(text).text();

    assertThat(redacted).contains("[REDACTED:openai-key]", "[REDACTED:anthropic-key]", "[REDACTED:slack-token]",
        "[REDACTED:jwt]", "[REDACTED:private-key]", "[REDACTED:secret]");
    assertThat(redacted).doesNotContain("abcdefghijklmnopqrstuvwxyz012345", "MIIEowIBAAKCAQEA", "abcdef1234567890",
        "s3cr3t-v4lue", "correct");
  }

  @Test
  void shouldLeaveOrdinaryTextAlone_andHonourTheAllowListAndTheSwitch() {
    String ordinary = "The password field is validated in LoginForm.tsx; see token.rs for the parser.";
    assertThat(redactor.redact(ordinary)).isEqualTo(new Redactor.Result(ordinary, 0));

    Redactor allowing = new Redactor(true, List.of("acme_[0-9]{6}"), List.of("sk_test_.*"));
    Redactor.Result result = allowing.redact("key sk_test_abcdefghijklmnopqrst and acme_123456");
    assertThat(result.text()).isEqualTo("key sk_test_abcdefghijklmnopqrst and [REDACTED:custom]");

    assertThat(new Redactor(false, List.of(), List.of()).redact("AKIAIOSFODNN7EXAMPLE").redactions()).isZero();
  }
}
