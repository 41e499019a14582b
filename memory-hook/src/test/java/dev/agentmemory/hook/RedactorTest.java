package dev.agentmemory.hook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmemory.event.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactorTest {
  private final Redactor redactor = new Redactor(true, List.of(), List.of());

  @TempDir Path home;

  @Test
  void shouldRedactEverySecretOfTheEnvFileFixture_beforeTheHookWritesIt() throws Exception {
    // given: a tool result that read an .env file (a missing fixture fails the test)
    Path fixture = Path.of("src", "test", "resources", "claude-code", "post-tool-use-read-env.json");

    // when: the hook spools it
    Path spooled = HookMain.run(Files.newInputStream(fixture), new Platform(Platform.Os.LINUX, home, Map.of()), 1L)
        .orElseThrow();

    // then: what reached the disk holds none of its secrets, and redacting again changes nothing
    String onDisk = Files.readString(spooled);
    assertThat(onDisk).doesNotContain("tr0ub4dor", "sk_live_4eC39HqLyjWDarjtT1zdp7dcFixture", "AKIAJ7Q2FIXTURE0KEY9",
        "q8Lr2mWx9VbT4nKp7sJd3FgH6yZc1AeXfixture0", "ghp_Fx7Kq2Lm9Np4Rs6Tv8Wy1Za3Bc5De7Fg9Hi0");
    String text = Spool.read(spooled).text();
    assertThat(text).contains("[REDACTED:aws-access-key]", "[REDACTED:stripe-key]", "[REDACTED:github-token]",
        "[REDACTED:password]", "postgres://billing:[REDACTED:password]@db.internal");
    assertThat(redactor.redact(text)).isEqualTo(new Redactor.Result(text, 0));
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

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      bearer header         | curl -H "Authorization: Bearer abc123DEF456ghi789" https://api   | abc123DEF456ghi789
      basic header          | Authorization: Basic dXNlcjpwYXNzd29yZA==                        | dXNlcjpwYXNzd29yZA==
      api key header        | curl -H 'X-Api-Key: 9f8e7d6c5b4a' https://api                   | 9f8e7d6c5b4a
      private token header  | Private-Token: glxyz-123456789                                   | glxyz-123456789
      url password with /   | postgres://app:pa/ss@word@db.internal:5432/shop                  | pa/ss@word
      url password with @   | https://bob:s3@cr3t@example.com/path                             | s3@cr3t
      DB_PASS assignment    | DB_PASS=hunter2 ./migrate.sh                                     | hunter2
      MYSQL_PWD inline      | MYSQL_PWD=tr0ub4dor mysql -u root shop                           | tr0ub4dor
      password option       | pg_dump --password=s3cretpw shop                                  | s3cretpw
      password option space | mytool --db-password s3cretpw --verbose                          | s3cretpw
      cookie                | Cookie: session=8f3a9c2b7d1e4f6a; theme=dark                     | session=8f3a9c2b7d1e4f6a
      high entropy          | the deploy key is Zk4x9Qw2Lm7Np3Rt8Vy1                            | Zk4x9Qw2Lm7Np3Rt8Vy1
      secret name           | export STRIPE_WEBHOOK_SECRET=whsec_abc123                        | whsec_abc123
      """)
  void shouldRedactEachForm(String form, String text, String secret) {
    String redacted = redactor.redact(text).text();

    assertThat(redacted).as(form).doesNotContain(secret).contains("[REDACTED:");
  }

  @Test
  void shouldRedactAKeyBlockCutBeforeItsEnd() {
    String cut = "cat id_rsa\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ";

    String redacted = redactor.redact(cut).text();

    assertThat(redacted).isEqualTo("cat id_rsa\n[REDACTED:private-key]");
  }

  @Test
  void shouldKeepValuesThatAreNoSecrets() {
    String text = String.join("\n", "DEBUG=true", "PWD=/home/ann/shop", "AUTHOR=Ann", "CACHE_TOKEN_TTL=false",
        "the key is in the drawer", "if (password == null) return;", "--password-file /run/secrets/db");

    assertThat(redactor.redact(text).text()).isEqualTo(text);
  }

  @Test
  void shouldDropPrivateSpans_evenWithRedactionOff() {
    Redactor off = new Redactor(false, List.of(), List.of());

    assertThat(off.redact("fix it <private>my salary is 10k</private> today").text())
        .isEqualTo("fix it [private] today");
    assertThat(off.redact("open <PRIVATE>never closed\nsecond line").text()).isEqualTo("open [private]");
  }

  @Test
  void shouldRedactEveryStringOfAnEvent() {
    Event event = new Event("01J0000000000000000000000A",
        "session AKIAJ7Q2FIXTURE0KEY9", 1L, 2, 1, "text", Map.of("token=ghp_Fx7Kq2Lm9Np4Rs6Tv8Wy1Za3Bc5De7Fg9Hi0",
        "x"), "claude");

    Redactor.Redacted redacted = redactor.redact(event);

    assertThat(redacted.redactions()).isEqualTo(2);
    assertThat(redacted.event().sessionId()).isEqualTo("session [REDACTED:aws-access-key]");
    assertThat(redacted.event().metadata().keySet()).containsExactly("token=[REDACTED:github-token]");
  }
}
