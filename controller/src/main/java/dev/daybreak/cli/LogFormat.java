package dev.daybreak.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/** How {@code daybreak run} writes its log lines (to stderr). */
enum LogFormat {
  /** One human-readable line per event, as logback.xml says. */
  TEXT,
  /** One JSON object per line (logback's JsonEncoder), with the MDC as the {@code mdc} object. */
  JSON;

  /** The appender logback.xml declares. */
  static final String APPENDER = "STDERR";

  /** Switches the console appender's encoder; logging continues on the same appender. */
  void apply() {
    if (this == TEXT) {
      return;
    }
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (!(factory instanceof LoggerContext context)) {
      return;
    }
    Appender<ILoggingEvent> appender =
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender(APPENDER);
    if (!(appender instanceof ConsoleAppender<ILoggingEvent> console)) {
      throw new IllegalStateException(
          "logback.xml no longer declares the console appender "
              + APPENDER
              + " on the root logger");
    }
    JsonEncoder encoder = new JsonEncoder();
    encoder.setContext(context);
    encoder.setWithSequenceNumber(false);
    encoder.setWithNanoseconds(false);
    encoder.setWithContext(false);
    encoder.setWithArguments(false);
    encoder.setWithMessage(false);
    encoder.setWithFormattedMessage(true);
    encoder.start();
    console.stop();
    console.setEncoder(encoder);
    console.start();
  }
}
