package dev.agentmemory.hook;

import dev.agentmemory.event.Event;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces secrets with typed markers such as {@code [REDACTED:aws-access-key]} before anything
 * is written to disk (the hook's spool) or stored, indexed or summarized (the daemon): API keys
 * and tokens of the usual providers, private key blocks (also when cut before their end), JWTs,
 * URL passwords, credential headers, command-line password options, the values of secret-looking
 * names in env files, shell commands, configs, JSON and query strings, and long random-looking
 * values after key-like words. Strings on the allow-list are left alone. {@code <private>...</private>}
 * spans are removed whatever the settings: the user said so.
 */
public final class Redactor {
  /**
   * A kind of secret and how to find it; group {@code secret} (if present) is what gets replaced
   * (with {@code randomOnly}, only when it {@link #looksRandom}). A secret always contains one of {@code hints} (lower-cased when
   * {@code anyCase}), so a text without any skips the expression: scanning every text with every
   * expression was most of the daemon's ingest cost. The expression is compiled when a text first
   * needs it: the hook starts for every event, and compiling them all cost it about 15 ms.
   */
  private record Rule(String type, LazyPattern pattern, boolean anyCase, List<String> hints, boolean randomOnly) {
    static Rule of(String type, String regex, String... hints) {
      return new Rule(type, new LazyPattern(regex), false, List.of(hints), false);
    }

    static Rule anyCase(String type, String regex, String... hints) {
      return new Rule(type, new LazyPattern(regex), true, List.of(hints), false);
    }

    Rule onlyRandom() {
      return new Rule(type, pattern, anyCase, hints, true);
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

  /** A regular expression compiled on first use (then shared: Pattern is thread-safe). */
  private static final class LazyPattern {
    private final String regex;
    private volatile Pattern compiled;

    LazyPattern(String regex) {
      this.regex = regex;
    }

    Pattern get() {
      Pattern pattern = compiled;
      if (pattern == null) {
        pattern = Pattern.compile(regex);
        compiled = pattern;
      }
      return pattern;
    }
  }

  /** A private span: everything from the tag to its end tag, or to the end when it is not closed. */
  private static final LazyPattern PRIVATE = new LazyPattern("(?is)<private>.*?(?:</private>|\\z)");
  /** What a private span becomes. */
  public static final String PRIVATE_MARKER = "[private]";
  private static final String MARKER = "[REDACTED:";

  // Names whose value is a secret: ...SECRET..., ...TOKEN..., ...PASSWORD..., DB_PASS, MYSQL_PWD,
  // API_KEY, ... (not AUTHOR, not PWD alone: that is the working directory).
  private static final String SECRET_WORDS =
      "(?:SECRET|TOKEN|PASSWORD|PASSWD|PASSPHRASE|_PASS|_PWD|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIALS?|AUTH(?!OR))";
  private static final String SECRET_NAME = "[A-Za-z0-9_.-]*" + SECRET_WORDS + "[A-Za-z0-9_.-]*";
  private static final String[] SECRET_NAME_HINTS =
      {"secret", "token", "passw", "passphrase", "_pass", "_pwd", "apikey", "api_key", "accesskey", "access_key",
        "privatekey", "private_key", "credential", "auth"};
  // A value that is a word of configuration, not a secret.
  private static final String NOT_A_LITERAL = "(?!(?:true|false|null|none|yes|no|nil|undefined)\\b)";
  private static final String KEY_WORDS = "(?:key|secret|token|password|passwd|pwd|credentials?)";

  private static final List<Rule> BUILT_IN = List.of(
      Rule.of("private-key",
          "(?<secret>-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----[\\s\\S]*?"
              + "(?:-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|\\z))",
          "PRIVATE KEY"),
      Rule.of("aws-access-key", "(?<secret>\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b)", "AKIA", "ASIA"),
      Rule.of("github-token", "(?<secret>\\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,}))",
          "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
      Rule.of("gitlab-token", "(?<secret>\\bglpat-[A-Za-z0-9_-]{20,})", "glpat-"),
      Rule.of("npm-token", "(?<secret>\\bnpm_[A-Za-z0-9]{36,})", "npm_"),
      Rule.of("google-api-key", "(?<secret>\\bAIza[0-9A-Za-z_-]{35})", "AIza"),
      Rule.of("stripe-key", "(?<secret>\\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,})", "_live_", "_test_"),
      Rule.of("anthropic-key", "(?<secret>\\bsk-ant-[A-Za-z0-9_-]{20,})", "sk-ant-"),
      Rule.of("openai-key", "(?<secret>\\bsk-(?:proj-|svcacct-)?[A-Za-z0-9_-]{20,})", "sk-"),
      Rule.of("slack-token", "(?<secret>\\bxox[abprs]-[A-Za-z0-9-]{10,})", "xox"),
      Rule.of("jwt", "(?<secret>\\beyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,})", "eyJ"),
      // Authorization: Bearer TOKEN / Basic ... / token ...: the credential, not the scheme's name
      Rule.anyCase("authorization",
          "(?i)\\b(?:proxy-)?authorization\\s*[:=]\\s*[\"']?(?:(?:bearer|basic|token|digest|apikey|key)\\s+)?"
              + "(?<secret>[^\\s\"',;]{6,})",
          "authorization"),
      Rule.anyCase("cookie", "(?i)(?<![\\w-])(?:set-)?cookie\\s*:\\s*(?<secret>[^\\r\\n\"']{6,})", "cookie"),
      // credential headers (X-Api-Key: ..., Private-Token: ..., X-Auth-Token: ...): a dashed name
      Rule.anyCase("credential-header",
          "(?i)(?<![\\w-])(?=[a-z0-9-]*(?:key|token|secret|password|auth))[a-z0-9]+(?:-[a-z0-9]+)+\\s*:\\s*[\"']?"
              + NOT_A_LITERAL + "(?<secret>[^\\s\"',;]{6,})",
          "key", "token", "secret", "password", "auth"),
      // scheme://user:PASSWORD@host, the password whatever it holds (/, @, :): up to the last @ before a host
      Rule.of("password",
          "\\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s:/@]*:(?<secret>\\S+)@(?=[A-Za-z0-9.\\[\\]-]+(?::\\d+)?(?:[/?#\\s\"'<>)]|$))",
          "://"),
      // --password=..., --db-password ..., --api-key ... (not --password-file PATH)
      Rule.anyCase("secret",
          "(?i)(?<![\\w-])--?(?:[a-z0-9]+-)*(?:password|passwd|pass|secret|token|api-?key|auth-?token)"
              + "(?!-?(?:file|path|dir|env|stdin|length|len|min|max)\\b)(?:-[a-z0-9]+)*(?:=|\\s+)[\"']?(?!-)"
              + "(?<secret>[^\\s\"']{4,})",
          "pass", "secret", "token", "key"),
      // VAR=value anywhere in a line (shell commands: MYSQL_PWD=x mysql ...): upper-case names only
      Rule.of("secret",
          "(?<![\\w.-])(?:export\\s+)?[A-Z0-9_]*" + SECRET_WORDS + "[A-Z0-9_]*\\s*=\\s*"
              + "[\"']?" + NOT_A_LITERAL + "(?<secret>[^\\s\"'#;&|]{4,})",
          "SECRET", "TOKEN", "PASS", "_PWD", "KEY", "CREDENTIAL", "AUTH"),
      // env files and configs: name = value, name: value at the start of a line, any case
      Rule.anyCase("secret",
          "(?im)^\\s*(?:export\\s+)?" + SECRET_NAME + "\\s*[=:]\\s*[\"']?" + NOT_A_LITERAL
              + "(?<secret>[^\\s\"'#]{4,})",
          SECRET_NAME_HINTS),
      Rule.anyCase("secret", "(?i)\"" + SECRET_NAME + "\"\\s*:\\s*\"" + NOT_A_LITERAL + "(?<secret>[^\"\\s]{4,})\"",
          SECRET_NAME_HINTS),
      Rule.anyCase("secret",
          "(?i)[?&](?:access_token|token|api_key|apikey|key|secret|password|sig|signature)=(?<secret>[^&\\s#\"']{8,})",
          "token", "key", "secret", "password", "sig"),
      // the key is 8f3a9c..., token: Zk4x..., "deploy_key" "AbC1..." : long and random-looking only
      Rule.anyCase("secret",
          "(?i)\\b[a-z0-9_.-]*" + KEY_WORDS + "[\"']?\\s*(?:[:=]|\\bis\\b)?\\s*[\"']?"
              + "(?<secret>[A-Za-z0-9+/_.=~-]{16,})",
          "key", "secret", "token", "passw", "pwd", "credential").onlyRandom());

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
      Pattern.compile(extra); // a bad pattern fails here, not at the first event
      all.add(new Rule("custom", new LazyPattern(extra), false, List.of(), false));
    }
    this.rules = List.copyOf(all);
    List<Pattern> allowed = new ArrayList<>();
    for (String pattern : allow) { // a loop, not a stream: the hook links no lambda (HookMain.Watchdog)
      allowed.add(Pattern.compile(pattern));
    }
    this.allow = List.copyOf(allowed);
  }

  /** The redacted text and how many secrets (and private spans) it held. */
  public record Result(String text, int redactions) {}

  /** An event with every string in it redacted, and how many secrets it held. */
  public record Redacted(Event event, int redactions) {}

  /**
   * Redacts every string of {@code event}: its text, session id, agent, and metadata keys and
   * values (a secret can hide in any of them).
   */
  public Redacted redact(Event event) {
    Result text = redact(event.text());
    Result session = redact(event.sessionId());
    Result agent = redact(event.agent());
    int count = text.redactions() + session.redactions() + agent.redactions();
    Map<String, String> metadata = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : event.metadata().entrySet()) {
      Result key = redact(entry.getKey());
      Result value = redact(entry.getValue());
      count += key.redactions() + value.redactions();
      metadata.put(key.text(), value.text());
    }
    if (count == 0) {
      return new Redacted(event, 0);
    }
    return new Redacted(new Event(event.eventId(), session.text(), event.timestampMs(), event.type(), event.role(),
        text.text(), metadata, agent.text()), count);
  }

  /**
   * How many secrets were redacted from {@code event}, by this daemon or by the hook before it
   * (the markers it holds).
   */
  public static int markersIn(Event event) {
    int count = markersIn(event.text()) + markersIn(event.sessionId()) + markersIn(event.agent());
    for (Map.Entry<String, String> entry : event.metadata().entrySet()) {
      count += markersIn(entry.getKey()) + markersIn(entry.getValue());
    }
    return count;
  }

  private static int markersIn(String text) {
    int count = 0;
    for (int at = text.indexOf(MARKER); at >= 0; at = text.indexOf(MARKER, at + MARKER.length())) {
      count++;
    }
    return count;
  }

  public Result redact(String text) {
    if (text.isEmpty()) {
      return new Result(text, 0);
    }
    String current = text;
    int count = 0;
    if (current.toLowerCase(Locale.ROOT).contains("<private>")) {
      Matcher spans = PRIVATE.get().matcher(current);
      StringBuilder out = new StringBuilder(current.length());
      while (spans.find()) {
        spans.appendReplacement(out, Matcher.quoteReplacement(PRIVATE_MARKER));
        count++;
      }
      current = spans.appendTail(out).toString();
    }
    if (!enabled) {
      return new Result(current, count);
    }
    String lowerCase = current.toLowerCase(Locale.ROOT);
    for (Rule rule : rules) {
      if (!rule.mayMatch(current, lowerCase)) {
        continue;
      }
      Matcher matcher = rule.pattern().get().matcher(current);
      StringBuilder out = null;
      int last = 0;
      while (matcher.find()) {
        int start = secretStart(matcher);
        int end = secretEnd(matcher);
        String secret = current.substring(start, end);
        if (secret.contains(MARKER) || secret.equals(PRIVATE_MARKER) || allowed(secret)
            || (rule.randomOnly() && !looksRandom(secret))) {
          continue;
        }
        if (out == null) {
          out = new StringBuilder(current.length());
        }
        out.append(current, last, start).append(MARKER).append(rule.type()).append(']');
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

  /**
   * Whether a value after a key-like word looks generated rather than written: letters and digits
   * mixed, and close to random (Shannon entropy of at least 3.5 bits per character).
   */
  static boolean looksRandom(String value) {
    boolean letter = false;
    boolean digit = false;
    int[] counts = new int[128];
    int other = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      letter |= Character.isLetter(c);
      digit |= Character.isDigit(c);
      if (c < 128) {
        counts[c]++;
      } else {
        other++;
      }
    }
    if (!letter || !digit) {
      return false;
    }
    double entropy = 0;
    for (int count : counts) {
      entropy -= count == 0 ? 0 : (double) count / value.length() * Math.log((double) count / value.length());
    }
    if (other > 0) {
      entropy -= (double) other / value.length() * Math.log((double) other / value.length());
    }
    return entropy / Math.log(2) >= 3.5;
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
