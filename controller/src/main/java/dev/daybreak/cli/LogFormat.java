package dev.daybreak.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import java.util.Locale;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/** How {@code daybreak run} writes its log lines (to stderr). */
enum LogFormat {
  /** One human-readable line per event. */
  TEXT,
  /** One JSON object per line, with the MDC (environment, generation, pass) as fields. */
  JSON;

  /** The variable logback.xml reads to choose its appender. */
  static final String VARIABLE = "DAYBREAK_LOG_FORMAT";

  /** The appender's name in logback.xml. */
  String appender() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Reloads logback.xml with this format. Logging starts before options are parsed, so the format
   * given on the command line takes effect from here on.
   */
  void apply() {
    System.setProperty(VARIABLE, appender());
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (!(factory instanceof LoggerContext context)) {
      return;
    }
    context.reset();
    try {
      new ContextInitializer(context).autoConfig();
    } catch (JoranException e) {
      throw new IllegalStateException(
          "logback.xml could not be loaded again: " + e.getMessage(), e);
    }
  }
}
