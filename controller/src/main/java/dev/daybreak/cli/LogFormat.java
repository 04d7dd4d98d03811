package dev.daybreak.cli;

import dev.daybreak.config.Setting;

/** How {@code daybreak run} writes its log lines (to stderr). */
enum LogFormat {
  /** One human-readable line per event, as logback.xml says. */
  TEXT,
  /** One JSON object per line (logback's JsonEncoder), with the MDC as the {@code mdc} object. */
  JSON;

  /** The appender logback.xml declares. */
  static final String APPENDER = "STDERR";

  /** Switches stderr to one JSON object a line ({@link JsonStderr}); text needs nothing. */
  void apply() {
    if (this == JSON) {
      JsonStderr.install();
    }
  }

  /**
   * The format a process asks for before its arguments are parsed (so a usage error is JSON too):
   * {@code --log-format json} or {@code --log-format=json} among the arguments (before any {@code
   * --}), else {@code DAYBREAK_LOG_FORMAT}. Anything else is text here; {@code run} reports a bad
   * value.
   */
  static LogFormat requested(String[] args, java.util.Map<String, String> env) {
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--")) {
        break;
      }
      if (arg.equals("--log-format") && i + 1 < args.length) {
        return isJson(args[i + 1]) ? JSON : TEXT;
      }
      if (arg.startsWith("--log-format=")) {
        return isJson(arg.substring("--log-format=".length())) ? JSON : TEXT;
      }
    }
    return isJson(env.getOrDefault(Setting.LOG_FORMAT.variable(), "")) ? JSON : TEXT;
  }

  private static boolean isJson(String value) {
    return value.strip().equalsIgnoreCase("json");
  }
}
