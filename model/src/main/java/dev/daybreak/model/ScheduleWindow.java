package dev.daybreak.model;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One awake window. Either times ({@code wakeAt} or {@code wakeBy}, and {@code sleepAt}) on {@code
 * days}, or a cron expression for each edge.
 *
 * @param wakeAt start waking at this local time
 * @param wakeBy be awake by this local time (start early enough; pre-warming)
 * @param sleepAt start sleeping at this local time
 * @param days the days the window applies to
 * @param wakeCron a cron expression for the wake edge instead of {@code wakeAt}
 * @param sleepCron a cron expression for the sleep edge instead of {@code sleepAt}
 */
public record ScheduleWindow(
    Optional<LocalTime> wakeAt,
    Optional<LocalTime> wakeBy,
    Optional<LocalTime> sleepAt,
    Set<DayOfWeek> days,
    Optional<String> wakeCron,
    Optional<String> sleepCron) {

  public ScheduleWindow {
    Objects.requireNonNull(wakeAt, "wakeAt");
    Objects.requireNonNull(wakeBy, "wakeBy");
    Objects.requireNonNull(sleepAt, "sleepAt");
    days = Set.copyOf(days);
    Objects.requireNonNull(wakeCron, "wakeCron");
    Objects.requireNonNull(sleepCron, "sleepCron");
  }
}
