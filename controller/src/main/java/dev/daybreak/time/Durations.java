package dev.daybreak.time;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the short durations people type on command lines: {@code 500ms}, {@code 20s}, ... */
public final class Durations {

  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");
  private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:ms|s|m|h|d))+");

  private Durations() {}

  /**
   * Parses {@code 500ms}, {@code 20s}, {@code 5m}, {@code 1h30m}, {@code 2d}, or ISO-8601 ({@code
   * PT1M30S}).
   *
   * @throws IllegalArgumentException naming the text and the forms that would be valid
   */
  public static Duration parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.startsWith("p")) {
      try {
        return nonNegative(text, Duration.parse(t.toUpperCase(Locale.ROOT)));
      } catch (DateTimeParseException e) {
        throw invalid(text);
      }
    }
    if (!WHOLE.matcher(t).matches()) {
      throw invalid(text);
    }
    Duration total = Duration.ZERO;
    Matcher m = PART.matcher(t);
    while (m.find()) {
      long n = Long.parseLong(m.group(1));
      total =
          total.plus(
              switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
              });
    }
    return total;
  }

  /** Formats like {@link #parse} reads: {@code 1m30s}, {@code 250ms}, {@code 0s}. */
  public static String format(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    StringBuilder sb = new StringBuilder(d.isNegative() ? "-" : "");
    Duration a = d.abs();
    append(sb, a.toHours(), "h");
    append(sb, a.toMinutesPart(), "m");
    append(sb, a.toSecondsPart(), "s");
    append(sb, a.toMillisPart(), "ms");
    return sb.length() == 0 ? a.toNanos() + "ns" : sb.toString();
  }

  private static void append(StringBuilder sb, long n, String unit) {
    if (n > 0) {
      sb.append(n).append(unit);
    }
  }

  private static Duration nonNegative(String text, Duration d) {
    if (d.isNegative()) {
      throw invalid(text);
    }
    return d;
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException(
        "'"
            + text
            + "' is not a duration: expected e.g. 500ms, 20s, 5m, 1h30m, 2d or ISO-8601 PT1M30S");
  }
}
