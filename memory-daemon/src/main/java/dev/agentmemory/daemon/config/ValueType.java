package dev.agentmemory.daemon.config;

import dev.agentmemory.hook.Platform;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.quartz.CronExpression;

/** How a configuration value is written and checked. {@link #parse} throws with the reason. */
sealed interface ValueType {
  /** The typed value, or an {@link IllegalArgumentException} saying what a valid one looks like. */
  Object parse(String raw, Platform platform);

  /** Any string. */
  record Text() implements ValueType {
    @Override
    public Object parse(String raw, Platform platform) {
      return raw.trim();
    }
  }

  /** A non-empty host name or address. */
  record Host() implements ValueType {
    @Override
    public Object parse(String raw, Platform platform) {
      String host = raw.trim();
      if (host.isEmpty() || host.contains(" ") || host.contains("/")) {
        throw new IllegalArgumentException("expected a host name or IP address such as 127.0.0.1");
      }
      return host;
    }
  }

  /** A TCP port; 0 asks the system for a free one. */
  record Port() implements ValueType {
    @Override
    public Object parse(String raw, Platform platform) {
      try {
        int port = Integer.parseInt(raw.trim());
        if (port >= 0 && port <= 65535) {
          return port;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException("expected a port number between 0 and 65535");
    }
  }

  /** A file system path; a leading {@code ~} means the home directory. */
  record FilePath() implements ValueType {
    @Override
    public Object parse(String raw, Platform platform) {
      String path = raw.trim();
      if (path.isEmpty()) {
        throw new IllegalArgumentException("expected a directory path");
      }
      if (path.equals("~")) {
        return platform.home();
      }
      if (path.startsWith("~/") || path.startsWith("~\\")) {
        return platform.home().resolve(path.substring(2));
      }
      return Path.of(path).toAbsolutePath().normalize();
    }
  }

  /** A path as {@link FilePath} reads it, or "off" (empty) for none. */
  record PathOrOff() implements ValueType {
    @Override
    public Object parse(String raw, Platform platform) {
      if (raw.isBlank() || raw.trim().equalsIgnoreCase("off")) {
        return Optional.empty();
      }
      return Optional.of((Path) new FilePath().parse(raw, platform));
    }
  }

  /** One of a fixed set of lower-case words. */
  record Choice(List<String> allowed) implements ValueType {
    @Override
    public Object parse(String raw, Platform platform) {
      String value = raw.trim().toLowerCase(Locale.ROOT);
      if (!allowed.contains(value)) {
        throw new IllegalArgumentException("expected one of " + String.join(", ", allowed));
      }
      return value;
    }
  }

  /** A whole number within bounds. */
  record Count(long min, long max) implements ValueType {
    @Override
    public Object parse(String raw, Platform platform) {
      try {
        long value = Long.parseLong(raw.trim());
        if (value >= min && value <= max) {
          return value;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException("expected a whole number between " + min + " and " + max);
    }
  }

  /** A duration: a number with a unit, ms, s, m or h ("30m", "2s", "1500ms"). */
  record Span(Duration min, Duration max) implements ValueType {
    private static final Pattern SPAN = Pattern.compile("(\\d+)\\s*(ms|s|m|h)", Pattern.CASE_INSENSITIVE);

    @Override
    public Object parse(String raw, Platform platform) {
      Matcher matcher = SPAN.matcher(raw.trim());
      if (matcher.matches()) {
        try {
          long number = Long.parseLong(matcher.group(1));
          Duration value = switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
            case "ms" -> Duration.ofMillis(number);
            case "s" -> Duration.ofSeconds(number);
            case "m" -> Duration.ofMinutes(number);
            default -> Duration.ofHours(number);
          };
          if (value.compareTo(min) >= 0 && value.compareTo(max) <= 0) {
            return value;
          }
        } catch (ArithmeticException | NumberFormatException e) {
          // reported below
        }
      }
      throw new IllegalArgumentException("expected a duration between " + describe(min) + " and " + describe(max)
          + " written with a unit: 1500ms, 2s, 30m, 1h");
    }

    private static String describe(Duration duration) {
      return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }
  }

  /** A Quartz cron expression: seconds minutes hours day-of-month month day-of-week [year]. */
  record Cron() implements ValueType {
    @Override
    public Object parse(String raw, Platform platform) {
      String value = raw.trim();
      if (!CronExpression.isValidExpression(value)) {
        throw new IllegalArgumentException(
            "expected a cron expression with seconds first, such as \"0 0 1 * * ?\" (01:00 daily) or "
                + "\"0 0 2 ? * SUN\" (02:00 on Sundays)");
      }
      return value;
    }
  }

  /** true or false. */
  record Bool() implements ValueType {
    @Override
    public Object parse(String raw, Platform platform) {
      String value = raw.trim().toLowerCase(Locale.ROOT);
      if (value.equals("true") || value.equals("false")) {
        return Boolean.valueOf(value);
      }
      throw new IllegalArgumentException("expected true or false");
    }
  }

  /**
   * A list of regular expressions: a TOML array of strings, or in an environment variable one per
   * line. Each must compile.
   */
  record Patterns() implements ValueType {
    @Override
    public Object parse(String raw, Platform platform) {
      List<String> patterns = raw.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
      for (String pattern : patterns) {
        try {
          Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
          throw new IllegalArgumentException("'" + pattern + "' is not a regular expression: " + e.getDescription());
        }
      }
      return patterns;
    }
  }

  /** An http or https URL, or empty. */
  record Url() implements ValueType {
    @Override
    public Object parse(String raw, Platform platform) {
      String value = raw.trim();
      if (value.isEmpty()) {
        return value;
      }
      try {
        URI uri = new URI(value);
        if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
          return value;
        }
      } catch (URISyntaxException e) {
        // reported below
      }
      throw new IllegalArgumentException("expected an http(s) URL such as http://localhost:11434/v1");
    }
  }

  /** An IANA time zone such as Europe/Paris; empty means the system's zone. */
  record Zone() implements ValueType {
    @Override
    public Object parse(String raw, Platform platform) {
      String value = raw.trim();
      if (value.isEmpty()) {
        return ZoneId.systemDefault();
      }
      try {
        return ZoneId.of(value);
      } catch (DateTimeException e) {
        throw new IllegalArgumentException("expected a time zone such as Europe/Paris, America/New_York or UTC");
      }
    }
  }

  /** A size in bytes: a number with an optional unit (KiB, MiB, KB, MB, k, m). */
  record Size(long min, long max) implements ValueType {
    private static final Pattern SIZE =
        Pattern.compile("(\\d+)\\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?", Pattern.CASE_INSENSITIVE);

    @Override
    public Object parse(String raw, Platform platform) {
      Matcher matcher = SIZE.matcher(raw.trim());
      if (matcher.matches()) {
        try {
          long number = Long.parseLong(matcher.group(1));
          String unit = matcher.group(2) == null ? "b" : matcher.group(2).toLowerCase(Locale.ROOT);
          long bytes = switch (unit.charAt(0)) {
            case 'k' -> Math.multiplyExact(number, 1024L);
            case 'm' -> Math.multiplyExact(number, 1024L * 1024);
            case 'g' -> Math.multiplyExact(number, 1024L * 1024 * 1024);
            default -> number;
          };
          if (bytes >= min && bytes <= max) {
            return bytes;
          }
        } catch (ArithmeticException | NumberFormatException e) {
          // reported below
        }
      }
      throw new IllegalArgumentException(
          "expected a size between " + min + " bytes and " + (max / (1024 * 1024)) + " MiB, such as 64MiB, 1GiB or 524288");
    }
  }
}
