package dev.daybreak.cli;

import dev.daybreak.manifests.Calendars;
import dev.daybreak.model.State;
import dev.daybreak.model.schedule.Resolution;
import dev.daybreak.model.schedule.Schedule;
import dev.daybreak.model.schedule.ScheduleException;
import dev.daybreak.reconcile.EffectiveDesired;
import dev.daybreak.store.StoredEnvironment;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * An environment's schedule and effective state as the controller computes them (through {@link
 * EffectiveDesired}), for {@code get envs}' NEXT column and {@code daybreak schedule}.
 *
 * @param schedule the compiled schedule, if the environment has one
 * @param problem why the schedule cannot be compiled with the given calendars, if it cannot
 * @param now the effective state now; empty when nothing is desired
 */
record ScheduleView(
    Optional<Schedule> schedule, Optional<String> problem, Optional<Resolution> now) {

  /** Local times as people read them: {@code Tue 2026-12-01 08:00}. */
  static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("EEE uuuu-MM-dd HH:mm", Locale.ROOT);

  static ScheduleView of(StoredEnvironment environment, Calendars calendars, Instant now) {
    Optional<Schedule> schedule;
    try {
      schedule = EffectiveDesired.schedule(environment, calendars);
    } catch (ScheduleException | IllegalArgumentException e) {
      return new ScheduleView(
          Optional.empty(),
          Optional.of(e.getMessage()),
          EffectiveDesired.resolve(environment.desired(), Optional.empty(), now));
    }
    return new ScheduleView(
        schedule, Optional.empty(), EffectiveDesired.resolve(environment.desired(), schedule, now));
  }

  /** The zone to show times in: the schedule's, else {@code fallback}. */
  ZoneId zone(ZoneId fallback) {
    return schedule.map(Schedule::zone).orElse(fallback);
  }

  /**
   * The next change and what it does, e.g. {@code sleep Mon 2026-11-30 20:00}; {@code -} when
   * nothing changes by itself.
   */
  String next(StoredEnvironment environment, ZoneId fallback) {
    if (problem.isPresent()) {
      return "? (schedule: see 'daybreak schedule')";
    }
    Optional<Instant> at = now.flatMap(Resolution::nextChange);
    if (at.isEmpty()) {
      return "-";
    }
    Optional<Resolution> then = EffectiveDesired.resolve(environment.desired(), schedule, at.get());
    String when = LOCAL.format(at.get().atZone(zone(fallback)));
    return then.map(r -> verb(now.get().state(), r) + " " + when + why(r)).orElse("change " + when);
  }

  /** {@code wake}, {@code sleep}, or {@code stay asleep} when only the reason changes. */
  static String verb(State before, Resolution after) {
    if (after.state() == before) {
      return "stay " + after.state().name().toLowerCase(Locale.ROOT);
    }
    return after.state() == State.AWAKE ? "wake" : "sleep";
  }

  private static String why(Resolution after) {
    return switch (after.reason()) {
      case HOLIDAY -> " (holiday)";
      case OVERRIDE_EXPIRED -> " (override ends)";
      default -> "";
    };
  }
}
