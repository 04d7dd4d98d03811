package dev.daybreak.model.schedule;

import dev.daybreak.model.State;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A moment the schedule acts: a window's wake or sleep fires, or a wake is skipped for a holiday.
 *
 * @param at when
 * @param to the schedule's state from {@code at} on ({@link Schedule#stateAt} of {@code at}); for a
 *     firing that repeats the current state (e.g. a sleep while asleep), the same state
 * @param reason why
 * @param awakeBy for a pre-warming wake ({@code wakeBy}): the deadline it must be Awake by
 * @param holiday for a skipped wake: the holiday's name (empty when its calendar names none)
 */
public record Edge(
    Instant at, State to, Reason reason, Optional<Instant> awakeBy, Optional<String> holiday) {

  /** Why an edge happens. */
  public enum Reason {
    /** A window's wake or sleep time (or cron expression) fired. */
    SCHEDULE,
    /** A wake was due but its local date is a holiday: the environment stays asleep. */
    HOLIDAY
  }

  public Edge {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(awakeBy, "awakeBy");
    Objects.requireNonNull(holiday, "holiday");
    if (reason == Reason.HOLIDAY && to != State.ASLEEP) {
      throw new IllegalArgumentException("a skipped wake leaves the environment ASLEEP, not " + to);
    }
  }

  /** True for a firing, false for a wake skipped for a holiday. */
  public boolean fired() {
    return reason == Reason.SCHEDULE;
  }
}
