package dev.daybreak.model.schedule;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the scalar values of {@code spec.schedule} from their manifest text: time zones, times and
 * day lists. Each method returns the value or throws a {@link ScheduleException} with one problem
 * at the given field path, saying what was found and what would be valid.
 */
public final class ScheduleSyntax {

  private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{2})");
  private static final String DAY_NAMES = "MON, TUE, WED, THU, FRI, SAT or SUN";

  private ScheduleSyntax() {}

  /** An IANA time zone name such as {@code Asia/Tokyo}. */
  public static ZoneId zone(String path, String text) {
    String name = text.strip();
    if (ZoneId.getAvailableZoneIds().contains(name)) {
      return ZoneId.of(name);
    }
    Optional<String> near =
        ZoneId.getAvailableZoneIds().stream().filter(z -> z.equalsIgnoreCase(name)).findFirst();
    throw problem(
        path,
        "unknown time zone '"
            + text
            + "'; "
            + near.map(z -> "did you mean '" + z + "'? ").orElse("")
            + "expected an IANA zone name such as Asia/Tokyo, Europe/Berlin or America/New_York");
  }

  /** A local time of day as {@code HH:mm} (24-hour, {@code 00:00} to {@code 23:59}). */
  public static LocalTime time(String path, String text) {
    Matcher m = TIME.matcher(text.strip());
    if (m.matches()) {
      int hour = Integer.parseInt(m.group(1));
      int minute = Integer.parseInt(m.group(2));
      if (hour <= 23 && minute <= 59) {
        return LocalTime.of(hour, minute);
      }
    }
    throw problem(
        path,
        "expected a time as HH:mm between 00:00 and 23:59 (e.g. 08:30), found '" + text + "'");
  }

  /**
   * Days of the week: names ({@code MON} or {@code MONDAY}, any case), ranges ({@code MON-FRI};
   * {@code FRI-MON} wraps over the weekend) and comma-separated lists of both ({@code
   * MON,WED-FRI}).
   */
  public static Set<DayOfWeek> days(String path, String text) {
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    List<String> unknown = new ArrayList<>();
    for (String item : text.split(",", -1)) {
      String[] ends = item.strip().split("-", -1);
      if (ends.length > 2) {
        unknown.add(item.strip());
        continue;
      }
      Optional<DayOfWeek> first = day(ends[0]);
      Optional<DayOfWeek> last = ends.length == 2 ? day(ends[1]) : first;
      if (first.isEmpty() || last.isEmpty()) {
        unknown.add(item.strip());
        continue;
      }
      for (DayOfWeek d = first.get(); ; d = d.plus(1)) {
        days.add(d);
        if (d == last.get()) {
          break;
        }
      }
    }
    if (!unknown.isEmpty()) {
      throw problem(
          path,
          "unknown day "
              + String.join(", ", unknown.stream().map(u -> "'" + u + "'").toList())
              + " in '"
              + text
              + "'; expected "
              + DAY_NAMES
              + ", a range such as MON-FRI, or a comma-separated list such as MON,WED,FRI");
    }
    return Set.copyOf(days);
  }

  private static Optional<DayOfWeek> day(String name) {
    String upper = name.strip().toUpperCase(Locale.ROOT);
    for (DayOfWeek d : DayOfWeek.values()) {
      if (d.name().equals(upper) || d.name().substring(0, 3).equals(upper)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  private static ScheduleException problem(String path, String message) {
    return new ScheduleException(List.of(new ScheduleProblem(path, message)));
  }
}
