package dev.daybreak.reconcile;

import dev.daybreak.manifests.Calendars;
import dev.daybreak.model.DesiredState;
import dev.daybreak.model.EnvironmentSpec;
import dev.daybreak.model.EnvironmentStatus;
import dev.daybreak.model.schedule.EffectiveState;
import dev.daybreak.model.schedule.Resolution;
import dev.daybreak.model.schedule.Schedule;
import dev.daybreak.model.schedule.ScheduleException;
import dev.daybreak.model.schedule.WakeLead;
import dev.daybreak.store.DesiredRead;
import dev.daybreak.store.StoredDesired;
import dev.daybreak.store.StoredEnvironment;
import dev.daybreak.store.StoredStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the store meets the schedule semantics of {@link EffectiveState}: compiles an environment's
 * schedule with its measured wake lead, and turns a stored desired item into the manual change it
 * is. Shared by the reconciler and the CLI ({@code schedule}, {@code get envs}), so what the CLI
 * shows is what the controller does.
 */
public final class EffectiveDesired {

  private EffectiveDesired() {}

  /**
   * The environment's compiled schedule, if it declares one. The wake lead for {@code wakeBy} is
   * the p90 of the measured wakes, else the estimate from the manifest.
   *
   * @throws ScheduleException or IllegalArgumentException when the schedule does not compile with
   *     these calendars (e.g. it names a calendar this controller was not given)
   */
  public static Optional<Schedule> schedule(
      EnvironmentSpec spec, List<Duration> measuredWakes, Calendars calendars) {
    if (spec.schedule().isEmpty()) {
      return Optional.empty();
    }
    Duration lead = WakeLead.of(measuredWakes, WakeLead.estimate(spec));
    return Optional.of(
        Schedule.compile(spec.schedule().get(), calendars.of(spec.schedule().get()), lead));
  }

  /** The schedule of a stored environment, with the wakes measured in its status. */
  public static Optional<Schedule> schedule(StoredEnvironment environment, Calendars calendars) {
    return schedule(
        environment.spec().spec(),
        environment
            .status()
            .map(StoredStatus::status)
            .map(EnvironmentStatus::wakeDurations)
            .orElse(List.of()),
        calendars);
  }

  /**
   * The stored item as the manual change it is: it counts from when daybreak accepted it, which for
   * a hand edit is when the controller first saw it, not a {@code requestedAt} the person left as
   * it was.
   */
  public static DesiredState asChange(StoredDesired stored) {
    DesiredState d = stored.desired();
    Instant since =
        stored.acceptedAt().filter(a -> a.isAfter(d.requestedAt())).orElse(d.requestedAt());
    return new DesiredState(d.state(), d.until(), d.services(), d.requestedBy(), d.reason(), since);
  }

  /** Resolves the effective state from a desired item as read (a hand edit not yet adopted too). */
  public static Optional<Resolution> resolve(
      DesiredRead read, Optional<Schedule> schedule, Instant now) {
    if (read instanceof DesiredRead.Valid valid) {
      return resolve(valid.stored(), schedule, now);
    }
    return EffectiveState.resolve(Optional.empty(), false, schedule, now);
  }

  /** Resolves the effective state from a stored desired item. */
  public static Optional<Resolution> resolve(
      StoredDesired stored, Optional<Schedule> schedule, Instant now) {
    return EffectiveState.resolve(Optional.of(asChange(stored)), stored.pinned(), schedule, now);
  }
}
