package dev.daybreak.model;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * When an environment is awake by itself.
 *
 * @param timeZone the zone the windows' times are read in
 * @param windows the awake windows
 * @param holidays dates on which the environment stays asleep
 * @param calendars names of holiday calendar files under {@code manifests/calendars/}
 */
public record ScheduleSpec(
    ZoneId timeZone,
    List<ScheduleWindow> windows,
    List<LocalDate> holidays,
    List<String> calendars) {

  public ScheduleSpec {
    Objects.requireNonNull(timeZone, "timeZone");
    windows = List.copyOf(windows);
    holidays = List.copyOf(holidays);
    calendars = List.copyOf(calendars);
  }
}
