package dev.agentmemory.daemon.config;

/** The configuration is invalid; the message names the key, where it came from, and the fix. */
public class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
