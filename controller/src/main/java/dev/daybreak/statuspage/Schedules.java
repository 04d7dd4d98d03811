package dev.daybreak.statuspage;

import dev.daybreak.manifests.Calendars;
import dev.daybreak.model.State;
import dev.daybreak.model.schedule.Resolution;
import dev.daybreak.model.schedule.Schedule;
import dev.daybreak.model.schedule.ScheduleException;
import dev.daybreak.reconcile.EffectiveDesired;
import dev.daybreak.store.StoredEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An environment's effective state over time, as the controller computes it ({@link
 * EffectiveDesired}: stored desired item, overrides, schedule and holidays): the next change for
 * the fleet view, the coming days for the timeline.
 */
final class Schedules {

  /** Stops walking a pathological schedule (e.g. a cron firing every minute) after this many. */
  private static final int MAX_CHANGES = 400;

  /** The zone of an environment without a schedule. */
  private static final ZoneId UTC = ZoneId.of("UTC");

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("EEE MM-dd", Locale.ROOT);

  private final StoredEnvironment environment;
  private final Optional<Schedule> schedule;
  private final Optional<String> problem;

  private Schedules(
      StoredEnvironment environment, Optional<Schedule> schedule, Optional<String> problem) {
    this.environment = environment;
    this.schedule = schedule;
    this.problem = problem;
  }

  static Schedules of(StoredEnvironment environment, Calendars calendars) {
    try {
      return new Schedules(
          environment, EffectiveDesired.schedule(environment, calendars), Optional.empty());
    } catch (ScheduleException | IllegalArgumentException e) {
      return new Schedules(environment, Optional.empty(), Optional.of(e.getMessage()));
    }
  }

  /** The schedule's zone, else UTC. */
  ZoneId zone() {
    return schedule.map(Schedule::zone).orElse(UTC);
  }

  private Optional<Resolution> at(Instant t) {
    return EffectiveDesired.resolve(environment.desired(), schedule, t);
  }

  /** The next change and what it does, e.g. {@code sleep}; empty when nothing changes by itself. */
  Optional<Timeline.Change> next(Instant now) {
    if (problem.isPresent()) {
      return Optional.empty();
    }
    Optional<Resolution> current = at(now);
    Optional<Instant> when = current.flatMap(Resolution::nextChange);
    if (when.isEmpty()) {
      return Optional.empty();
    }
    Optional<Resolution> then = at(when.get());
    return Optional.of(
        new Timeline.Change(
            Moment.of(when.get(), zone()),
            then.map(r -> verb(current.get().state(), r)).orElse("change"),
            then.map(Schedules::why).orElse("")));
  }

  /** The coming {@code days} days, from the start of today in the schedule's zone. */
  Timeline timeline(Instant now, int days) {
    ZoneId zone = zone();
    LocalDate today = now.atZone(zone).toLocalDate();
    Instant end = today.plusDays(days).atStartOfDay(zone).toInstant();
    List<Timeline.Change> changes = new ArrayList<>();
    List<Instant[]> awake = new ArrayList<>();
    if (problem.isEmpty()) {
      Instant t = now;
      Optional<Resolution> r = at(t);
      int guard = 0;
      while (r.isPresent() && t.isBefore(end) && guard++ < MAX_CHANGES) {
        Instant until = r.get().nextChange().filter(n -> n.isBefore(end)).orElse(end);
        if (r.get().state() == State.AWAKE) {
          awake.add(new Instant[] {t, until});
        }
        if (!until.isBefore(end) || !until.isAfter(t)) {
          break;
        }
        Optional<Resolution> after = at(until);
        State before = r.get().state();
        after.ifPresent(
            a -> changes.add(new Timeline.Change(Moment.of(until, zone), verb(before, a), why(a))));
        t = until;
        r = after;
      }
    }
    List<Timeline.Day> rows = new ArrayList<>();
    for (int d = 0; d < days; d++) {
      LocalDate date = today.plusDays(d);
      ZonedDateTime start = date.atStartOfDay(zone);
      Instant from = start.toInstant();
      Instant to = date.plusDays(1).atStartOfDay(zone).toInstant();
      int y = 22 + d * Timeline.ROW;
      List<Timeline.Band> bands = new ArrayList<>();
      for (Instant[] stretch : awake) {
        Instant a = stretch[0].isAfter(from) ? stretch[0] : from;
        Instant b = stretch[1].isBefore(to) ? stretch[1] : to;
        if (b.isAfter(a)) {
          long dayLength = Duration.between(from, to).toMinutes();
          int x = (int) (Duration.between(from, a).toMinutes() * 24 * Timeline.HOUR / dayLength);
          int w =
              (int)
                  Math.max(1, Duration.between(a, b).toMinutes() * 24 * Timeline.HOUR / dayLength);
          bands.add(
              new Timeline.Band(
                  Timeline.LABEL + x,
                  y + 3,
                  w,
                  "awake "
                      + Moment.LOCAL.format(a.atZone(zone))
                      + " to "
                      + Moment.LOCAL.format(b.atZone(zone))));
        }
      }
      rows.add(new Timeline.Day(DAY.format(date), y, bands));
    }
    return new Timeline(zone.getId(), rows, changes, problem.orElse(""));
  }

  private static String verb(State before, Resolution after) {
    if (after.state() == before) {
      return "stay " + after.state().name().toLowerCase(Locale.ROOT);
    }
    return after.state() == State.AWAKE ? "wake" : "sleep";
  }

  private static String why(Resolution after) {
    return switch (after.reason()) {
      case HOLIDAY -> "holiday";
      case OVERRIDE_EXPIRED -> "override ends";
      case OVERRIDE, PINNED -> "override by " + after.desired().requestedBy();
      case SCHEDULE -> "schedule";
      case STORED -> "desired state";
    };
  }
}
