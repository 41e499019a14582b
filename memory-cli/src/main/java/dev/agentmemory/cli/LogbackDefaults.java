package dev.agentmemory.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * Logback's start-up configuration, found through {@code META-INF/services}: warnings and errors to
 * stderr, nothing to stdout (query output goes there). Faster than parsing an XML file, and the
 * daemon replaces it with {@link Logging#configure} once its configuration is known.
 */
public final class LogbackDefaults extends ContextAwareBase implements Configurator {
  @Override
  public ExecutionStatus configure(LoggerContext context) {
    Logging.routeJulToSlf4j();
    Logging.installConsole(context);
    context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
