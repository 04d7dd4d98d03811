package dev.daybreak.model;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way daybreak reads and writes durations: manifests, command-line options, chat-ops
 * commands and the ECS simulator's fault settings all use it, each with its own {@link
 * DurationRange}.
 *
 * <h2>Grammar</h2>
 *
 * <pre>
 * duration = units | iso
 * units    = [n "d"] [n "h"] [n "m"] [n "s"] [n "ms"]   (at least one part)
 * iso      = "P" [n "D"] ["T" [n "H"] [n "M"] [n ["." 1*9digit] "S"]]   (at least one part)
 * n        = 1*digit
 * </pre>
 *
 * <ul>
 *   <li>Units are days, hours, minutes, seconds and milliseconds, each a whole number, largest
 *       first, each at most once: {@code 30s}, {@code 5m}, {@code 1h30m}, {@code 2d}, {@code
 *       1m30s500ms}. A part may exceed the next unit: {@code 90m} and {@code 48h} are fine.
 *   <li>ISO-8601 durations are the unsigned subset {@link Duration#parse} reads: {@code PT1H30M},
 *       {@code P2D}, {@code PT0.5S}.
 *   <li>Letters may be in either case; whitespace around the text is ignored, inside it is not.
 *   <li>There are no signs, fractions (except ISO seconds), or spaces between parts: {@code -5m},
 *       {@code 1.5h} and {@code 1h 30m} are not durations. Zero ({@code 0s}) is a duration; whether
 *       it is allowed is up to the caller's range.
 *   <li>Values too large for {@link Duration} are not durations.
 * </ul>
 */
public final class Durations {

  /** The grammar in a few words, for messages: what a user should write instead. */
  public static final String FORMS =
      "a whole number with a unit (d, h, m, s or ms), several largest first, such as 90m, 2h,"
          + " 1h30m, 2d or 500ms, or ISO-8601 such as PT1H30M";

  private static final Pattern UNITS =
      Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?");

  private static final Pattern ISO =
      Pattern.compile("p(?:\\d+d)?(?:t(?:\\d+h)?(?:\\d+m)?(?:\\d+(?:\\.\\d{1,9})?s)?)?");

  private Durations() {}

  /** The duration {@code text} writes in the grammar above; empty if it is not one. */
  public static Optional<Duration> parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    try {
      if (ISO.matcher(t).matches()) {
        return Optional.of(Duration.parse(t.toUpperCase(Locale.ROOT)));
      }
      Matcher m = UNITS.matcher(t);
      if (t.isEmpty() || !m.matches()) {
        return Optional.empty();
      }
      return Optional.of(
          Duration.ofDays(part(m, 1))
              .plusHours(part(m, 2))
              .plusMinutes(part(m, 3))
              .plusSeconds(part(m, 4))
              .plusMillis(part(m, 5)));
    } catch (ArithmeticException | NumberFormatException | DateTimeParseException notOne) {
      return Optional.empty();
    }
  }

  /**
   * The shortest units form of {@code duration} that {@link #parse} reads back exactly, in hours,
   * minutes, seconds and milliseconds ({@code 0s}, {@code 1h30m}, {@code 48h}, {@code 1s500ms});
   * ISO-8601 when it has a part finer than a millisecond; negative durations with a leading {@code
   * -}, which {@link #parse} refuses.
   */
  public static String format(Duration duration) {
    if (duration.isNegative()) {
      return "-" + format(duration.negated());
    }
    if (duration.getNano() % 1_000_000 != 0) {
      return duration.toString();
    }
    if (duration.isZero()) {
      return "0s";
    }
    StringBuilder text = new StringBuilder();
    append(text, duration.toHours(), "h");
    append(text, duration.toMinutesPart(), "m");
    append(text, duration.toSecondsPart(), "s");
    append(text, duration.toMillisPart(), "ms");
    return text.toString();
  }

  /**
   * A duration rounded for people the way kubectl shows ages, at most two units: {@code 45s},
   * {@code 5m30s}, {@code 95m}, {@code 5h30m}, {@code 30h}, {@code 3d5h}, {@code 45d}; negative
   * durations show as {@code 0s}. {@link #parse} reads it back, rounded down.
   */
  public static String age(Duration age) {
    long s = Math.max(0, age.getSeconds());
    if (s < 120) {
      return s + "s";
    }
    long m = s / 60;
    if (m < 10) {
      return m + "m" + (s % 60 == 0 ? "" : (s % 60) + "s");
    }
    if (m < 180) {
      return m + "m";
    }
    long h = m / 60;
    if (h < 8) {
      return h + "h" + (m % 60 == 0 ? "" : (m % 60) + "m");
    }
    if (h < 48) {
      return h + "h";
    }
    long d = h / 24;
    if (d < 8) {
      return d + "d" + (h % 24 == 0 ? "" : (h % 24) + "h");
    }
    return d + "d";
  }

  private static void append(StringBuilder text, long amount, String unit) {
    if (amount > 0) {
      text.append(amount).append(unit);
    }
  }

  private static long part(Matcher matcher, int group) {
    String digits = matcher.group(group);
    return digits == null ? 0 : Long.parseLong(digits);
  }
}
