package dev.daybreak.it.sim;

import dev.daybreak.model.State;
import dev.daybreak.store.DesiredRead;
import dev.daybreak.store.StoredDesired;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A schedule drawn from the seed (one window, some weekdays, holidays, in a zone without daylight
 * saving) and the oracle of invariant (3): the effective desired state at an instant, computed here
 * from the schedule's parameters and the stored desired item, independently of the controller's
 * schedule code. The rules are the documented ones (README, "Schedules"): the latest edge decides;
 * a wake on a holiday is skipped; a manual change with {@code until} governs until then, and after
 * it the schedule (or, without one, the opposite state); one without {@code until} governs until
 * the schedule's next firing after it was accepted.
 *
 * @param zone the schedule's time zone
 * @param wakeAt local wake time
 * @param sleepAt local sleep time, after {@code wakeAt} on the same day
 * @param days the days the window applies on
 * @param holidays dates whose wake is skipped
 */
record SimSchedule(
    ZoneId zone,
    LocalTime wakeAt,
    LocalTime sleepAt,
    Set<DayOfWeek> days,
    List<LocalDate> holidays) {

  private static final List<ZoneId> ZONES =
      List.of(ZoneId.of("UTC"), ZoneId.of("Asia/Tokyo"), ZoneId.of("Asia/Kolkata"));

  /** How far back an edge is looked for: a week covers every window of some weekday. */
  private static final int LOOKBACK_DAYS = 8;

  /**
   * A schedule whose first edges fall in the fault window after {@code start}, so that writes,
   * crashes and clock jumps happen around them.
   */
  static SimSchedule draw(Random random, Instant start) {
    ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
    LocalTime local = start.atZone(zone).toLocalTime();
    LocalTime wake = local.plusMinutes(1 + random.nextInt(12)).withSecond(0).withNano(0);
    LocalTime sleep = wake.plusMinutes(2 + random.nextInt(25));
    if (!sleep.isAfter(wake)) {
      wake = LocalTime.of(0, 5);
      sleep = LocalTime.of(0, 20);
    }
    Set<DayOfWeek> days =
        random.nextBoolean()
            ? EnumSet.allOf(DayOfWeek.class)
            : EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    LocalDate today = start.atZone(zone).toLocalDate();
    List<LocalDate> holidays =
        switch (random.nextInt(3)) {
          case 0 -> List.of();
          case 1 -> List.of(today.plusDays(1));
          default -> List.of(today, today.plusDays(2));
        };
    return new SimSchedule(zone, wake, sleep, Set.copyOf(days), holidays);
  }

  /** The manifest's {@code schedule:} block, indented under {@code spec:}. */
  String yaml() {
    String dayList =
        days.stream().sorted().map(d -> d.name().substring(0, 3)).collect(Collectors.joining(", "));
    StringBuilder y = new StringBuilder();
    y.append("  schedule:\n    timeZone: ").append(zone.getId()).append('\n');
    y.append("    windows:\n");
    y.append("      - wakeAt: \"").append(wakeAt).append("\"\n");
    y.append("        sleepAt: \"").append(sleepAt).append("\"\n");
    y.append("        days: [").append(dayList).append("]\n");
    if (!holidays.isEmpty()) {
      y.append("    holidays: [")
          .append(holidays.stream().map(LocalDate::toString).collect(Collectors.joining(", ")))
          .append("]\n");
    }
    return y.toString();
  }

  /** One firing of the schedule. */
  record Edge(Instant at, State to) {}

  /** The latest edge at or before {@code t}. */
  Optional<Edge> edgeAt(Instant t) {
    LocalDate today = t.atZone(zone).toLocalDate();
    for (int back = 0; back <= LOOKBACK_DAYS; back++) {
      LocalDate d = today.minusDays(back);
      if (!days.contains(d.getDayOfWeek())) {
        continue;
      }
      Instant sleep = at(d, sleepAt);
      if (!sleep.isAfter(t)) {
        return Optional.of(new Edge(sleep, State.ASLEEP));
      }
      Instant wake = at(d, wakeAt);
      if (!wake.isAfter(t) && !holidays.contains(d)) {
        return Optional.of(new Edge(wake, State.AWAKE));
      }
    }
    return Optional.empty();
  }

  /** The first firing strictly after {@code t} (a skipped holiday wake is no firing). */
  Optional<Instant> nextFiring(Instant t) {
    LocalDate today = t.atZone(zone).toLocalDate();
    for (int ahead = 0; ahead <= LOOKBACK_DAYS; ahead++) {
      LocalDate d = today.plusDays(ahead);
      if (!days.contains(d.getDayOfWeek())) {
        continue;
      }
      Instant wake = at(d, wakeAt);
      if (wake.isAfter(t) && !holidays.contains(d)) {
        return Optional.of(wake);
      }
      Instant sleep = at(d, sleepAt);
      if (sleep.isAfter(t)) {
        return Optional.of(sleep);
      }
    }
    return Optional.empty();
  }

  private Instant at(LocalDate date, LocalTime time) {
    return ZonedDateTime.of(date, time, zone).toInstant();
  }

  /**
   * The effective desired state at {@code now} of an environment with {@code schedule} (if any)
   * whose store holds {@code read}; empty when nothing is desired.
   */
  static Optional<State> effective(DesiredRead read, Optional<SimSchedule> schedule, Instant now) {
    Optional<State> scheduled =
        schedule
            .flatMap(s -> s.edgeAt(now))
            .map(Edge::to)
            .or(() -> schedule.map(s -> State.ASLEEP));
    if (!(read instanceof DesiredRead.Valid valid)) {
      return scheduled;
    }
    StoredDesired stored = valid.stored();
    State state = stored.desired().state();
    Optional<Instant> until = stored.desired().until();
    if (until.isPresent()) {
      if (now.isBefore(until.get())) {
        return Optional.of(state);
      }
      return scheduled.or(() -> Optional.of(state == State.AWAKE ? State.ASLEEP : State.AWAKE));
    }
    if (stored.pinned() || schedule.isEmpty()) {
      return Optional.of(state);
    }
    Instant requested = stored.desired().requestedAt();
    Instant since = stored.acceptedAt().filter(a -> a.isAfter(requested)).orElse(requested);
    Optional<Instant> end = schedule.get().nextFiring(since);
    return end.isEmpty() || now.isBefore(end.get()) ? Optional.of(state) : scheduled;
  }
}
