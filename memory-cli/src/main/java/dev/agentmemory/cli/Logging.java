package dev.agentmemory.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import dev.agentmemory.files.PrivateFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/** Applies the daemon's logging: root level, per-logger levels, stderr or a rotated log file. */
public final class Logging {
  private static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{30} - %msg%n";

  private static final List<String> THIRD_PARTY =
      List.of("io.grpc", "io.netty", "io.perfmark", "com.google", "org.rocksdb", "com.knuddels", "com.fasterxml");

  private Logging() {}

  /**
   * @param rootLevel trace, debug, info, warn, error or off
   * @param loggerLevels per-logger levels (from {@code MEMORY_LOG} / {@code RUST_LOG})
   * @param logFile a file to log to (rotated at {@code maxSize} bytes, {@code keep} kept); empty logs to stderr
   */
  public static void configure(String rootLevel, Map<String, String> loggerLevels, Optional<Path> logFile,
      long maxSize, int keep) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    if (logFile.isPresent()) {
      installFile(context, logFile.get(), maxSize, keep);
    } else {
      installConsole(context);
    }
    Level root = Level.toLevel(rootLevel, Level.INFO);
    context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(root);
    // Debug and trace are for our own lines: the libraries' internals (Netty's buffers, gRPC's
    // frames) would bury them. They stay at info unless named in MEMORY_LOG.
    if (!root.isGreaterOrEqual(Level.INFO)) {
      THIRD_PARTY.forEach(name -> context.getLogger(name).setLevel(Level.INFO));
    }
    // Quartz narrates its own start-up at info; our scheduler logs what matters. Override by name.
    context.getLogger("org.quartz").setLevel(Level.WARN);
    // Netty warns at every connection to the Unix socket that TCP's keep-alive option (which gRPC
    // sets on every server) does not apply there; and notes its transport choice at info.
    context.getLogger("io.grpc.netty.shaded.io.netty.bootstrap.ServerBootstrap").setLevel(Level.ERROR);
    context.getLogger("io.grpc.netty.shaded.io.grpc.netty.TcpMetrics").setLevel(Level.WARN);
    loggerLevels.forEach((name, level) -> context.getLogger(name).setLevel(Level.toLevel(level, Level.INFO)));
  }

  /** gRPC logs through java.util.logging; send it to SLF4J so one configuration rules both. */
  static void routeJulToSlf4j() {
    if (!org.slf4j.bridge.SLF4JBridgeHandler.isInstalled()) {
      org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
      org.slf4j.bridge.SLF4JBridgeHandler.install();
    }
  }

  static void installConsole(LoggerContext context) {
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setTarget("System.err");
    attach(context, console, "console");
  }

  private static void installFile(LoggerContext context, Path file, long maxSize, int keep) {
    try {
      // the log names projects, paths and sessions: its directory is private, whatever the umask
      PrivateFiles.createDirectories(file.toAbsolutePath().getParent());
    } catch (IOException e) {
      // logback reports a directory it cannot create itself
    }
    RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
    appender.setContext(context);
    appender.setFile(file.toString());
    FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
    rolling.setContext(context);
    rolling.setParent(appender);
    rolling.setFileNamePattern(file + ".%i");
    rolling.setMinIndex(1);
    rolling.setMaxIndex(keep);
    rolling.start();
    SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
    trigger.setContext(context);
    trigger.setMaxFileSize(new FileSize(maxSize));
    trigger.start();
    appender.setRollingPolicy(rolling);
    appender.setTriggeringPolicy(trigger);
    attach(context, appender, "file");
  }

  private static void attach(LoggerContext context, OutputStreamAppender<ILoggingEvent> appender, String name) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    appender.setContext(context);
    appender.setName(name);
    appender.setEncoder(encoder);
    appender.start();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(appender);
  }
}
