package dev.daybreak.model.schedule;

import dev.daybreak.model.ScheduleSpec;
import dev.daybreak.model.ScheduleWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Test fixtures: schedule windows and specs written the way a manifest would say them. */
final class Specs {

  private Specs() {}

  static ScheduleWindow times(String wakeAt, String sleepAt, String days) {
    return new ScheduleWindow(
        Optional.of(LocalTime.parse(wakeAt)),
        Optional.empty(),
        Optional.of(LocalTime.parse(sleepAt)),
        ScheduleSyntax.days("days", days),
        Optional.empty(),
        Optional.empty());
  }

  static ScheduleWindow wakeBy(String wakeBy, String sleepAt, String days) {
    return new ScheduleWindow(
        Optional.empty(),
        Optional.of(LocalTime.parse(wakeBy)),
        Optional.of(LocalTime.parse(sleepAt)),
        ScheduleSyntax.days("days", days),
        Optional.empty(),
        Optional.empty());
  }

  static ScheduleWindow sleepOnly(String sleepAt, String days) {
    return new ScheduleWindow(
        Optional.empty(),
        Optional.empty(),
        Optional.of(LocalTime.parse(sleepAt)),
        ScheduleSyntax.days("days", days),
        Optional.empty(),
        Optional.empty());
  }

  static ScheduleWindow wakeOnly(String wakeAt, String days) {
    return new ScheduleWindow(
        Optional.of(LocalTime.parse(wakeAt)),
        Optional.empty(),
        Optional.empty(),
        ScheduleSyntax.days("days", days),
        Optional.empty(),
        Optional.empty());
  }

  static ScheduleWindow cron(String wakeCron, String sleepCron) {
    return new ScheduleWindow(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Set.of(),
        Optional.of(wakeCron),
        Optional.of(sleepCron));
  }

  static ScheduleSpec spec(String zone, ScheduleWindow... windows) {
    return new ScheduleSpec(ZoneId.of(zone), List.of(windows), List.of(), List.of());
  }

  static ScheduleSpec spec(
      String zone, List<LocalDate> holidays, List<String> calendars, ScheduleWindow... windows) {
    return new ScheduleSpec(ZoneId.of(zone), List.of(windows), holidays, calendars);
  }

  static Schedule compile(ScheduleSpec spec) {
    return Schedule.compile(spec, List.of(), Duration.ZERO);
  }

  /** The instant of a local date-time ({@code 2026-03-02T08:00}) in a zone, earlier offset. */
  static Instant at(String zone, String local) {
    return LocalDateTime.parse(local).atZone(ZoneId.of(zone)).toInstant();
  }
}
