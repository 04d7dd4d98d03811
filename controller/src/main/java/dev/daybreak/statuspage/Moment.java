package dev.daybreak.statuspage;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * An instant as the page shows it: in the environment's zone as text, and as ISO-8601 for the
 * page's script, which adds the viewer's own local time next to it.
 *
 * @param text e.g. {@code Thu 2026-05-07 20:00}
 * @param zone the zone {@code text} is in, e.g. {@code Asia/Tokyo}
 * @param iso the instant, e.g. {@code 2026-05-07T11:00:00Z}
 */
public record Moment(String text, String zone, String iso) {

  /** Local times as people read them, as the CLI shows them: {@code Tue 2026-12-01 08:00}. */
  static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("EEE uuuu-MM-dd HH:mm", Locale.ROOT);

  static Moment of(Instant at, ZoneId zone) {
    return new Moment(LOCAL.format(at.atZone(zone)), zone.getId(), at.toString());
  }
}
