package dev.agentmemory.cli.mcp;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reading a tool call's arguments, with errors that name the argument and what it must be. */
final class Args {
  private Args() {}

  static String text(Map<String, Object> args, String name) {
    return optionalText(args, name).orElseThrow(() -> new IllegalArgumentException(name + " is required"));
  }

  /** A non-blank string, or empty when absent (or null). */
  static Optional<String> optionalText(Map<String, Object> args, String name) {
    Object value = args.get(name);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof String text)) {
      throw new IllegalArgumentException(name + " must be a string");
    }
    return text.isBlank() ? Optional.empty() : Optional.of(text.trim());
  }

  static int integer(Map<String, Object> args, String name, int fallback, int min, int max) {
    Object value = args.get(name);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())) {
      throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max);
    }
    long whole = number.longValue();
    if (whole < min || whole > max) {
      throw new IllegalArgumentException(name + " must be from " + min + " to " + max + ", not " + whole);
    }
    return (int) whole;
  }

  static boolean bool(Map<String, Object> args, String name) {
    Object value = args.get(name);
    if (value == null) {
      return false;
    }
    if (!(value instanceof Boolean bool)) {
      throw new IllegalArgumentException(name + " must be true or false");
    }
    return bool;
  }

  static String choice(Map<String, Object> args, String name, String fallback, List<String> choices) {
    String value = optionalText(args, name).orElse(fallback);
    if (!choices.contains(value)) {
      throw new IllegalArgumentException(name + " must be one of " + String.join(", ", choices) + ", not '" + value + "'");
    }
    return value;
  }
}
