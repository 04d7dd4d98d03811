package dev.daybreak.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes every line the process writes to stderr a JSON object: log events through logback's {@link
 * JsonEncoder}, and whatever else is printed there (daybreak's {@code error:} and {@code note:}
 * lines, picocli's usage errors, a library's {@code System.err}, an uncaught exception) as a log
 * event of its own. Lines the JVM launcher prints before {@code main} (e.g. {@code Picked up
 * JAVA_TOOL_OPTIONS}) are out of its reach.
 */
final class JsonStderr {

  private static final Logger LOG = LoggerFactory.getLogger(JsonStderr.class);
  private static boolean installed;

  private JsonStderr() {}

  /** Whether stderr is JSON in this process. */
  static synchronized boolean installed() {
    return installed;
  }

  /** Switches stderr to JSON lines; idempotent. */
  static synchronized void install() {
    if (installed) {
      return;
    }
    PrintStream original = System.err;
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (factory instanceof LoggerContext context) {
      ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
      Appender<ILoggingEvent> console = root.getAppender(LogFormat.APPENDER);
      if (console == null) {
        throw new IllegalStateException(
            "logback.xml no longer declares the appender " + LogFormat.APPENDER + " on the root");
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
      // Written to the process's own stderr, not System.err, which is replaced below.
      OutputStreamAppender<ILoggingEvent> json = new OutputStreamAppender<>();
      json.setName(LogFormat.APPENDER);
      json.setContext(context);
      json.setEncoder(encoder);
      json.setImmediateFlush(true);
      json.setOutputStream(
          new FilterOutputStream(original) {
            @Override
            public void close() {
              flushQuietly();
            }

            private void flushQuietly() {
              original.flush();
            }
          });
      json.start();
      root.detachAppender(console);
      console.stop();
      root.addAppender(json);
    }
    System.setErr(new PrintStream(new Lines(), true, StandardCharsets.UTF_8));
    Thread.setDefaultUncaughtExceptionHandler(
        (thread, e) -> LOG.error("uncaught exception in thread {}", thread.getName(), e));
    installed = true;
  }

  /** Logs each complete line written to it: {@code error:} at ERROR, {@code note:} at INFO. */
  private static final class Lines extends OutputStream {
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    @Override
    public synchronized void write(int b) {
      if (b == '\n') {
        emit();
      } else {
        line.write(b);
      }
    }

    @Override
    public synchronized void flush() {
      // A line is logged when it ends; a prompt without a newline waits for it.
    }

    private void emit() {
      String text = line.toString(StandardCharsets.UTF_8).stripTrailing();
      line.reset();
      if (text.isEmpty()) {
        return;
      }
      if (text.startsWith("error:")) {
        LOG.error("{}", text);
      } else if (text.startsWith("note:")) {
        LOG.info("{}", text);
      } else {
        LOG.warn("{}", text);
      }
    }
  }
}
