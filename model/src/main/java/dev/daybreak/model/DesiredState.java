package dev.daybreak.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What someone asked the environment to be.
 *
 * @param state AWAKE or ASLEEP
 * @param until when the request expires, if it does
 * @param services the logical services to wake (with their dependencies); empty means all
 * @param requestedBy who asked (a user, "schedule", a Slack user)
 * @param reason why, in their words
 * @param requestedAt when
 */
public record DesiredState(
    State state,
    Optional<Instant> until,
    Set<String> services,
    String requestedBy,
    String reason,
    Instant requestedAt) {

  public DesiredState {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(until, "until");
    services = Set.copyOf(services);
    Objects.requireNonNull(requestedBy, "requestedBy");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(requestedAt, "requestedAt");
  }

  /** A request for the whole environment with no expiry. */
  public static DesiredState of(State state, String requestedBy, String reason, Instant at) {
    return new DesiredState(state, Optional.empty(), Set.of(), requestedBy, reason, at);
  }

  /** True when only a subset of services was asked for. */
  public boolean isPartial() {
    return !services.isEmpty();
  }
}
