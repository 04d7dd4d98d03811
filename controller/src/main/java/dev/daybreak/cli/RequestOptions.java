package dev.daybreak.cli;

import dev.daybreak.time.Times;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/** How long a wake or sleep lasts, who asks and why (a picocli mixin). */
final class RequestOptions {

  @Option(
      names = "--for",
      paramLabel = "DURATION",
      converter = DurationConverter.Positive.class,
      description =
          "Until this long from now, e.g. 90m, 2h, 1h30m; then the schedule decides again.")
  Duration duration;

  @Option(
      names = "--until",
      paramLabel = "TIME",
      description =
          "Until then: 18:30 (today, or tomorrow once past, in --zone), 2026-11-30T18:30, or"
              + " 2026-11-30T09:30:00Z.")
  String until;

  @Option(
      names = "--pin",
      description =
          "Hold this state past the schedule's next wake or sleep: until --for/--until, or until"
              + " the next wake/sleep command. Without it, the schedule's next edge ends the"
              + " change.")
  boolean pin;

  @Option(
      names = "--reason",
      paramLabel = "TEXT",
      defaultValue = "",
      description = "Why, recorded in the audit.")
  String reason;

  @Option(
      names = "--as",
      paramLabel = "WHO",
      description = "Who asks, recorded in the audit. Default: the user running daybreak.")
  String who;

  @Option(
      names = "--zone",
      paramLabel = "ZONE",
      converter = ZoneConverter.class,
      description =
          "The time zone --until is read in and times are shown in, e.g. Asia/Tokyo."
              + " Default: the system's.")
  ZoneId zone;

  /** The zone to read and show times in. */
  ZoneId zone(CliContext context) {
    return Optional.ofNullable(zone).orElse(context.zone());
  }

  /** When the request ends, if it does; a usage error when --for/--until are wrong. */
  Optional<Instant> until(CliContext context, CommandSpec spec) {
    if (duration != null && until != null) {
      throw new ParameterException(
          spec.commandLine(), "--for and --until cannot be used together: give one of them");
    }
    Instant now = context.clock().instant();
    if (duration != null) {
      return Optional.of(now.plus(duration));
    }
    if (until == null) {
      return Optional.empty();
    }
    Instant end =
        Times.until(until, context.clock(), zone(context))
            .orElseThrow(
                () ->
                    new ParameterException(
                        spec.commandLine(),
                        "Invalid value for option '--until': expected "
                            + Times.UNTIL_EXPECTED
                            + ", got '"
                            + until
                            + "'"));
    if (!end.isAfter(now)) {
      throw new ParameterException(
          spec.commandLine(),
          "Invalid value for option '--until': "
              + until
              + " is in the past (now is "
              + Times.show(now, zone(context))
              + ")");
    }
    return Optional.of(end);
  }

  /** Who asks. */
  String who(CliContext context) {
    return who == null || who.isBlank() ? context.user() : who;
  }

  /** Reads zone ids such as {@code Asia/Tokyo} or {@code UTC}. */
  static final class ZoneConverter implements ITypeConverter<ZoneId> {
    @Override
    public ZoneId convert(String value) {
      try {
        return ZoneId.of(value);
      } catch (DateTimeException e) {
        throw new TypeConversionException(
            "expected a time zone such as Asia/Tokyo, Europe/Paris or UTC, got '" + value + "'");
      }
    }
  }
}
