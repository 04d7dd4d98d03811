package dev.daybreak.store;

import dev.daybreak.model.State;
import java.time.Instant;
import java.util.List;
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
 * @param defaulted the attributes a hand edit left out that daybreak filled with their defaults
 *     ({@code requestedBy}, {@code reason}, {@code requestedAt}); empty for every other change
 */
public record AuditEntry(
    Instant at,
    String who,
    Via via,
    Optional<State> from,
    State to,
    Optional<Instant> until,
    String reason,
    List<String> defaulted) {
  public AuditEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(who, "who");
    Objects.requireNonNull(via, "via");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(until, "until");
    Objects.requireNonNull(reason, "reason");
    defaulted = List.copyOf(defaulted);
  }

  /** A change with nothing defaulted. */
  public AuditEntry(
      Instant at,
      String who,
      Via via,
      Optional<State> from,
      State to,
      Optional<Instant> until,
      String reason) {
    this(at, who, via, from, to, until, reason, List.of());
  }
}
