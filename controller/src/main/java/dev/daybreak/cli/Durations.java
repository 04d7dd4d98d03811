package dev.daybreak.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Durations as people type them ({@code 90m}, {@code 2h}, {@code 1h30m}, {@code 1d}) and show them.
 */
public final class Durations {

  private static final Pattern HUMAN =
      Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

  public static final String EXPECTED = "a duration such as 90m, 2h, 1h30m or 1d";

  private Durations() {}

  /** Parses a positive duration; empty when the text is not one. */
  public static Optional<Duration> parse(String text) {
    String trimmed = text.trim().toLowerCase(Locale.ROOT);
    Matcher m = HUMAN.matcher(trimmed);
    if (trimmed.isEmpty() || !m.matches()) {
      return Optional.empty();
    }
    try {
      Duration d =
          Duration.ofDays(part(m.group(1)))
              .plusHours(part(m.group(2)))
              .plusMinutes(part(m.group(3)))
              .plusSeconds(part(m.group(4)));
      return d.isZero() ? Optional.empty() : Optional.of(d);
    } catch (ArithmeticException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static long part(String group) {
    return group == null ? 0 : Long.parseLong(group);
  }

  /** kubectl-style ages: {@code 45s}, {@code 5m30s}, {@code 95m}, {@code 5h30m}, {@code 3d5h}. */
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

  /** The picocli converter for duration options. */
  static final class Converter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      return parse(value)
          .orElseThrow(
              () -> new TypeConversionException("expected " + EXPECTED + ", got '" + value + "'"));
    }
  }
}
