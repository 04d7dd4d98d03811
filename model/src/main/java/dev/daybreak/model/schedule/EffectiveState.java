package dev.daybreak.model.schedule;

import dev.daybreak.model.DesiredState;
import dev.daybreak.model.State;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Decides the effective desired state of an environment: an active manual change (override), else
 * the schedule's state, else the stored state.
 *
 * <ul>
 *   <li>A stored desired item is a manual change unless the schedule wrote it ({@code requestedBy}
 *       is {@value #SCHEDULE}).
 *   <li>A manual change with {@code until} governs while {@code now < until}: it expires exactly at
 *       {@code until}.
 *   <li>A manual change without {@code until} governs until the schedule's next firing after its
 *       {@code requestedAt} (a wake or a sleep, including one that repeats the current state; never
 *       a wake skipped for a holiday). So "wake it now" at 19:00 still lets a 22:00 sleep happen.
 *       Pinned, it governs until its {@code until}, or for good.
 *   <li>Once a manual change with {@code until} expired, the schedule governs; without a schedule
 *       the environment goes to the opposite state ({@code wake --for 1h} means: awake for an hour,
 *       then asleep). A manual change without {@code until} and without a schedule stands.
 * </ul>
 */
public final class EffectiveState {

  /** The {@code requestedBy} of desired items the schedule writes; they are not overrides. */
  public static final String SCHEDULE = "schedule";

  private EffectiveState() {}

  /**
   * Resolves the effective desired state.
   *
   * @param stored the stored desired item, if any
   * @param pinned whether the stored manual change is pinned against the schedule
   * @param schedule the environment's schedule, if it has one
   * @param now the current instant (from the injected clock)
   * @return the resolution; empty when nothing is desired (no stored item and no schedule)
   */
  public static Optional<Resolution> resolve(
      Optional<DesiredState> stored, boolean pinned, Optional<Schedule> schedule, Instant now) {
    Optional<DesiredState> manual = stored.filter(d -> !d.requestedBy().equals(SCHEDULE));
    if (manual.isPresent()) {
      return Optional.of(manual(manual.get(), pinned, schedule, now));
    }
    if (schedule.isPresent()) {
      return Optional.of(fromSchedule(schedule.get(), now));
    }
    return stored.map(
        d -> new Resolution(d, Resolution.Reason.STORED, Optional.empty(), Optional.empty()));
  }

  private static Resolution manual(
      DesiredState d, boolean pinned, Optional<Schedule> schedule, Instant now) {
    Resolution.Reason governing = pinned ? Resolution.Reason.PINNED : Resolution.Reason.OVERRIDE;
    if (d.until().isPresent()) {
      Instant until = d.until().get();
      if (now.isBefore(until)) {
        return new Resolution(d, governing, d.until(), d.until());
      }
      return schedule.map(s -> afterExpiry(s, until, now)).orElseGet(() -> reversed(d, until));
    }
    if (pinned) {
      return new Resolution(d, governing, Optional.empty(), Optional.empty());
    }
    if (schedule.isEmpty()) {
      return new Resolution(d, Resolution.Reason.STORED, Optional.empty(), Optional.empty());
    }
    Optional<Instant> end = schedule.get().nextFiring(d.requestedAt()).map(Edge::at);
    if (end.isEmpty() || now.isBefore(end.get())) {
      return new Resolution(d, governing, end, end);
    }
    return fromSchedule(schedule.get(), now);
  }

  /** The schedule governs again; until its next edge, the reason is the expiry. */
  private static Resolution afterExpiry(Schedule schedule, Instant until, Instant now) {
    Resolution resolution = fromSchedule(schedule, now);
    if (!resolution.desired().requestedAt().isBefore(until)) {
      return resolution;
    }
    DesiredState expired =
        new DesiredState(
            resolution.state(),
            Optional.empty(),
            Set.of(),
            SCHEDULE,
            "override expired at " + until,
            until);
    return new Resolution(
        expired, Resolution.Reason.OVERRIDE_EXPIRED, Optional.empty(), resolution.nextChange());
  }

  private static Resolution reversed(DesiredState d, Instant until) {
    State opposite = d.state() == State.AWAKE ? State.ASLEEP : State.AWAKE;
    DesiredState after =
        new DesiredState(
            opposite,
            Optional.empty(),
            Set.of(),
            d.requestedBy(),
            "override expired at " + until,
            until);
    return new Resolution(
        after, Resolution.Reason.OVERRIDE_EXPIRED, Optional.empty(), Optional.empty());
  }

  private static Resolution fromSchedule(Schedule schedule, Instant now) {
    Edge edge = schedule.edgeAt(now);
    boolean holiday = edge.reason() == Edge.Reason.HOLIDAY;
    String why =
        holiday ? "holiday" + edge.holiday().map(name -> " (" + name + ")").orElse("") : SCHEDULE;
    DesiredState desired =
        new DesiredState(edge.to(), Optional.empty(), Set.of(), SCHEDULE, why, edge.at());
    return new Resolution(
        desired,
        holiday ? Resolution.Reason.HOLIDAY : Resolution.Reason.SCHEDULE,
        Optional.empty(),
        schedule.nextEdge(now).map(Edge::at));
  }
}
