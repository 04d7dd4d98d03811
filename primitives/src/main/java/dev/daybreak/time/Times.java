package dev.daybreak.time;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reading an "until" time (the CLI's {@code --until}, chat-ops' {@code until}) and showing instants
 * in a zone.
 */
public final class Times {

  public static final String UNTIL_EXPECTED =
      "a time such as 18:30 (today, or tomorrow once past), a local date-time such as"
          + " 2026-11-30T18:30, or an instant such as 2026-11-30T09:30:00Z";

  private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm z");

  private Times() {}

  /**
   * Reads an {@code --until} value in {@code zone}: {@code HH:mm} is the next such wall-clock time
   * (today, or tomorrow when it has passed); a local date-time is read in the zone; an ISO instant
   * or offset date-time stands for itself. Empty when the text is none of these.
   */
  public static Optional<Instant> until(String text, Clock clock, ZoneId zone) {
    String value = text.trim();
    Instant now = clock.instant();
    try {
      LocalTime time = LocalTime.parse(value);
      ZonedDateTime today = now.atZone(zone).toLocalDate().atTime(time).atZone(zone);
      return Optional.of(
          today.toInstant().isAfter(now) ? today.toInstant() : today.plusDays(1).toInstant());
    } catch (DateTimeParseException e) {
      // not a time of day; try the longer forms
    }
    try {
      return Optional.of(LocalDateTime.parse(value).atZone(zone).toInstant());
    } catch (DateTimeParseException e) {
      // not a local date-time
    }
    try {
      return Optional.of(OffsetDateTime.parse(value).toInstant());
    } catch (DateTimeParseException e) {
      // not an offset date-time
    }
    try {
      return Optional.of(Instant.parse(value));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** {@code 2026-11-30 18:30 JST}. */
  public static String show(Instant instant, ZoneId zone) {
    return SHOWN.format(instant.atZone(zone));
  }
}
