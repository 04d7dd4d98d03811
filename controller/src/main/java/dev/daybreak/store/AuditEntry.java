package dev.daybreak.store;

import dev.daybreak.model.State;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One desired-state change.
 *
 * @param at when it was accepted
 * @param who who asked
 * @param via how it arrived
 * @param from the state before, if there was one
 * @param to the state after
 * @param until when the request expires, if it does
 * @param reason why
 */
public record AuditEntry(
    Instant at,
    String who,
    Via via,
    Optional<State> from,
    State to,
    Optional<Instant> until,
    String reason) {
  public AuditEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(who, "who");
    Objects.requireNonNull(via, "via");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(until, "until");
    Objects.requireNonNull(reason, "reason");
  }
}
