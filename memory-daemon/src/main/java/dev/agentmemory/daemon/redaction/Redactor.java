package dev.agentmemory.daemon.redaction;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces secrets with typed markers such as {@code [REDACTED:aws-access-key]} before anything
 * is stored, indexed or summarized: API keys and tokens of the usual providers, private key
 * blocks, JWTs, passwords in URLs, and the values of secret-looking names in env files, configs
 * and query strings. Strings on the allow-list are left alone.
 */
public final class Redactor {
  /** A kind of secret and how to find it; group {@code secret} (if present) is what gets replaced. */
  private record Rule(String type, Pattern pattern) {}

  private static final String SECRET_NAME =
      "[A-Za-z0-9_.-]*(?:SECRET|TOKEN|PASSWORD|PASSWD|PASSPHRASE|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIALS?|AUTH)"
          + "[A-Za-z0-9_.-]*";

  private static final List<Rule> BUILT_IN = List.of(
      new Rule("private-key", Pattern.compile(
          "(?<secret>-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\\s\\S]*?-----END [A-Z0-9 ]*PRIVATE KEY-----)")),
      new Rule("aws-access-key", Pattern.compile("(?<secret>\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b)")),
      new Rule("github-token", Pattern.compile("(?<secret>\\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,}))")),
      new Rule("stripe-key", Pattern.compile("(?<secret>\\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,})")),
      new Rule("anthropic-key", Pattern.compile("(?<secret>\\bsk-ant-[A-Za-z0-9_-]{20,})")),
      new Rule("openai-key", Pattern.compile("(?<secret>\\bsk-(?:proj-|svcacct-)?[A-Za-z0-9_-]{20,})")),
      new Rule("slack-token", Pattern.compile("(?<secret>\\bxox[abprs]-[A-Za-z0-9-]{10,})")),
      new Rule("jwt", Pattern.compile("(?<secret>\\beyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,})")),
      new Rule("password", Pattern.compile("\\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s:/@]+:(?<secret>[^\\s@/]+)@")),
      new Rule("secret", Pattern.compile(
          "(?im)^\\s*(?:export\\s+)?" + SECRET_NAME + "\\s*[=:]\\s*[\"']?(?<secret>[^\\s\"'#]{4,})")),
      new Rule("secret", Pattern.compile(
          "(?i)\"" + SECRET_NAME + "\"\\s*:\\s*\"(?<secret>[^\"\\s]{4,})\"")),
      new Rule("secret", Pattern.compile(
          "(?i)[?&](?:access_token|token|api_key|apikey|key|secret|password|sig|signature)=(?<secret>[^&\\s#\"']{8,})")));

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
      all.add(new Rule("custom", Pattern.compile(extra)));
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
    int count = 0;
    for (Rule rule : rules) {
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
