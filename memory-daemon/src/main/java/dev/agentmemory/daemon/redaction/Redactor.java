package dev.agentmemory.daemon.redaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces secrets with typed markers such as {@code [REDACTED:aws-access-key]} before anything
 * is stored, indexed or summarized: API keys and tokens of the usual providers, private key
 * blocks, JWTs, passwords in URLs, and the values of secret-looking names in env files, configs
 * and query strings. Strings on the allow-list are left alone.
 */
public final class Redactor {
  /**
   * A kind of secret and how to find it; group {@code secret} (if present) is what gets replaced.
   * A secret always contains one of {@code hints} (lower-cased when {@code anyCase}), so a text
   * without any skips the expression: scanning every text with every expression was most of the
   * daemon's ingest cost.
   */
  private record Rule(String type, Pattern pattern, boolean anyCase, List<String> hints) {
    static Rule of(String type, String regex, String... hints) {
      return new Rule(type, Pattern.compile(regex), false, List.of(hints));
    }

    static Rule anyCase(String type, String regex, String... hints) {
      return new Rule(type, Pattern.compile(regex), true, List.of(hints));
    }

    boolean mayMatch(String text, String lowerCase) {
      if (hints.isEmpty()) {
        return true;
      }
      String haystack = anyCase ? lowerCase : text;
      for (String hint : hints) {
        if (haystack.contains(hint)) {
          return true;
        }
      }
      return false;
    }
  }

  private static final String SECRET_NAME =
      "[A-Za-z0-9_.-]*(?:SECRET|TOKEN|PASSWORD|PASSWD|PASSPHRASE|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIALS?|AUTH)"
          + "[A-Za-z0-9_.-]*";
  private static final String[] SECRET_NAME_HINTS =
      {"secret", "token", "passw", "passphrase", "apikey", "api_key", "accesskey", "access_key", "privatekey",
        "private_key", "credential", "auth"};

  private static final List<Rule> BUILT_IN = List.of(
      Rule.of("private-key",
          "(?<secret>-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\\s\\S]*?-----END [A-Z0-9 ]*PRIVATE KEY-----)",
          "PRIVATE KEY-----"),
      Rule.of("aws-access-key", "(?<secret>\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b)", "AKIA", "ASIA"),
      Rule.of("github-token", "(?<secret>\\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,}))",
          "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
      Rule.of("stripe-key", "(?<secret>\\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,})", "_live_", "_test_"),
      Rule.of("anthropic-key", "(?<secret>\\bsk-ant-[A-Za-z0-9_-]{20,})", "sk-ant-"),
      Rule.of("openai-key", "(?<secret>\\bsk-(?:proj-|svcacct-)?[A-Za-z0-9_-]{20,})", "sk-"),
      Rule.of("slack-token", "(?<secret>\\bxox[abprs]-[A-Za-z0-9-]{10,})", "xox"),
      Rule.of("jwt", "(?<secret>\\beyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,})", "eyJ"),
      Rule.of("password", "\\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s:/@]+:(?<secret>[^\\s@/]+)@", "://"),
      Rule.anyCase("secret",
          "(?im)^\\s*(?:export\\s+)?" + SECRET_NAME + "\\s*[=:]\\s*[\"']?(?<secret>[^\\s\"'#]{4,})", SECRET_NAME_HINTS),
      Rule.anyCase("secret", "(?i)\"" + SECRET_NAME + "\"\\s*:\\s*\"(?<secret>[^\"\\s]{4,})\"", SECRET_NAME_HINTS),
      Rule.anyCase("secret",
          "(?i)[?&](?:access_token|token|api_key|apikey|key|secret|password|sig|signature)=(?<secret>[^&\\s#\"']{8,})",
          "token", "key", "secret", "password", "sig"));

  private final boolean enabled;
  private final List<Rule> rules;
  private final List<Pattern> allow;

  /**
   * @param extraPatterns regular expressions of more secrets (the whole match, or group "secret")
   * @param allow regular expressions of strings never to redact
   */
  public Redactor(boolean enabled, List<String> extraPatterns, List<String> allow) {
    this.enabled = enabled;
    List<Rule> all = new ArrayList<>(BUILT_IN);
    for (String extra : extraPatterns) {
      all.add(new Rule("custom", Pattern.compile(extra), false, List.of()));
    }
    this.rules = List.copyOf(all);
    this.allow = allow.stream().map(Pattern::compile).toList();
  }

  /** The redacted text and how many secrets it held. */
  public record Result(String text, int redactions) {}

  public Result redact(String text) {
    if (!enabled || text.isEmpty()) {
      return new Result(text, 0);
    }
    String current = text;
    String lowerCase = text.toLowerCase(Locale.ROOT);
    int count = 0;
    for (Rule rule : rules) {
      if (!rule.mayMatch(current, lowerCase)) {
        continue;
      }
      Matcher matcher = rule.pattern().matcher(current);
      StringBuilder out = null;
      int last = 0;
      while (matcher.find()) {
        int start = secretStart(matcher);
        int end = secretEnd(matcher);
        String secret = current.substring(start, end);
        if (secret.startsWith("[REDACTED:") || allowed(secret)) {
          continue;
        }
        if (out == null) {
          out = new StringBuilder(current.length());
        }
        out.append(current, last, start).append("[REDACTED:").append(rule.type()).append(']');
        last = end;
        count++;
      }
      if (out != null) {
        current = out.append(current, last, current.length()).toString();
        lowerCase = current.toLowerCase(Locale.ROOT);
      }
    }
    return new Result(current, count);
  }

  private boolean allowed(String secret) {
    for (Pattern pattern : allow) {
      if (pattern.matcher(secret).matches()) {
        return true;
      }
    }
    return false;
  }

  private static int secretStart(Matcher matcher) {
    return hasSecretGroup(matcher) ? matcher.start("secret") : matcher.start();
  }

  private static int secretEnd(Matcher matcher) {
    return hasSecretGroup(matcher) ? matcher.end("secret") : matcher.end();
  }

  private static boolean hasSecretGroup(Matcher matcher) {
    try {
      return matcher.start("secret") >= 0;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
