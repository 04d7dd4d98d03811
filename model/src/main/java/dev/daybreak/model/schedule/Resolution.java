package dev.daybreak.model.schedule;

import dev.daybreak.model.DesiredState;
import dev.daybreak.model.State;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The effective desired state of an environment at one instant, and why.
 *
 * @param desired what to drive the environment to: the stored item when it governs, else one made
 *     for the schedule ({@code requestedBy} {@value EffectiveState#SCHEDULE}, {@code requestedAt}
 *     the edge in force)
 * @param reason why this state
 * @param overrideUntil while a manual change governs: when it stops governing (empty: not by
 *     itself)
 * @param nextChange the next instant at which the state or its reason may change; nothing changes
 *     before it, so a controller sets its timer here (empty: never by itself)
 */
public record Resolution(
    DesiredState desired,
    Reason reason,
    Optional<Instant> overrideUntil,
    Optional<Instant> nextChange) {

  /** Why the effective state is what it is. */
  public enum Reason {
    /**
     * A manual change (CLI, Slack, a hand edit) governs until its {@code until} or the next edge.
     */
    OVERRIDE,
    /** A manual change pinned against the schedule governs until its {@code until}, if any. */
    PINNED,
    /**
     * A manual change's {@code until} passed; the schedule (or, without one, the reverse) governs.
     */
    OVERRIDE_EXPIRED,
    /** The schedule's latest edge governs. */
    SCHEDULE,
    /** The schedule governs and its latest wake was skipped for a holiday. */
    HOLIDAY,
    /** No schedule governs: the stored desired state stands. */
    STORED
  }

  public Resolution {
    Objects.requireNonNull(desired, "desired");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(overrideUntil, "overrideUntil");
    Objects.requireNonNull(nextChange, "nextChange");
  }

  /** The effective state. */
  public State state() {
    return desired.state();
  }
}
